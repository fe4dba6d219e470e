/** One token of nginx configuration: a word (quotes removed), or one of `;`, `{`, `}`. */
export type NginxToken = { kind: 'word'; text: string; quoted: boolean; line: number } | { kind: ';' | '{' | '}'; line: number };

/** A tokenizer error with the line it happened on. */
export class NginxSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const SPACE = new Set([' ', '\t', '\r', '\n']);
// nginx unescapes only these after a backslash; any other `\x` stays as written (regexes keep `\.`).
const UNESCAPE: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', t: '\t', r: '\r', n: '\n' };

/**
 * Splits nginx configuration text into tokens the way nginx's ngx_conf_read_token does: words
 * end at whitespace, `;` or `{` (except `{` right after `$`, as in `${var}`); `#` at the start of
 * a word comments out the rest of the line; `"…"` and `'…'` quote, with backslash escapes.
 */
export function tokenize(text: string): NginxToken[] {
  const out: NginxToken[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (SPACE.has(ch)) {
      if (ch === '\n') line++;
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === ';' || ch === '{' || ch === '}') {
      out.push({ kind: ch, line });
      i++;
    } else if (ch === '"' || ch === "'") {
      const start = line;
      let word = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new NginxSyntaxError(`unexpected end of file, expecting ${ch}`, start);
        const c = text[i]!;
        if (c === '\\' && i + 1 < text.length) {
          const n = text[i + 1]!;
          word += UNESCAPE[n] ?? `\\${n}`;
          if (n === '\n') line++;
          i += 2;
          continue;
        }
        i++;
        if (c === ch) break;
        if (c === '\n') line++;
        word += c;
      }
      out.push({ kind: 'word', text: word, quoted: true, line: start });
    } else {
      let word = '';
      while (i < text.length) {
        const c = text[i]!;
        if (SPACE.has(c) || c === ';' || c === '}') break;
        if (c === '{' && !word.endsWith('$')) break;
        if (c === '\\' && i + 1 < text.length) {
          const n = text[i + 1]!;
          word += UNESCAPE[n] ?? `\\${n}`;
          i += 2;
          continue;
        }
        // `${var}`: the braces belong to the variable.
        if (c === '{') {
          const close = text.indexOf('}', i);
          if (close < 0) throw new NginxSyntaxError('unexpected end of file, expecting "}" of a ${variable}', line);
          word += text.slice(i, close + 1);
          i = close + 1;
          continue;
        }
        word += c;
        i++;
      }
      out.push({ kind: 'word', text: word, quoted: false, line });
    }
  }
  return out;
}
