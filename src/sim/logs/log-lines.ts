import type { LogStyle } from '../images.js';

/** One generated log line with its time (epoch ms). */
export interface LogLine {
  at: number;
  text: string;
}

/** A container instance whose lines are generated: a seed, a style and its lifetime. */
export interface LogSource {
  seed: string;
  style: LogStyle;
  image: string;
  startedAt: number;
  /** When the instance ended, or undefined while it runs. */
  endedAt?: number;
  /** The last line an instance that crashed prints. */
  crashMessage?: string;
  /** Lines a second, when the image says (otherwise the style's few). */
  rate?: number;
}

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A small seeded PRNG (mulberry32), so a container's history is the same on every read. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const PATHS = ['/', '/healthz', '/api/v1/orders', '/api/v1/users/me', '/static/app.js', '/admin/', '/api/v1/loans?page=2', '/favicon.ico', '/api/v1/risk/score'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64)', 'kube-probe/1.31', 'curl/8.5.0', 'Go-http-client/1.1', 'okhttp/4.12.0'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const APP_MESSAGES = [
  ['INFO', 'processed batch id=%n items=%s duration=%dms'],
  ['INFO', 'request completed method=GET path=%p status=200 duration=%dms'],
  ['DEBUG', 'cache hit key=user:%n'],
  ['INFO', 'connected to database pool size=10 idle=%s'],
  ['WARN', 'slow query took %dms: SELECT * FROM loans WHERE status = $1'],
  ['ERROR', 'upstream timeout after 3000ms calling risk-engine:8080'],
] as const;

function clf(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function fill(template: string, r: () => number): string {
  return template
    .replace('%n', String(1000 + Math.floor(r() * 9000)))
    .replace('%s', String(1 + Math.floor(r() * 64)))
    .replace('%d', String(2 + Math.floor(r() * 400)))
    .replace('%p', pick(r, PATHS));
}

function line(style: LogStyle, at: number, r: () => number): string {
  if (style === 'access') {
    const status = r() < 0.9 ? 200 : pick(r, [301, 404, 499, 502]);
    const ip = `10.244.${Math.floor(r() * 4)}.${2 + Math.floor(r() * 250)}`;
    return `${ip} - - [${clf(at)}] "${pick(r, ['GET', 'GET', 'GET', 'POST'])} ${pick(r, PATHS)} HTTP/1.1" ${status} ${Math.floor(r() * 20000)} "-" "${pick(r, AGENTS)}"`;
  }
  const [level, template] = r() < 0.85 ? pick(r, APP_MESSAGES.slice(0, 4)) : pick(r, APP_MESSAGES.slice(4));
  const msg = fill(template, r);
  if (style === 'json') {
    return JSON.stringify({ ts: new Date(at).toISOString(), level: level.toLowerCase(), msg: msg.split(' ').slice(0, 2).join(' '), detail: msg, trace_id: Math.floor(r() * 2 ** 32).toString(16) });
  }
  return `${new Date(at).toISOString()} ${level.padEnd(5)} [worker-${Math.floor(r() * 8)}] ${msg}`;
}

function startLines(src: LogSource): string[] {
  if (src.style === 'access') {
    return ['/docker-entrypoint.sh: Configuration complete; ready for start up', `start worker processes (image ${src.image})`];
  }
  const ts = new Date(src.startedAt).toISOString();
  if (src.style === 'json') return [JSON.stringify({ ts, level: 'info', msg: 'starting', image: src.image }), JSON.stringify({ ts, level: 'info', msg: 'listening', addr: ':8080' })];
  return [`${ts} INFO  [main] starting ${src.image}`, `${ts} INFO  [main] listening on :8080`];
}

const RATE: Record<LogStyle, number> = { access: 0.8, app: 0.35, json: 0.35 };

/** The lines a container instance wrote with from <= at < to, oldest first. */
export function linesBetween(src: LogSource, from: number, to: number): LogLine[] {
  const end = Math.min(to, src.endedAt ?? Infinity);
  const out: LogLine[] = [];
  if (src.startedAt >= from && src.startedAt < end) for (const text of startLines(src)) out.push({ at: src.startedAt, text });
  const seed = hash32(src.seed);
  const first = Math.max(Math.floor(from / 1000), Math.floor(src.startedAt / 1000) + 1);
  for (let sec = first; sec * 1000 < end; sec++) {
    const r = rng(seed ^ Math.imul(sec, 0x9e3779b1));
    let n = 0;
    if (src.rate !== undefined) {
      n = Math.floor(src.rate) + (r() < src.rate % 1 ? 1 : 0);
    } else {
      let budget = r();
      while (budget < RATE[src.style] && n < 4) {
        n++;
        budget += r();
      }
    }
    const times = Array.from({ length: n }, () => sec * 1000 + Math.floor(r() * 1000)).sort((a, b) => a - b);
    // Every line of the second is generated, so a line's text never depends on the range asked for.
    for (const at of times) {
      const text = line(src.style, at, r);
      if (at >= from && at < end) out.push({ at, text });
    }
  }
  if (src.endedAt !== undefined && src.crashMessage && src.endedAt >= from && src.endedAt < to) out.push({ at: src.endedAt, text: src.crashMessage });
  return out;
}

/** The last `n` lines written before `to`, searching back in growing windows. */
export function tailLines(src: LogSource, n: number, to: number): LogLine[] {
  let window = 60_000;
  for (;;) {
    const from = Math.max(src.startedAt, to - window);
    const lines = linesBetween(src, from, to + 1);
    if (lines.length >= n || from <= src.startedAt) return lines.slice(Math.max(0, lines.length - n));
    window *= 4;
  }
}
