import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import yaml from 'js-yaml';
import { prebuildYaml } from '../../../scripts/prebuilt-yaml.js';
import { prebuiltDocuments } from '../../../src/sim/scenario/prebuilt-yaml.js';

const ROOT = 'fixtures/scenarios';
const files = readdirSync(ROOT).flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(ROOT, d, f)));

test('every built-in scenario file is in the prebuilt table and reads from it as js-yaml reads it', () => {
  const table = prebuildYaml(ROOT);
  assert.ok(files.length >= 20, `the built-in scenarios' files are found (${files.length})`);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const docs = prebuiltDocuments(text, table);
    assert.ok(docs, `${file} is prebuilt`);
    assert.deepEqual(docs, yaml.loadAll(text), file);
  }
});

test('a text that differs from a prebuilt file by a byte is not read from the table', () => {
  const table = prebuildYaml(ROOT);
  const text = readFileSync(join(ROOT, 'demo', '10-shop.yaml'), 'utf8');
  assert.ok(prebuiltDocuments(text, table));
  assert.equal(prebuiltDocuments(text.replace('replicas: 3', 'replicas: 4'), table), undefined);
  assert.equal(prebuiltDocuments(`${text} `, table), undefined);
});

test('the bundles carry the table of the scenario files as they are now (rebuilt since a file changed)', () => {
  const keys = Object.keys(prebuildYaml(ROOT));
  for (const bundle of ['dist/cli.js', 'dist/cli-light.js']) {
    assert.ok(existsSync(bundle), 'the CLI is built (npm test builds it first)');
    const text = readFileSync(bundle, 'utf8');
    const missing = keys.filter((k) => !text.includes(k));
    assert.deepEqual(missing, [], `${bundle} lacks the prebuilt documents of ${missing.length} of ${keys.length} files: run npm run build`);
  }
});
