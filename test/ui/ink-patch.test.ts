import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

// patches/ink+6.8.0.patch keeps Ink's per-line caches across frames (see the README's figures);
// an Ink upgrade without a re-made patch must fail here, not quietly cost every keypress.
test('the Ink output patch is applied to the installed Ink', () => {
  // Ink's exports hide package.json: find the package from its entry point.
  const entry = createRequire(import.meta.url).resolve('ink');
  const pkg = join(entry.slice(0, entry.lastIndexOf('/node_modules/ink/') + '/node_modules/ink/'.length), 'package.json');
  const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
  assert.ok(readFileSync(`patches/ink+${version}.patch`, 'utf8'), `no patch for ink ${version}`);
  assert.match(readFileSync(join(dirname(pkg), 'build', 'output.js'), 'utf8'), /const sharedCaches = new OutputCaches\(\);/);
});
