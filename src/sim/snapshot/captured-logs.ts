import type { LogLine } from '../logs/log-lines.js';

/** Captured log lines by `NAMESPACE/POD/CONTAINER` (with `.previous` for the instance before a restart). */
export type CapturedLogs = Map<string, LogLine[]>;

/** The key of a container's captured lines. */
export function capturedKey(namespace: string, pod: string, container: string, previous: boolean): string {
  return `${namespace}/${pod}/${container}${previous ? '.previous' : ''}`;
}

/** Reads a log captured with `timestamps=true` (`RFC3339NANO TEXT` per line) back into timed lines. */
export function parseCapturedLog(text: string): LogLine[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let last = 0;
  return lines.map((l) => {
    const space = l.indexOf(' ');
    const at = space > 0 ? Date.parse(l.slice(0, space)) : NaN;
    if (Number.isNaN(at)) return { at: last, text: l };
    last = at;
    return { at, text: l.slice(space + 1) };
  });
}
