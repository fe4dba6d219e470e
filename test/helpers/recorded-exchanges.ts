import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from './recorded-corpus.js';

/** One recorded request and the real server's answer (`errors/<code>-<case>.http`). */
export interface RecordedExchange {
  /** The file name without `.http`: `404-missing-pod`. */
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

/** Parses a recorded `.http` exchange: `> ` request lines, a blank line, then the raw HTTP/1.1 response. */
export function parseExchange(name: string, text: string): RecordedExchange {
  const lines = text.split('\n');
  const request = lines.filter((l) => l.startsWith('>')).map((l) => l.replace(/^> ?/, ''));
  const [method, path] = request[0].split(' ');
  const headers: Record<string, string> = {};
  let i = 1;
  for (; i < request.length && request[i] !== ''; i++) {
    const m = /^([^:]+):\s*(.*)$/.exec(request[i]);
    if (m && m[1].toLowerCase() !== 'authorization') headers[m[1]] = m[2];
  }
  const body = request.slice(i + 1).join('\n') || undefined;
  const responseAt = lines.findIndex((l) => l.startsWith('HTTP/1.1 '));
  const status = Number(lines[responseAt].split(' ')[1]);
  const responseHeaders: Record<string, string> = {};
  let j = responseAt + 1;
  for (; j < lines.length && lines[j].trim() !== ''; j++) {
    const m = /^([^:]+):\s*(.*)$/.exec(lines[j].trim());
    if (m) responseHeaders[m[1].toLowerCase()] = m[2];
  }
  return { name, method, path, headers, body, status, responseHeaders, responseBody: lines.slice(j + 1).join('\n').trim() };
}

/** Every recorded exchange in `errors/`, by name. */
export function recordedExchanges(): RecordedExchange[] {
  const dir = join(CORPUS, 'errors');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.http'))
    .sort()
    .map((f) => parseExchange(f.slice(0, -'.http'.length), readFileSync(join(dir, f), 'utf8')));
}
