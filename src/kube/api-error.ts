/** What kind of failure a request to the API server met. */
export type FailureKind =
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'throttled'
  | 'server'
  | 'credentials'
  | 'protocol'
  | 'aborted'
  | 'stalled'
  | 'readonly'
  | 'other';

/** A failed request to the API server, classified, with the server's own message when it sent one. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
    /** Seconds the server asked us to wait (429/503 Retry-After). */
    readonly retryAfter?: number,
    readonly reason?: string,
    /** The Status's details.causes (a 422's field errors). */
    readonly causes?: readonly { field?: string; message?: string }[],
  ) {
    super(message);
  }
}

const TLS_CODES = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|ERR_OSSL)/;
const NET_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Classifies a thrown network, TLS or credential-plugin error. */
export function classifyError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as NodeJS.ErrnoException & { name?: string };
  const code = e?.code ?? '';
  const message = e?.message ?? String(err);
  if (e?.name === 'AbortError' || code === 'ABORT_ERR') return new ApiError('aborted', 'request aborted');
  if (TLS_CODES.test(code) || /certificate|self[- ]signed|SSL routines|TLS/i.test(message)) return new ApiError('tls', message);
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return new ApiError('timeout', message);
  if (NET_CODES.has(code)) return new ApiError('unreachable', message);
  if (/exec|credential|token|auth|spawn|ENOENT/i.test(message)) return new ApiError('credentials', message);
  return new ApiError('other', message);
}

/** Builds the error for a non-2xx response from its status and (maybe Status-shaped) body. */
export function statusError(status: number, body: string, retryAfterHeader?: string | string[]): ApiError {
  let message = body.trim().slice(0, 500);
  let reason: string | undefined;
  let causes: { field?: string; message?: string }[] | undefined;
  try {
    const parsed = JSON.parse(body);
    if (parsed && typeof parsed.message === 'string') message = parsed.message;
    if (parsed && typeof parsed.reason === 'string') reason = parsed.reason;
    if (Array.isArray(parsed?.details?.causes)) causes = parsed.details.causes;
  } catch {
    // not JSON: keep the text
  }
  const header = Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader;
  const retryAfter = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
  const kind: FailureKind =
    status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : status === 410 ? 'gone' : status === 429 ? 'throttled' : status >= 500 ? 'server' : 'protocol';
  return new ApiError(kind, message || `HTTP ${status}`, status, retryAfter, reason, causes);
}
