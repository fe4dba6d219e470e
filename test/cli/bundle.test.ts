import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

// V8 keeps a script's source in memory for the process's life: one byte per character when
// every character is ASCII, two bytes per character (6 MB instead of 3) when one is not.
test('the bundles are ASCII, so V8 holds their source one byte per character', () => {
  for (const file of ['dist/cli.js', 'dist/cli-light.js', 'dist/demo-worker.js']) {
    assert.ok(existsSync(file), 'the CLI bundle is built (npm test builds it first)');
    const text = readFileSync(file, 'latin1');
    const at = text.search(/[^\x00-\x7f]/);
    assert.equal(at, -1, `${file} has a non-ASCII character at ${at}: ${JSON.stringify(text.slice(at - 30, at + 10))}`);
  }
});

// Yoga's Emscripten loader decodes its inlined WebAssembly with fetch() when one exists, and the
// first fetch() starts up undici: about 40 ms of `kdrill --demo`'s start. The build has it decode directly.
test("the explorer's bundle loads Ink's layout engine without calling fetch", () => {
  const script = `let calls = 0;
globalThis.fetch = () => { calls++; return Promise.reject(new Error('fetch is not for Yoga')); };
const { main } = await import(${JSON.stringify(pathToFileURL('dist/cli.js').href)});
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true;
const code = await main(['--help']);
process.stdout.write = write;
console.log(JSON.stringify({ code, calls }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), { code: 0, calls: 0 });
});
