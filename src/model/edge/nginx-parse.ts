import type { NginxDirective, NginxProblem } from './edge-types.js';
import { NginxSyntaxError, tokenize, type NginxToken } from './nginx-tokens.js';

/** Configuration files by path relative to the config root (`nginx.conf`, `id-conf.d/holmes.conf`). */
export type NginxFiles = ReadonlyMap<string, string>;

/** A parsed configuration: the directives (includes replaced by what they include) and the problems met. */
export interface NginxParsed {
  directives: NginxDirective[];
  /** Files read, in the order nginx reads them. */
  files: string[];
  problems: NginxProblem[];
}

// Deep enough for any real configuration, shallow enough to stop an include loop.
const MAX_INCLUDE_DEPTH = 16;

/** Parses the tokens of one file into directives, or throws an NginxSyntaxError. */
export function parseTokens(tokens: readonly NginxToken[], file: string): NginxDirective[] {
  let i = 0;
  const block = (depth: number): NginxDirective[] => {
    const list: NginxDirective[] = [];
    let words: { text: string; line: number }[] = [];
    while (i < tokens.length) {
      const t = tokens[i++]!;
      if (t.kind === 'word') {
        words.push({ text: t.text, line: t.line });
      } else if (t.kind === ';') {
        if (words.length === 0) throw new NginxSyntaxError('unexpected ";"', t.line);
        list.push({ name: words[0]!.text, args: words.slice(1).map((w) => w.text), file, line: words[0]!.line });
        words = [];
      } else if (t.kind === '{') {
        if (words.length === 0) throw new NginxSyntaxError('unexpected "{"', t.line);
        const d: NginxDirective = { name: words[0]!.text, args: words.slice(1).map((w) => w.text), file, line: words[0]!.line };
        words = [];
        d.block = block(depth + 1);
        list.push(d);
      } else {
        if (words.length) throw new NginxSyntaxError('unexpected "}"', t.line);
        if (depth === 0) throw new NginxSyntaxError('unexpected "}"', t.line);
        return list;
      }
    }
    if (words.length) throw new NginxSyntaxError('unexpected end of file, expecting ";" or "}"', words[0]!.line);
    if (depth > 0) throw new NginxSyntaxError('unexpected end of file, expecting "}"', tokens[tokens.length - 1]?.line ?? 1);
    return list;
  };
  return block(0);
}

const globRe = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .split('')
      .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : /[.+^${}()|\\]/.test(c) ? `\\${c}` : c))
      .join('')}$`,
  );

/**
 * The files an `include` names, relative to the config root, sorted as nginx's glob does. A
 * relative path is relative to the root (nginx's prefix); an absolute one (`/etc/nginx/conf.d/*.conf`)
 * is read from a copy of that tree by dropping leading directories until something matches.
 */
export function includeMatches(pattern: string, files: NginxFiles): string[] {
  const parts = pattern.replace(/^\.\//, '').split('/').filter(Boolean);
  const names = [...files.keys()];
  const from = pattern.startsWith('/') ? parts.length - 1 : 0;
  for (let drop = 0; drop <= from; drop++) {
    const re = globRe(parts.slice(drop).join('/'));
    const found = names.filter((n) => re.test(n)).sort();
    if (found.length || !pattern.startsWith('/')) return found;
  }
  return [];
}

/**
 * Parses the configuration starting at `entry` (a key of `files`), replacing each `include` by
 * the directives of the files it matches, in place, as nginx does. Syntax errors and includes
 * that match nothing are problems, not exceptions: the rest is still read.
 */
export function parseNginx(files: NginxFiles, entry: string): NginxParsed {
  const problems: NginxProblem[] = [];
  const read: string[] = [];
  const load = (file: string, depth: number): NginxDirective[] => {
    const text = files.get(file);
    if (text === undefined) {
      problems.push({ file, line: 0, message: `cannot read ${file}` });
      return [];
    }
    read.push(file);
    try {
      return expand(parseTokens(tokenize(text), file), depth);
    } catch (e) {
      if (!(e instanceof NginxSyntaxError)) throw e;
      problems.push({ file, line: e.line, message: e.message });
      return [];
    }
  };
  const expand = (list: NginxDirective[], depth: number): NginxDirective[] =>
    list.flatMap((d) => {
      if (d.name === 'include' && !d.block) {
        const pattern = d.args[0] ?? '';
        if (depth >= MAX_INCLUDE_DEPTH) {
          problems.push({ file: d.file, line: d.line, message: `include ${pattern}: nested too deep (a loop?)` });
          return [];
        }
        const matched = includeMatches(pattern, files);
        // nginx fails on a missing plain file but accepts a glob that matches nothing.
        if (matched.length === 0 && !/[*?[]/.test(pattern)) problems.push({ file: d.file, line: d.line, message: `include ${pattern}: no such file under the config root` });
        return matched.flatMap((f) => load(f, depth + 1));
      }
      return [d.block ? { ...d, block: expand(d.block, depth) } : d];
    });
  const directives = load(entry, 0);
  return { directives, files: read, problems };
}
