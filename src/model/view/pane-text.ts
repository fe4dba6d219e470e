import stringWidth from 'string-width';

/** Lines cut to a width (long lines continue on the next lines), for the pane's wrap mode. */
export function wrapLines(lines: readonly string[], width: number): string[] {
  if (width < 2) return [...lines];
  const out: string[] = [];
  for (const line of lines) {
    if (stringWidth(line) <= width) {
      out.push(line);
      continue;
    }
    let cur = '';
    let w = 0;
    for (const ch of line) {
      const cw = stringWidth(ch);
      if (w + cw > width) {
        out.push(cur);
        cur = '';
        w = 0;
      }
      cur += ch;
      w += cw;
    }
    if (cur) out.push(cur);
  }
  return out;
}

/** A pane search: a case-insensitive regex, or the text itself when it is not a valid regex. */
export function searchPattern(query: string): RegExp | undefined {
  if (!query) return undefined;
  try {
    return new RegExp(query, 'gi');
  } catch {
    return new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  }
}

/** The indexes of the lines a search matches. */
export function matchingLines(lines: readonly string[], pattern: RegExp | undefined): number[] {
  if (!pattern) return [];
  const out: number[] = [];
  lines.forEach((l, i) => {
    pattern.lastIndex = 0;
    if (pattern.test(l)) out.push(i);
  });
  return out;
}

/** The match `n` (forward) or `N` (backward) goes to from a line, wrapping around. */
export function nextMatch(matches: readonly number[], from: number, forward: boolean): number | undefined {
  if (!matches.length) return undefined;
  if (forward) return matches.find((m) => m > from) ?? matches[0];
  return [...matches].reverse().find((m) => m < from) ?? matches[matches.length - 1];
}

/** What a piece of a YAML line is, for colouring: a key, a string, a number, a boolean or null, or other text. */
export type YamlKind = 'key' | 'string' | 'number' | 'bool' | 'text';

/** A YAML line in coloured pieces: `  name: web` → indent, `name:` key, ` `, `web` string. */
export function yamlSegments(line: string): { text: string; kind: YamlKind }[] {
  const m = /^(\s*(?:- )*)([^\s"'#][^:]*?:|"[^"]*":)(\s+|$)(.*)$/.exec(line);
  if (!m) {
    const item = /^(\s*- )(.*)$/.exec(line);
    return item ? [{ text: item[1], kind: 'text' }, { text: item[2], kind: valueKind(item[2]) }] : [{ text: line, kind: valueKind(line.trim()) === 'string' ? 'text' : valueKind(line.trim()) }];
  }
  const [, indent, key, gap, value] = m;
  const parts: { text: string; kind: YamlKind }[] = [
    { text: indent, kind: 'text' },
    { text: key, kind: 'key' },
    { text: gap, kind: 'text' },
    ...(value ? [{ text: value, kind: valueKind(value) }] : []),
  ];
  return parts.filter((s) => s.text);
}

function valueKind(v: string): YamlKind {
  if (/^-?\d+(\.\d+)?$/.test(v)) return 'number';
  if (/^(true|false|null|~)$/.test(v)) return 'bool';
  if (/^[|>][-+]?$/.test(v) || v === '{}' || v === '[]') return 'text';
  return 'string';
}

const LEVEL_KEYS = ['level', 'lvl', 'severity'];
const MESSAGE_KEYS = ['msg', 'message'];
const TIME_KEYS = ['ts', 'time', 'timestamp', '@timestamp'];

/** A JSON log line read compactly: `INFO message key=value ...` (time dropped, it is in the stamp); other lines unchanged. */
export function compactJson(line: string): string {
  const brace = line.indexOf('{');
  if (brace < 0 || !line.trimEnd().endsWith('}')) return line;
  let o: unknown;
  try {
    o = JSON.parse(line.slice(brace));
  } catch {
    return line;
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return line;
  const rec = o as Record<string, unknown>;
  const pick = (keys: string[]) => keys.find((k) => k in rec);
  const levelKey = pick(LEVEL_KEYS);
  const msgKey = pick(MESSAGE_KEYS);
  const rest = Object.entries(rec)
    .filter(([k]) => k !== levelKey && k !== msgKey && !TIME_KEYS.includes(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const head = [levelKey ? String(rec[levelKey]).toUpperCase().padEnd(5) : '', msgKey ? String(rec[msgKey]) : ''].filter(Boolean).join(' ');
  return line.slice(0, brace) + [head, ...rest].filter(Boolean).join(' ');
}

/** The lines of `next` that `previous` did not have (as many times as they occur), by index. */
export function newLines(previous: readonly string[], next: readonly string[]): Set<number> {
  const counts = new Map<string, number>();
  for (const l of previous) counts.set(l, (counts.get(l) ?? 0) + 1);
  const out = new Set<number>();
  next.forEach((l, i) => {
    const n = counts.get(l) ?? 0;
    if (n > 0) counts.set(l, n - 1);
    else out.add(i);
  });
  return out;
}
