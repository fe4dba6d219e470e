/** Which hop of a route a probe tests, innermost first. */
export type ProbeLayer = 'pod' | 'service' | 'entry' | 'edge';

/** The layers from the inside out: a verdict names the innermost that fails. */
export const PROBE_LAYERS: readonly ProbeLayer[] = ['pod', 'service', 'entry', 'edge'];

/** One request a probe would send: to a pod or a Service through the API server, or straight to an address. */
export interface ProbeTarget {
  /** The route node it tests (and whose line shows the result). */
  nodeId: string;
  layer: ProbeLayer;
  /** `api-proxy`: through the API server's pods/proxy or services/proxy; `direct`: from where kdrill runs. */
  via: 'api-proxy' | 'direct';
  method: 'GET' | 'HEAD';
  /** The request path (with query) the application sees. */
  path: string;
  /** For `api-proxy`: the object and port, e.g. pods frontend-x port 80, services frontend port http. */
  namespace?: string;
  resource?: 'pods' | 'services';
  name?: string;
  port?: string | number;
  /** For `direct`: the address and port to connect to, the scheme, and the Host header. */
  address?: string;
  addressPort?: number;
  scheme?: 'http' | 'https';
  host?: string;
  /** How the target is named in the output (`pods/proxy frontend-x:80`, `http://172.18.255.200:80`). */
  label: string;
}

/** What became of one probe. */
export type ProbeOutcome =
  /** The application (or the hop) answered with a status. */
  | 'answered'
  /** The API server answered for the hop: it could not reach it (no endpoints, connection refused). */
  | 'api-error'
  | 'timeout'
  /** Not sent: the user may not use the proxy subresource, the address is not routable from here, --readonly. */
  | 'not-sent'
  /** Sent, but no HTTP answer came (connection refused or reset, TLS failure). */
  | 'failed'
  /** Not sent yet: marked on the route while the explorer asks whether to send it. */
  | 'planned';

/** The result of one probe, as the JSON output documents it (`probe` on a route node). */
export interface ProbeResult {
  layer: ProbeLayer;
  via: ProbeTarget['via'];
  method: ProbeTarget['method'];
  path: string;
  target: string;
  outcome: ProbeOutcome;
  /** The HTTP status, when one came back (from the hop, or from the API server for `api-error`). */
  status?: number;
  /** Milliseconds until the status line (or until giving up). */
  ms?: number;
  /** The first bytes of the body, whitespace collapsed (sanitised before it is shown). */
  body?: string;
  /** Why it was not sent or did not answer, or the API server's message. */
  message?: string;
  /** The timeout it was sent with (ms). */
  timeoutMs: number;
}

/** Whether a probe shows the hop failing: a 5xx, an API server error, no answer. Not sent is not a failure. */
export function probeFails(r: ProbeResult): boolean {
  if (r.outcome === 'not-sent' || r.outcome === 'planned') return false;
  if (r.outcome === 'answered') return (r.status ?? 0) >= 500;
  return true;
}
