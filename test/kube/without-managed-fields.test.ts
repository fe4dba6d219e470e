import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { withoutManagedFields } from '../../src/kube/without-managed-fields.js';
import { CORPUS, hasCorpus } from '../helpers/recorded-corpus.js';

/** A parsed value with every metadata's managedFields deleted: what the cut must parse to. */
function dropped(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropped);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'managedFields' || !Array.isArray(x)) out[k] = dropped(x);
  return out;
}
const agrees = (text: string) => assert.deepEqual(JSON.parse(withoutManagedFields(text)), dropped(JSON.parse(text)), text.slice(0, 200));

test('every object, list and watch event recorded from a real API server, as it sends them (compact JSON): the same object but its managedFields', { skip: hasCorpus ? false : 'the recorded corpus is not on this machine' }, () => {
  let texts = 0;
  let cut = 0;
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));
  for (const file of ['objects', 'lists', 'watch'].flatMap((d) => files(join(CORPUS, d)))) {
    const raw = readFileSync(file, 'utf8');
    // A .body is a watch stream (an event a line) or one pretty-printed Status.
    const whole = file.endsWith('.json') || (file.endsWith('.body') && raw.startsWith('{\n'));
    const docs = whole ? [raw] : file.endsWith('.jsonl') || file.endsWith('.body') ? raw.split('\n').filter((l) => l.startsWith('{')) : [];
    for (const doc of docs) {
      // The API server's own bytes where they are compact (watch streams); files pretty-printed at recording, compacted.
      const text = doc.includes('\n') ? JSON.stringify(JSON.parse(doc)) : doc;
      agrees(text);
      texts++;
      if (withoutManagedFields(text).length < text.length) cut++;
    }
  }
  // Field sets hold keys such as "k:{\"type\":\"Ready\"}": braces and quotes inside strings, skipped as strings.
  assert.ok(texts > 150 && cut > 100, `${cut} of ${texts} texts had managedFields cut`);
});

test('only a member as the API server writes it is cut: first, middle, last, nested; text that only looks like one stays', () => {
  const mf = '[{"manager":"kubectl","fieldsV1":{"f:metadata":{"f:labels":{"k:{\\"a\\":\\"]}\\"}":{}}},"f:x":"\\\\"}}]';
  for (const text of [
    `{"metadata":{"managedFields":${mf},"name":"a"}}`,
    `{"metadata":{"name":"a","managedFields":${mf},"uid":"u"}}`,
    `{"metadata":{"name":"a","managedFields":${mf}}}`,
    `{"metadata":{"managedFields":${mf}}}`,
    `{"items":[{"metadata":{"managedFields":${mf}}},{"metadata":{"name":"b","managedFields":[]}}]}`,
    `{"spec":{"template":{"metadata":{"managedFields":${mf},"name":"t"}}},"metadata":{"managedFields":${mf}}}`,
  ]) {
    agrees(text);
    assert.ok(!withoutManagedFields(text).includes('manager'), text);
  }
  // Inside a string the quotes are escaped: nothing is cut, however it reads.
  for (const text of [
    '{"metadata":{"annotations":{"note":"{\\"managedFields\\":[1,2]}"},"name":"a"}}',
    '{"metadata":{"annotations":{"note":",\\"managedFields\\":[1]"}}}',
    // Not an array, pretty-printed, or cut short: left for JSON.parse as it is.
    '{"metadata":{"managedFields":null}}',
    '{"metadata": {"managedFields": [{"manager":"x"}]}}',
    '{"metadata":{"name":"a", "managedFields":[{"manager":"x"}]}}',
    // A first member with space before its comma: cut, it would leave `{ ,` (found by the property below).
    '{"metadata":{"managedFields":[{"manager":"x"}] ,"name":"a"}}',
  ]) assert.equal(withoutManagedFields(text), text);
  assert.equal(withoutManagedFields('{"metadata":{"managedFields":[{"manager":"x"'), '{"metadata":{"managedFields":[{"manager":"x"');
});

// What JSON.parse gives with every array-valued managedFields member removed, from any object (the reviver's undefined deletes it).
const reference = (text: string) => JSON.parse(text, (k, v) => (k === 'managedFields' && Array.isArray(v) ? undefined : v));

