import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';

// patches/ink+6.8.0.patch keeps Ink's per-line caches and finished rows across frames and
// prints simple rows as they are (see the README's figures). An Ink upgrade without a re-made
// patch must fail here, not quietly cost every keypress.
const entry = createRequire(import.meta.url).resolve('ink');
const inkDir = entry.slice(0, entry.lastIndexOf('/node_modules/ink/') + '/node_modules/ink/'.length);

test('the Ink output patch is applied to the installed Ink', () => {
  const version = JSON.parse(readFileSync(join(inkDir, 'package.json'), 'utf8')).version;
  assert.ok(readFileSync(`patches/ink+${version}.patch`, 'utf8'), `no patch for ink ${version}`);
  assert.match(readFileSync(join(inkDir, 'build', 'output.js'), 'utf8'), /const sharedCaches = new OutputCaches\(\);/);
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
