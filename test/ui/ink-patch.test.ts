import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';

// patches/ink+6.8.0.patch keeps Ink's per-line caches and finished rows across frames and
// prints simple rows as they are: keypresses at 30,000 rows cost about a sixth of upstream Ink's
// CPU with it (bench/ink-variants.bench.ts). An Ink upgrade without a re-made patch, or an
// install that skipped it, must fail here, not quietly cost every keypress.
// The Ink that `import 'ink'` loads (bench/ink-resolve.mjs can point it at an unpatched copy).
const entry = fileURLToPath(import.meta.resolve('ink'));
const inkDir = entry.slice(0, entry.lastIndexOf('/node_modules/ink/') + '/node_modules/ink/'.length);
const version = JSON.parse(readFileSync(join(inkDir, 'package.json'), 'utf8')).version;

test('the Ink output patch is applied to the installed Ink', () => {
  assert.ok(readFileSync(`patches/ink+${version}.patch`, 'utf8'), `no patch for ink ${version}`);
  assert.match(readFileSync(join(inkDir, 'build', 'output.js'), 'utf8'), /const sharedCaches = new OutputCaches\(\);/);
});

test('the installed Ink is exactly the patch applied: the patched text of every hunk is in it', () => {
  const patch = readFileSync(`patches/ink+${version}.patch`, 'utf8');
  let hunks = 0;
  // Per file of the patch (`+++ b/node_modules/ink/...`), each hunk's context and added lines, in order.
  for (const file of patch.split(/^diff --git /m).slice(1)) {
    const path = /^\+\+\+ b\/node_modules\/ink\/(.+)$/m.exec(file)![1];
    const installed = readFileSync(join(inkDir, path), 'utf8');
    for (const hunk of file.split(/^@@.*@@.*$/m).slice(1)) {
      const patched = hunk.split('\n').filter((l) => l.startsWith(' ') || l.startsWith('+')).map((l) => l.slice(1)).join('\n');
      assert.ok(installed.includes(patched), `${path} lacks a hunk of patches/ink+${version}.patch:\n${patched.slice(0, 300)}`);
      hunks++;
    }
  }
  assert.ok(hunks > 0);
});

test('a row printed as it is shows the same characters in the same styles as one built cell by cell', async () => {
  const { default: Output } = await import(pathToFileURL(join(dirname(entry), 'output.js')).href);
  const styles: [string, string][] = [['', ''], ['\x1b[31m', '\x1b[39m'], ['\x1b[1m', '\x1b[22m'], ['\x1b[7m', '\x1b[27m'], ['\x1b[2m', '\x1b[22m']];
  const text = fc.array(fc.constantFrom('a', 'Z', ' ', '-', '…', '│', '└', '─', '→', '·', 'é', '0', '/'), { maxLength: 30 }).map((cs) => cs.join(''));
  const line = fc.array(fc.tuple(fc.constantFrom(...styles), text), { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([[open, close], t]) => open + t + close).join(''));
  // What a terminal shows: each character with its styles, trailing unstyled blanks dropped.
  const cells = (s: string) => {
    const chars = styledCharsFromTokens(tokenize(s)).map((c: { value: string; styles: { code: string }[] }) => `${c.value}|${c.styles.map((x) => x.code).sort().join()}`);
    while (chars.length && chars[chars.length - 1] === ' |') chars.pop();
    return chars;
  };
  fc.assert(
    fc.property(line, (l) => {
      const out = new Output({ width: 200, height: 1 });
      const fast = out.buildRow([0, l]);
      // A second, empty segment takes the cell-by-cell path with the same result to compare.
      const slow = out.buildRow([0, l, 199, '']);
      assert.deepEqual(cells(fast), cells(slow));
    }),
  );
});
