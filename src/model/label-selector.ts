import type { LabelSelector } from './types.js';

/** One parsed requirement of a label selector. */
export interface Requirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!exists';
  values: string[];
}

/** A parsed selector: every requirement must hold (AND). An empty list matches everything. */
export type Selector = readonly Requirement[];

/** A selector that was not understood, with the reason in words. */
export class SelectorError extends Error {
  override name = 'SelectorError';
}

const KEY = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const VALUE = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?$/;

/** Splits on commas that are not inside a `( ... )` value set. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms.map((t) => t.trim());
}

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new SelectorError(`invalid label key "${key}"`);
  return key;
}

function checkValue(value: string): string {
  if (value.length > 63 || !VALUE.test(value)) throw new SelectorError(`invalid label value "${value}"`);
  return value;
}

function parseTerm(term: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set) {
    const values = set[3].split(',').map((v) => checkValue(v.trim()));
    return { key: checkKey(set[1]), op: set[2] as 'in' | 'notin', values };
  }
  const cmp = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
  if (cmp) {
    const value = checkValue(cmp[3].trim());
    return { key: checkKey(cmp[1]), op: cmp[2] === '!=' ? 'notin' : 'in', values: [value] };
  }
  if (term.startsWith('!')) return { key: checkKey(term.slice(1).trim()), op: '!exists', values: [] };
  return { key: checkKey(term), op: 'exists', values: [] };
}

/** Parses the string form (`app=web,tier!=db,env in (a,b),!canary`); throws SelectorError. */
export function parseSelector(text: string): Selector {
  if (text.trim() === '') return [];
  return splitTerms(text).map((term) => {
    if (term === '') throw new SelectorError('empty term in label selector');
    return parseTerm(term);
  });
}

/** Converts a structured LabelSelector to requirements; undefined or malformed input matches nothing. */
export function fromLabelSelector(sel: LabelSelector | undefined | null): Selector | null {
  if (!sel || typeof sel !== 'object') return null;
  const reqs: Requirement[] = [];
  const labels = sel.matchLabels;
  if (labels && typeof labels === 'object') {
    for (const [key, value] of Object.entries(labels)) reqs.push({ key, op: 'in', values: [String(value)] });
  }
  for (const expr of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    const values = Array.isArray(expr?.values) ? expr.values.map(String) : [];
    const op = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!exists' }[String(expr?.operator)];
    if (!op || typeof expr.key !== 'string') return null;
    reqs.push({ key: expr.key, op: op as Requirement['op'], values });
  }
  return reqs;
}

/** Converts a plain map selector (Service.spec.selector); an empty or missing map gives null. */
export function fromMap(map: Record<string, string> | undefined | null): Selector | null {
  if (!map || typeof map !== 'object' || Object.keys(map).length === 0) return null;
  return Object.entries(map).map(([key, value]) => ({ key, op: 'in' as const, values: [String(value)] }));
}

/** Whether a set of labels satisfies every requirement. */
export function matches(selector: Selector, labels: Record<string, string> | undefined | null): boolean {
  const l = labels && typeof labels === 'object' ? labels : {};
  for (const r of selector) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'in':
        if (!has || !r.values.includes(l[r.key])) return false;
        break;
      case 'notin':
        if (has && r.values.includes(l[r.key])) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** Renders requirements back to the string form kubectl prints. */
export function formatSelector(selector: Selector): string {
  return selector
    .map((r) => {
      if (r.op === 'exists') return r.key;
      if (r.op === '!exists') return `!${r.key}`;
      if (r.values.length === 1) return `${r.key}${r.op === 'in' ? '=' : '!='}${r.values[0]}`;
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    })
    .join(',');
}
