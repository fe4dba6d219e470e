import type { ProbeResult, ProbeTarget } from './probe-types.js';

const BODY_CHARS = 60;

/** The first bytes of a body for one line: whitespace collapsed, cut at 60 characters. */
export function bodyExcerpt(body: string | undefined): string {
  const flat = (body ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > BODY_CHARS ? `${flat.slice(0, BODY_CHARS)}…` : flat;
}

/** A duration in a fixed width (`   4ms`), so lines stay aligned and tests can mask it by position. */
export function probeTime(ms: number | undefined): string {
  return `${String(Math.round(ms ?? 0)).padStart(4)}ms`;
}

const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)}s`;

/** Where a probe goes, for its line: `via pods/proxy :8080`, `via http://172.18.255.200:80 (Host shop.example.com)`. */
export function probeVia(t: Pick<ProbeTarget, 'via' | 'resource' | 'port' | 'label' | 'host'>): string {
  if (t.via === 'api-proxy') return t.resource === 'pods' ? `via pods/proxy :${t.port}` : `via services/proxy :${t.port}`;
  return `via ${t.label}${t.host ? ` (Host ${t.host})` : ''}`;
}

/** The probe line under a node: `probe: GET /api via pods/proxy :8080 → 500 in    4ms · {"error":…}` (the time always at the same place). */
export function probeLine(r: ProbeResult, via: string): string {
  const head = `probe: ${r.method} ${r.path} ${via}`;
  if (r.outcome === 'not-sent') return `${head}: not sent: ${r.message ?? ''}`;
  if (r.outcome === 'planned') return `${head}: to be sent (y sends, n cancels)`;
  if (r.outcome === 'timeout') return `${head} → no answer within ${seconds(r.timeoutMs)}`;
  const status = r.outcome === 'failed' ? 'no HTTP answer' : `${r.status}`;
  const detail = r.outcome === 'answered' ? bodyExcerpt(r.body) : r.outcome === 'api-error' ? `from the API server: ${r.message ?? ''}` : (r.message ?? '');
  return `${head} → ${status} in ${probeTime(r.ms)}${detail ? ` · ${detail}` : ''}`;
}

/** A hop's answer as a verb phrase for the verdict (`answer 500`, `does not answer within 3s`), singular or plural. */
export function answerPhrase(r: ProbeResult, plural: boolean): string {
  const s = plural ? '' : 's';
  switch (r.outcome) {
    case 'answered':
      return `answer${s} ${r.status}`;
    case 'api-error':
      return `answer${s} ${r.status} from the API server (${r.message ?? ''})`;
    case 'timeout':
      return `${plural ? 'do' : 'does'} not answer within ${seconds(r.timeoutMs)}`;
    default:
      return `give${s} no HTTP answer (${r.message ?? 'connection failed'})`;
  }
}

/** What a set of probes sends where, short enough for one line: `GET /api → 2 pods, 1 Service (via the API server), http://…:80 (direct)`. */
export function probeSummary(targets: readonly ProbeTarget[]): string {
  const count = (layer: ProbeTarget['layer']) => targets.filter((t) => t.layer === layer).length;
  const n = (k: number, one: string, many: string) => (k ? [`${k} ${k === 1 ? one : many}`] : []);
  const viaApi = [...n(count('pod'), 'pod', 'pods'), ...n(count('service'), 'Service', 'Services')];
  const direct = [...new Set(targets.filter((t) => t.via === 'direct').map((t) => t.label))];
  const parts = [...(viaApi.length ? [`${viaApi.join(', ')} (via the API server)`] : []), ...(direct.length ? [`${direct.join(', ')} (direct)`] : [])];
  const first = targets[0];
  return `${first?.method ?? 'GET'} ${first?.path ?? '/'} → ${parts.join(', ')}`;
}
