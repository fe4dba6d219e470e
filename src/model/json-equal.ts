import { canonical } from './canonical-json.js';

/**
 * Whether two values have the same canonical JSON (key order aside, a member JSON cannot hold is
 * no member), found without serialising: the simulator compares each spec it writes, thousands of
 * times in the demo's warm-up, and mostly finds them equal.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Scalars, and objects with a JSON form of their own (a Date): compared as JSON.
  if (!isPlain(a) || !isPlain(b)) return canonical(a) === canonical(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    // In an array, a member JSON cannot hold is written as null.
    for (let i = 0; i < a.length; i++) if (!jsonEqual(inArray(a[i]), inArray(y[i]))) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let members = 0;
  for (const k of Object.keys(x)) {
    if (omitted(x[k])) continue;
    members++;
    if (!Object.hasOwn(y, k) || omitted(y[k]) || !jsonEqual(x[k], y[k])) return false;
  }
  for (const k of Object.keys(y)) if (!omitted(y[k])) members--;
  return members === 0;
}

// Objects and arrays that JSON writes member by member.
function isPlain(v: unknown): v is object {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === Array.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function inArray(v: unknown): unknown {
  return omitted(v) ? null : v;
}
