import { matches, parseSelector, SelectorError, type Selector } from '../label-selector.js';
import type { Row } from './table-rows.js';

/** A compiled `/` filter: text or regex over the cells, `-l` label selector, `!` to invert. */
export interface RowFilter {
  text: string;
  /** Whether the row passes; `text` stands for the row's own (its cells with live ones filled in). */
  test(row: Row, text?: string): boolean;
  /** Whether it reads the cells' text (a label selector does not). */
  readsText: boolean;
  /**
   * The plain word it looks for (case-insensitive; no pattern, no inversion), which lies within one
   * cell, so that cells can be tested apart; empty for any other filter.
   */
  word: string;
}

/** A filter that could not be compiled, with the reason. */
export class FilterError extends Error {}

// Plain text: no regex syntax, no inversion, no selector; typing more of it can only narrow.
const PLAIN = /^[^!\-\\^$.|?*+()[\]{}][^\\^$.|?*+()[\]{}]*$/;

/**
 * Compiles what a person types after `/`: a case-insensitive regular expression over the
 * row's cells (`nginx`, `Crash|Error`), `-l app=web,tier!=db` (a label selector), and a
 * leading `!` to keep the rows that do not match. Invalid input throws a FilterError.
 */
export function compileFilter(input: string): RowFilter | undefined {
  let text = input.trim();
  if (!text) return undefined;
  let invert = false;
  if (text.startsWith('!')) {
    invert = true;
    text = text.slice(1).trim();
  }
  let test: (row: Row, text?: string) => boolean;
  if (text.startsWith('-l')) {
    let selector: Selector;
    try {
      selector = parseSelector(text.slice(2).trim());
    } catch (e) {
      throw new FilterError(e instanceof SelectorError ? `bad label selector: ${e.message}` : String(e));
    }
    test = (row) => matches(selector, row.object?.metadata?.labels);
  } else {
    let re: RegExp;
    try {
      // Multiline over the newline-joined cells: one test per row, and ^ and $ still mean a cell's start and end.
      re = new RegExp(text, 'im');
    } catch (e) {
      throw new FilterError(`bad regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
    test = (row, text = row.text) => re.test(text);
  }
  // A newline within the text spans cells: not a word (the prompt takes no control characters; a caller might).
  const word = !invert && PLAIN.test(text) && !text.includes('\n') ? text : '';
  return { text: input, test: invert ? (row, text) => !test(row, text) : test, readsText: !text.startsWith('-l'), word };
}

/**
 * Whether every row `next` keeps is also kept by `previous`, so that a keystroke can filter the
 * previous matches instead of every row: true when both are plain text and `next` extends it.
 */
export function narrows(previous: string, next: string): boolean {
  const p = previous.trim();
  const n = next.trim();
  return p !== '' && PLAIN.test(p) && PLAIN.test(n) && folded(n).startsWith(folded(p));
}

// Case folded as the filter's regex (i, without u) folds it: each code unit to its upper case, unless that
// is not one unit or leaves ASCII from beyond it (the Kelvin sign K stays; lower case folded K into k, so
// `kube` was taken as narrowing K's matches, which hold none of its rows).
const folded = (s: string): string =>
  s.replace(/[^]/g, (c) => {
    const u = c.toUpperCase();
    return u.length === 1 && !(c.charCodeAt(0) >= 128 && u.charCodeAt(0) < 128) ? u : c;
  });
