import { StatusError } from '../api/status-error.js';

/** The annotation of the BOOKMARK that ends a streaming list's initial events. */
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** What a server whose storage cannot serve streaming lists says (recorded: etcd 3.4 lacks RequestWatchProgress). */
export const WATCH_LIST_REFUSED_MESSAGE = 'a watch stream was requested by the client but the required storage feature RequestWatchProgress is disabled';

/** The object of the ERROR event that refuses a streaming list (watch/watch-sendinitialevents.jsonl). */
export function watchListRefusal(): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: WATCH_LIST_REFUSED_MESSAGE, reason: 'InternalError', code: 500 };
}

/** A BOOKMARK object marked as the end of the initial events. */
export function initialEventsEnd(bookmark: Record<string, unknown>): Record<string, unknown> {
  const metadata = bookmark.metadata as Record<string, unknown>;
  return { ...bookmark, metadata: { ...metadata, annotations: { [INITIAL_EVENTS_END]: 'true' } } };
}

/** `sendInitialEvents` as asked: true, false, or null when absent. */
export function sendInitialEventsParam(q: URLSearchParams): boolean | null {
  const v = q.get('sendInitialEvents');
  if (v === null) return null;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new StatusError(400, 'BadRequest', `sendInitialEvents: invalid value ${JSON.stringify(v)}`);
}

interface Cause {
  reason: string;
  message: string;
  field: string;
}

const forbidden = (field: string, detail: string): Cause => ({ reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field });
const notSupported = (field: string, value: string, supported: string[]): Cause => ({
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
  field,
});

/**
 * The 422 a real API server answers for streaming-list parameters it refuses (apimachinery's
 * ValidateListOptions, for the parts about sendInitialEvents), or undefined when they are valid.
 */
export function watchListInvalid(q: URLSearchParams, watch: boolean): StatusError | undefined {
  const send = q.get('sendInitialEvents');
  const match = q.get('resourceVersionMatch') ?? '';
  const causes: Cause[] = [];
  if (!watch) {
    if (send !== null) causes.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  } else {
    if (send !== null && match !== 'NotOlderThan') causes.push(forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    if (match) {
      if (send === null) causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') causes.push(notSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if (q.get('continue')) causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
  }
  if (!causes.length) return undefined;
  const listed = causes.map((c) => `${c.field}: ${c.message}`);
  const message = `ListOptions.meta.k8s.io "" is invalid: ${listed.length === 1 ? listed[0] : `[${listed.join(', ')}]`}`;
  return new StatusError(422, 'Invalid', message, { group: 'meta.k8s.io', kind: 'ListOptions', causes });
}