// Strings made of what could mislead a scanner: quotes, backslashes, brackets, the key itself, unicode (astral and line separators).
const tricky = fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', 'a', ' ', '\n', 'é', '\u2028', '😀', '\ud800', 'managedFields', '"managedFields":[', ',"managedFields":[1]', '{"managedFields":['), maxLength: 12 });
const key = fc.oneof({ weight: 3, arbitrary: fc.constant('managedFields') }, fc.constantFrom('metadata', 'name', 'items', 'managedFieldsX', 'xmanagedFields', 'x"managedFields', '"managedFields', '__proto__', '0'), tricky);
const { value, object } = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ maxDepth: 5, depthIdentifier: 'json' }, fc.constantFrom(null, true, false, 0, -1.5e-300, 12), tricky, fc.array(tie('value'), { maxLength: 4, depthIdentifier: 'json' }), tie('object')),
  // Unique keys (a JSON text with duplicate keys is out of scope), managedFields often among them, an array or any value.
  object: fc
    .uniqueArray(fc.oneof(fc.tuple(fc.constant('managedFields'), fc.array(tie('value'), { maxLength: 3, depthIdentifier: 'json' })), fc.tuple(key, tie('value'))), { maxLength: 5, selector: ([k]) => k, depthIdentifier: 'json' })
    .map((members) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of members) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      return o;
    }),
}));

test('any JSON value, as JSON.stringify writes it: the cut parses to the value without its array-valued managedFields members, at any depth', () => {
  let [tried, cuts, nested] = [0, 0, 0];
  const holds = (v: unknown) => {
    const text = JSON.stringify(v);
    if (text === undefined) return;
    const cut = withoutManagedFields(text);
    assert.deepEqual(JSON.parse(cut), reference(text), text);
    tried++;
    if (cut.length < text.length) cuts++;
    if (/"managedFields":\[[^\]]*"managedFields":\[/.test(text) && cut.length < text.length) nested++;
  };
  fc.assert(fc.property(value, holds), { numRuns: 10000 });
  fc.assert(fc.property(object, holds), { numRuns: 10000 });
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), holds), { numRuns: 5000 });
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 6, stringUnit: 'binary' }), holds), { numRuns: 5000 });
  // The same value wrapped as a watch event's object's metadata, managedFields around it.
  fc.assert(fc.property(value, value, (a, b) => holds({ type: 'MODIFIED', object: { metadata: { managedFields: [a], name: b, x: { managedFields: a } }, managedFields: [[b]] } })), { numRuns: 5000 });
  // The generators do reach what is claimed: many texts cut, some with managedFields inside managedFields (or beside, before the array's end).
  assert.ok(cuts > tried / 5 && nested > 200, `${cuts} of ${tried} texts cut, ${nested} nested`);
});

/** The value written as JSON with the whitespace `spaces` gives (cycled) between every token: any valid JSON text. */
function spaced(v: unknown, spaces: readonly string[]): string {
  let n = 0;
  const ws = () => spaces[n++ % spaces.length];
  const write = (x: unknown): string => {
    if (Array.isArray(x)) return `[${ws()}${x.map((e) => write(e) + ws()).join(`,${ws()}`)}]`;
    if (x !== null && typeof x === 'object') return `{${ws()}${Object.entries(x).map(([k, e]) => `${JSON.stringify(k)}${ws()}:${ws()}${write(e)}${ws()}`).join(`,${ws()}`)}}`;
    return JSON.stringify(x);
  };
  return ws() + write(v) + ws();
}

/** Whether `cut` is `whole` with some of its array-valued managedFields members removed, and nothing else changed. */
function fewerManagedFields(whole: unknown, cut: unknown): boolean {
  if (Array.isArray(whole)) return Array.isArray(cut) && cut.length === whole.length && whole.every((e, i) => fewerManagedFields(e, cut[i]));
  if (whole === null || typeof whole !== 'object') return Object.is(whole, cut);
  if (cut === null || typeof cut !== 'object' || Array.isArray(cut)) return false;
  const w = whole as Record<string, unknown>;
  const c = cut as Record<string, unknown>;
  if (!Object.keys(c).every((k) => Object.hasOwn(w, k))) return false;
  return Object.keys(w).every((k) => (Object.hasOwn(c, k) ? fewerManagedFields(w[k], c[k]) : k === 'managedFields' && Array.isArray(w[k])));
}

test('any JSON text, whitespace anywhere: what is cut is only array-valued managedFields members (a member with space around its colon stays)', () => {
  const space = fc.array(fc.constantFrom('', '', '', ' ', '\n', '\t', '\r\n'), { minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(fc.oneof(object, value), space, (v, spaces) => {
      const text = spaced(v, spaces);
      assert.ok(fewerManagedFields(JSON.parse(text), JSON.parse(withoutManagedFields(text))), text);
    }),
    { numRuns: 10000 },
  );
  // Pretty-printed as a person or a proxy might: parsed whole.
  fc.assert(fc.property(object, (v) => assert.deepEqual(JSON.parse(withoutManagedFields(JSON.stringify(v, null, 2))), v)), { numRuns: 2000 });
});
