import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { test } from 'node:test';

// Ink measures the text of every Text it lays out and kept each measurement, keyed by the text,
// forever: a followed log measures each new line once, so a long session grew by every line shown
// (the soak: 17,000 more line strings, 4.7 MB, at minute 240 than at 120). patches/ink+6.8.0.patch bounds it.
const entry = fileURLToPath(import.meta.resolve('ink'));
const measureText = ((await import(pathToFileURL(entry.replace(/index\.js$/, 'measure-text.js')).href)) as { default: (text: string) => { width: number; height: number } }).default;
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('Ink keeps a bounded number of text measurements: 20,000 distinct 2 KB lines measured leave under 10 MB behind', () => {
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 20_000; i++) assert.equal(measureText(`${i} `.padEnd(2_000, 'x')).width, 2_000);
  gc();
  const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  // Kept, they would be 40 MB of strings.
  assert.ok(grown < 10, `the heap grew ${grown.toFixed(1)} MB`);
});
