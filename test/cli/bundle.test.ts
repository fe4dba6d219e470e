import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

// V8 keeps a script's source in memory for the process's life: one byte per character when
// every character is ASCII, two bytes per character (6 MB instead of 3) when one is not.
test('the bundles are ASCII, so V8 holds their source one byte per character', () => {
  for (const file of ['dist/cli.js', 'dist/cli-light.js']) {
    assert.ok(existsSync(file), 'the CLI bundle is built (npm test builds it first)');
    const text = readFileSync(file, 'latin1');
    const at = text.search(/[^\x00-\x7f]/);
    assert.equal(at, -1, `${file} has a non-ASCII character at ${at}: ${JSON.stringify(text.slice(at - 30, at + 10))}`);
  }
});
