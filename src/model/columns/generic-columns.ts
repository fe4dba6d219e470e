/**
 * Columns for kinds without a dedicated printer: NAME AGE, and custom resources
 * printed from their CRD's additionalPrinterColumns as the apiextensions table
 * convertor does.
 */
import type { KubeObject } from '../types.js';
import type { Column, ColumnSet, ColumnType } from './column.js';
import { humanReadableDate, parseRfc3339 } from '../format/duration.js';
import { ageColumn, nameColumn } from './common.js';
import { evaluateJsonPath, parseJsonPath } from './json-path.js';
import { at, isObject, list, str } from './read.js';

/** NAME AGE: custom resources without printer columns, and any kind kdrill has no printer for. */
export const genericColumns: ColumnSet = [nameColumn, ageColumn];

/** Go's fmt %v of a float64: shortest representation, exponent form below 1e-4 and from 1e6 (2 exponent digits). */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, exponent] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (exp >= -4 && exp < 6) return String(n);
  const digits = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
  return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
}

/** Go's json.Marshal of decoded JSON: sorted object keys, <, > and & escaped. */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${goJson(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  return 'null';
}

/** Text of a decoded JSON scalar as fmt.Sprint prints it (integers stay integral). */
function scalarText(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? value.toFixed(0) : goFloat(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return '';
}

/** One printer-column cell, as cellForJSONValue / PrintResults render it; "" for a nil cell. */
export function crdCellText(type: string, value: unknown, now: number): string {
  if (value === undefined || value === null) return '';
  switch (type) {
    case 'string':
      return Array.isArray(value) || isObject(value) ? goJson(value) : scalarText(value);
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value).toFixed(0) : '';
    case 'number':
      return typeof value === 'number' ? goFloat(value) : '';
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : '';
    case 'date':
      return typeof value === 'string' ? humanReadableDate(value, now) : '';
    default:
      return '';
  }
}

function columnType(type: string): ColumnType {
  return type === 'integer' || type === 'number' || type === 'date' ? type : 'string';
}

/** The printer columns of the CRD version `version` (default: the storage version, else the first). */
function printerColumns(crd: unknown, version?: string): readonly unknown[] {
  const versions = list(at(crd, 'spec', 'versions'));
  const chosen =
    versions.find((v) => version !== undefined && at(v, 'name') === version) ??
    (version === undefined ? versions.find((v) => at(v, 'storage') === true) ?? versions[0] : undefined);
  const columns = list(at(chosen, 'additionalPrinterColumns'));
  // apiextensions/v1beta1 CRDs kept printer columns at the top level of the spec.
  return columns.length > 0 ? columns : list(at(crd, 'spec', 'additionalPrinterColumns'));
}

/**
 * A ColumnSet for custom resources of `crd` (optionally a given served version),
 * from additionalPrinterColumns: NAME, then one column per definition with its
 * uppercased name and priority; NAME AGE when the version defines none. Like the
 * API server, columns stop at the first JSONPath that cannot be parsed.
 */
export function crdColumns(crd: KubeObject, version?: string): ColumnSet {
  const defs = printerColumns(crd, version);
  if (defs.length === 0) return genericColumns;
  const columns: Column[] = [nameColumn];
  for (const def of defs) {
    if (!isObject(def)) break;
    const path = str(def.jsonPath) || str(def.JSONPath);
    const steps = parseJsonPath(path);
    if (steps === undefined) break;
    const type = str(def.type);
    const read = (o: KubeObject): unknown => evaluateJsonPath(steps, o)[0];
    columns.push({
      name: str(def.name).toUpperCase(),
      type: columnType(type),
      priority: typeof def.priority === 'number' && def.priority !== 0 ? 1 : 0,
      description: str(def.description) || `Custom resource definition column (in JSONPath format): ${path}`,
      text: (o, now) => crdCellText(type, read(o), now),
      sort: (o, now) => {
        const value = read(o);
        if (type === 'date') return parseRfc3339(value) ?? 0;
        if (type === 'integer' || type === 'number') return typeof value === 'number' ? value : 0;
        return crdCellText(type, value, now);
      },
    });
  }
  return columns;
}
