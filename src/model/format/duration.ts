/**
 * Durations and timestamps the way kubectl prints them.
 *
 * `humanDuration` and `shortHumanDuration` port apimachinery's
 * `pkg/util/duration` (HumanDuration / ShortHumanDuration) line for line, with
 * durations in milliseconds instead of Go nanoseconds. Go's integer conversions
 * truncate toward zero, hence `Math.trunc` throughout.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Epoch milliseconds of Go's zero `time.Time` (0001-01-01T00:00:00Z), which kubectl treats as unset. */
export const GO_ZERO_TIME_MS = -62135596800000;

/** apimachinery's ShortHumanDuration: "45s", "5m", "3h", "12d", "2y"; "<invalid>" below -1s. */
export function shortHumanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '<invalid>';
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/** apimachinery's HumanDuration (kubectl's AGE): "90s", "5m30s", "3h20m", "2d3h", "3y45d"; "<invalid>" below -1s. */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '<invalid>';
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Recently parsed timestamps: objects in a list share few distinct strings. */
const parsed = new Map<string, number | undefined>();
const PARSED_MAX = 4096;

/**
 * Parses an RFC 3339 timestamp (as metav1.Time and MicroTime serialise) to epoch
 * milliseconds, keeping sub-millisecond precision as a fraction; `undefined` when
 * the value is not a string or not a valid RFC 3339 time.
 */
export function parseRfc3339(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length > 40) return undefined; // longer than any RFC 3339 time
  if (parsed.has(value)) return parsed.get(value);
  const ms = parse(value);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(value, ms);
  return ms;
}

function parse(value: string): number | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  if (date.getUTCDate() !== day) return undefined; // e.g. February 30th
  let ms = date.getTime();
  if (m[7]) ms += Number(`0.${m[7]}`) * SECOND;
  if (m[8] !== 'Z') {
    const offHours = Number(m[10]);
    const offMinutes = Number(m[11]);
    if (offHours > 23 || offMinutes > 59) return undefined;
    const offset = (offHours * 60 + offMinutes) * MINUTE;
    ms += m[9] === '+' ? -offset : offset;
  }
  return ms;
}

/**
 * Epoch milliseconds of a timestamp field, or `undefined` when it is missing,
 * malformed or Go's zero time: the value `sort` keys and age arithmetic use.
 */
export function timestampMs(value: unknown): number | undefined {
  const ms = parseRfc3339(value);
  return ms === undefined || ms === GO_ZERO_TIME_MS ? undefined : ms;
}

/** kubectl's translateTimestampSince: HumanDuration since the timestamp, "<unknown>" when unset. */
export function translateTimestampSince(timestamp: unknown, now: number): string {
  const ms = timestampMs(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}

/** kubectl's translateTimestampUntil: HumanDuration until the timestamp, "<unknown>" when unset. */
export function translateTimestampUntil(timestamp: unknown, now: number): string {
  const ms = timestampMs(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(ms - now);
}

/** The AGE column text for a creationTimestamp: "5m", "3h20m", "2d3h", or "<unknown>". */
export function age(timestamp: string | undefined, now: number): string {
  return translateTimestampSince(timestamp, now);
}

/**
 * A CRD printer column of type date, as the apiextensions table convertor renders
 * it: "<unknown>" for an empty or zero time, "<invalid>" for an unparsable one.
 */
export function humanReadableDate(value: string, now: number): string {
  if (value === '' || value === 'null') return '<unknown>';
  const ms = parseRfc3339(value);
  if (ms === undefined) return '<invalid>';
  return ms === GO_ZERO_TIME_MS ? '<unknown>' : humanDuration(now - ms);
}
