/**
 * The subset of client-go's JSONPath that CRD additionalPrinterColumns use:
 * `.spec.x.y`, `.items[0]`, `['dotted.key']`, `[*]`, `[1:3]`, escaped dots
 * (`.labels.app\.kubernetes\.io/name`) and filters such as
 * `.status.conditions[?(@.type=="Ready")].status`.
 */
import { isObject } from './read.js';

type Literal = string | number | boolean;

/** One step of a parsed path. */
export type PathStep =
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'filter'; left: PathStep[]; op?: string; right?: Literal };

const FILTER = /^\?\(\s*@((?:[^=!<>\s])*)\s*(?:(==|!=|<=|>=|<|>)\s*(.+?))?\s*\)$/;

function parseLiteral(text: string): Literal | undefined {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) return quoted[2];
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : undefined;
}

function parseBracket(inner: string): PathStep | undefined {
  const text = inner.trim();
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) return { kind: 'field', name: quoted[2] };
  if (text === '*') return { kind: 'wildcard' };
  if (/^-?\d+$/.test(text)) return { kind: 'index', index: Number(text) };
  const slice = /^(-?\d+)?:(-?\d+)?$/.exec(text);
  if (slice) {
    return { kind: 'slice', start: slice[1] === undefined ? undefined : Number(slice[1]), end: slice[2] === undefined ? undefined : Number(slice[2]) };
  }
  const filter = FILTER.exec(text);
  if (!filter) return undefined;
  const left = parseJsonPath(filter[1]);
  if (left === undefined || left.some((s) => s.kind === 'filter')) return undefined;
  if (filter[2] === undefined) return { kind: 'filter', left };
  const right = parseLiteral(filter[3]);
  return right === undefined ? undefined : { kind: 'filter', left, op: filter[2], right };
}

/** Parses a JSONPath (with or without surrounding braces and `$`); `undefined` when unsupported. */
export function parseJsonPath(path: string): PathStep[] | undefined {
  let text = path.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1).trim();
  if (text.startsWith('$')) text = text.slice(1);
  const steps: PathStep[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '.') {
      i++;
      if (text[i] === '.') return undefined; // recursive descent is not supported
      let name = '';
      while (i < text.length && text[i] !== '.' && text[i] !== '[') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        name += text[i++];
      }
      if (name === '') {
        if (i >= text.length && steps.length === 0) break; // "." alone: the object itself
        return undefined;
      }
      steps.push(name === '*' ? { kind: 'wildcard' } : { kind: 'field', name });
    } else if (text[i] === '[') {
      let depth = 0;
      let end = i;
      for (; end < text.length; end++) {
        if (text[end] === '[' || text[end] === '(') depth++;
        if (text[end] === ']' || text[end] === ')') depth--;
        if (depth === 0) break;
      }
      if (end >= text.length) return undefined;
      const step = parseBracket(text.slice(i + 1, end));
      if (step === undefined) return undefined;
      steps.push(step);
      i = end + 1;
    } else {
      return undefined;
    }
  }
  return steps;
}

function compare(value: unknown, op: string, right: Literal): boolean {
  switch (op) {
    case '==':
      return value === right;
    case '!=':
      return value !== right;
    default:
      if (typeof value !== 'number' || typeof right !== 'number') return false;
      return op === '<' ? value < right : op === '<=' ? value <= right : op === '>' ? value > right : value >= right;
  }
}

function apply(values: unknown[], step: PathStep): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    switch (step.kind) {
      case 'field':
        if (isObject(value) && Object.hasOwn(value, step.name)) out.push(value[step.name]);
        break;
      case 'wildcard':
        if (Array.isArray(value)) out.push(...value);
        else if (isObject(value)) out.push(...Object.keys(value).sort().map((k) => value[k]));
        break;
      case 'index':
        if (Array.isArray(value)) {
          const index = step.index < 0 ? step.index + value.length : step.index;
          if (index >= 0 && index < value.length) out.push(value[index]);
        }
        break;
      case 'slice':
        if (Array.isArray(value)) out.push(...value.slice(step.start ?? 0, step.end ?? value.length));
        break;
      case 'filter':
        if (!Array.isArray(value)) break;
        for (const item of value) {
          const lefts = evaluateJsonPath(step.left, item);
          if (lefts.length === 0) continue;
          if (step.op === undefined || compare(lefts[0], step.op, step.right as Literal)) out.push(item);
        }
        break;
    }
  }
  return out;
}

/** All values `steps` select from `root` (missing keys select nothing). */
export function evaluateJsonPath(steps: readonly PathStep[], root: unknown): unknown[] {
  let values: unknown[] = [root];
  for (const step of steps) {
    values = apply(values, step);
    if (values.length === 0) break;
  }
  return values;
}
