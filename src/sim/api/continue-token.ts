import { badRequest } from './status-error.js';

/** What a real server's continue token holds: the list's resourceVersion and the key to start after. */
export interface ContinueKey {
  rv: number;
  /** The last returned object's key relative to the list (`name`, or `namespace/name` across namespaces). */
  after: string;
}

/** A continue token as a real server writes it: base64url of `{"v":"meta.k8s.io/v1","rv":…,"start":"<key>\u0000"}`. */
export function encodeContinue(key: ContinueKey): string {
  const json = `{"v":"meta.k8s.io/v1","rv":${key.rv},"start":${goJsonString(`${key.after}\u0000`)}}`;
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Go's json encoding of a string: HTML characters and U+0000 as \u escapes, as in the recorded tokens. */
function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's quoting of the byte a JSON decoder stumbled on: 'x' for printable ASCII, '\u009e' otherwise. */
function quoteChar(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return `'"'`;
  if (byte >= 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  return `'\\u${byte.toString(16).padStart(4, '0')}'`;
}

/** Reads a continue token; a malformed one is a 400 worded as the real server words it. */
export function decodeContinue(token: string): ContinueKey {
  const fail = (why: string) => badRequest(`invalid continue token: continue key is not valid: ${why}`);
  const bytes = Buffer.from(token, 'base64url');
  let parsed: any;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    const first = bytes.find((b) => ![0x20, 0x09, 0x0a, 0x0d].includes(b));
    throw fail(first === undefined ? 'unexpected end of JSON input' : `invalid character ${quoteChar(first)} looking for beginning of value`);
  }
  if (parsed?.v !== 'meta.k8s.io/v1') throw fail('incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof parsed.start !== 'string' || !parsed.start) throw fail('encoded start key is empty');
  if (!Number.isInteger(parsed.rv)) throw fail('incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  return { rv: parsed.rv, after: parsed.start.replace(/\u0000$/, '') };
}
