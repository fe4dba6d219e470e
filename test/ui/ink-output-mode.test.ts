import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { INCREMENTAL_RENDERING } from '../../src/ui/terminal.js';
import { ScreenModel } from '../helpers/screen-model.js';

// Ink 6.8.0's incrementalRendering moves up one row too few before rewriting a frame that ends in
// a newline (every frame shorter than the terminal, as kdrill's are: its height is the terminal's
// less one), so changed lines land a row low. tmux shows the same (bench/ink-variants.bench.ts).
// kdrill may switch it on only where it draws each frame where it belongs.
const entry = fileURLToPath(import.meta.resolve('ink'));
const inkDir = entry.slice(0, entry.lastIndexOf('/node_modules/ink/') + '/node_modules/ink/'.length);

test("Ink's output mode that kdrill uses draws every frame where it belongs", async () => {
  const { default: logUpdate } = await import(pathToFileURL(join(inkDir, 'build', 'log-update.js')).href);
  const rows = 8;
  const screen = new ScreenModel(rows);
  const log = logUpdate.create({ write: (chunk: string) => screen.apply(chunk) }, { incremental: INCREMENTAL_RENDERING });
  // A line changes, the first line changes, the frame grows, shrinks, and stays the same.
  for (const frame of ['a\nb\nc\n', 'a\nB\nc\n', 'A\nB\nc\n', 'A\nB\nc\nd\ne\n', 'x\ny\n', 'x\ny\n']) {
    log(frame);
    const lines = frame.split('\n').slice(0, -1);
    assert.deepEqual(screen.lines, [...lines, ...Array(rows - lines.length).fill('')], `after ${JSON.stringify(frame)}`);
  }
});
