import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
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
  ]) assert.equal(withoutManagedFields(text), text);
  assert.equal(withoutManagedFields('{"metadata":{"managedFields":[{"manager":"x"'), '{"metadata":{"managedFields":[{"manager":"x"');
});
