import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiError, classifyError, statusError } from './api-error.js';
import { PinnedKubeConfig } from './pinned-config.js';
import { readonlyRefusal } from './readonly-guard.js';

/** One request to the API server. */
export interface KubeRequest {
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  method?: string;
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  /** Fails a request that has received no bytes for this long (ms; 0: never); there is no whole-body timeout. */
  idleTimeoutMs?: number;
  /** For `lines`: pass empty lines on too (logs), instead of skipping them (watch streams). */
  keepEmptyLines?: boolean;
}

/** Counters a test or the status line can read. */
export interface TransportStats {
  requests: number;
  open: number;
}

/**
 * HTTP to the API server with the kubeconfig's TLS and credentials applied by client-node
 * (certificates, tokens, exec plugins, OIDC), so every auth method passes through untouched.
 * The transport is pinned to the context that was current when it was made: its server, CA and
 * user are a private copy, so no later change to the kubeconfig can send a request elsewhere.
 * Lists and watches stream without a whole-body timeout; a stalled connection is detected by idleness.
 */
export class KubeTransport {
  readonly stats: TransportStats = { requests: 0, open: 0 };
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });
  /** Every verb sent, for the read-only guarantee (`GET` only under --readonly). */
  readonly onRequest = new Set<(method: string, path: string) => void>();

  /** Under --readonly: every request but a GET that only reads is refused here, before anything is sent (see readonly-guard). */
  readonly = false;

  /** The one context's kubeconfig this transport uses, copied when it was made. */
  readonly kc: PinnedKubeConfig;
  /** The server's base URL, fixed when the transport was made. */
  readonly server: string;

  constructor(kc: KubeConfig, private readonly defaultIdleMs = 30_000) {
    this.kc = kc instanceof PinnedKubeConfig ? kc : PinnedKubeConfig.of(kc, kc.getCurrentContext());
    this.server = this.kc.getCurrentCluster()!.server;
  }

  /**
   * Sends a request and parses the JSON answer; non-2xx answers throw an ApiError. `onHead`
   * sees the start of the body as soon as it arrives (a list's metadata comes before its items).
   */
  async json<T = any>(req: KubeRequest, onHead?: (head: string) => void): Promise<T> {
    const res = await this.open(req);
    const text = await readAll(res, req.idleTimeoutMs ?? this.defaultIdleMs, onHead);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError('protocol', `the API server sent a response that is not JSON (${text.slice(0, 80)})`);
    }
  }

  /**
   * Streams a response line by line (watch, follow logs); resolves when the server ends it,
   * rejects with what `onLine` throws. Lines end at LF only (a CRLF loses its CR): a bare CR
   * inside a log line is text to show, not a line break. Invalid UTF-8 becomes U+FFFD.
   */
  async lines(req: KubeRequest, onLine: (line: string) => void, onOpen?: () => void): Promise<void> {
    const res = await this.open(req);
    onOpen?.();
    await new Promise<void>((resolve, reject) => {
      const idle = req.idleTimeoutMs ?? this.defaultIdleMs;
      const timer = setIdle(res, idle, () => reject(new ApiError('stalled', `no data from the API server for ${Math.round(idle / 1000)}s`)));
      const decoder = new StringDecoder('utf8');
      let pending = '';
      let failed = false;
      const emit = (line: string): boolean => {
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (!line && !req.keepEmptyLines) return true;
        try {
          onLine(line);
          return true;
        } catch (e) {
          // The consumer gave up on this stream (410 Gone, a bad event): end it and say why.
          failed = true;
          timer.stop();
          reject(e);
          res.destroy();
          return false;
        }
      };
      res.on('data', (chunk: Buffer) => {
        timer.touch();
        if (failed) return;
        pending += decoder.write(chunk);
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          if (!emit(line)) return;
        }
      });
      res.on('end', () => {
        timer.stop();
        if (failed) return;
        pending += decoder.end();
        if (pending && !emit(pending)) return;
        resolve();
      });
      res.on('error', (e) => {
        timer.stop();
        reject(classifyError(e));
      });
      res.on('aborted', () => {
        timer.stop();
        reject(new ApiError('unreachable', 'the connection was reset'));
      });
      // A response destroyed without 'end' (the consumer's own destroy aside) ends the stream too.
      res.on('close', () => {
        timer.stop();
        if (!res.complete && !failed) reject(new ApiError('unreachable', 'the connection was closed'));
        else resolve();
      });
    });
  }

  /**
   * Sends a request and gives whatever came back, any status: the status, the headers, the first
   * `maxBytes` of the body and the milliseconds until the status line (probes through pods/proxy and
   * services/proxy). The read-only rule applies as for every request. Rejects after `timeoutMs` in all.
   */
  async sample(req: KubeRequest, maxBytes: number, timeoutMs: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }> {
    const started = Date.now();
    const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(req.signal ? [req.signal] : [])]);
    try {
      const res = await this.open({ ...req, signal, idleTimeoutMs: timeoutMs }, true);
      const ms = Date.now() - started;
      const body = await readSome(res, maxBytes);
      return { status: res.statusCode ?? 0, headers: res.headers, body, ms };
    } catch (e) {
      if (signal.aborted && !req.signal?.aborted) throw new ApiError('timeout', `no answer within ${timeoutMs / 1000}s`);
      throw e;
    }
  }

  /** Closes pooled connections. */
  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async open(req: KubeRequest, anyStatus = false): Promise<http.IncomingMessage> {
    const url = new URL(this.server.replace(/\/+$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    // Checked on the URL as it will be sent (dot segments resolved), before anything is sent.
    const refusal = this.readonly ? readonlyRefusal(req.method ?? 'GET', url.pathname, new URL(this.server).pathname) : undefined;
    if (refusal) throw new ApiError('readonly', refusal);
    const opts: https.RequestOptions = { method: req.method ?? 'GET', headers: { Accept: req.accept ?? 'application/json' } };
    try {
      // client-node fills in TLS material and the Authorization header (running exec plugins if needed).
      await this.kc.applyToHTTPSOptions(opts);
    } catch (e) {
      throw new ApiError('credentials', (e as Error).message);
    }
    const isHttps = url.protocol === 'https:';
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    if (body) Object.assign(opts.headers!, { 'Content-Type': req.contentType ?? 'application/json', 'Content-Length': body.length });
    this.stats.requests++;
    for (const l of this.onRequest) l(opts.method!, url.pathname);
    return new Promise((resolve, reject) => {
      const r = (isHttps ? https : http).request(url, { ...opts, agent: opts.agent ?? (isHttps ? this.httpsAgent : this.httpAgent), signal: req.signal }, (res) => {
        const status = res.statusCode ?? 0;
        if ((status >= 200 && status < 300) || anyStatus) {
          this.stats.open++;
          res.once('close', () => this.stats.open--);
          resolve(res);
          return;
        }
        readAll(res, this.defaultIdleMs).then(
          // A server (or proxy) may echo the request back: the credentials never reach a message.
          (text) => reject(statusError(status, redact(text, opts.headers as http.OutgoingHttpHeaders), res.headers['retry-after'])),
          (e) => reject(classifyError(e)),
        );
      });
      const idle = setIdle(r, req.idleTimeoutMs ?? this.defaultIdleMs, () => r.destroy(new ApiError('timeout', `the API server at ${url.host} did not answer`)));
      r.on('response', () => idle.stop());
      r.on('error', (e) => {
        idle.stop();
        reject(classifyError(e));
      });
      r.end(body);
    });
  }
}

/** Text with the request's credentials (bearer token, basic auth) cut out. */
export function redact(text: string, headers: http.OutgoingHttpHeaders | undefined): string {
  const auth = String(headers?.Authorization ?? headers?.authorization ?? '');
  const secret = auth.replace(/^(Bearer|Basic)\s+/i, '');
  return secret.length >= 8 ? text.split(secret).join('<redacted>') : text;
}

function setIdle(emitter: { destroy(e?: Error): void }, ms: number, onIdle: () => void) {
  if (!(ms > 0)) return { touch: () => {}, stop: () => {} };
  let timer: NodeJS.Timeout | undefined = setTimeout(fire, ms);
  function fire() {
    timer = undefined;
    onIdle();
    emitter.destroy();
  }
  return {
    touch: () => timer?.refresh(),
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The first `max` bytes of a body (as UTF-8), then the response is let go. */
function readSome(res: http.IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      resolve(Buffer.concat(chunks).subarray(0, max).toString('utf8'));
      res.destroy();
    };
    res.on('data', (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size >= max) done();
    });
    res.on('end', done);
    res.on('error', done);
    res.on('close', done);
  });
}

function readAll(res: http.IncomingMessage, idleMs: number, onHead?: (head: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const idle = setIdle(res, idleMs, () => reject(new ApiError('stalled', `no data from the API server for ${Math.round(idleMs / 1000)}s`)));
    res.on('data', (c: Buffer) => {
      idle.touch();
      if (onHead && !chunks.length) onHead(c.toString('utf8', 0, Math.min(c.length, 4096)));
      chunks.push(c);
    });
    res.on('end', () => {
      idle.stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    res.on('error', (e) => {
      idle.stop();
      reject(classifyError(e));
    });
  });
}
