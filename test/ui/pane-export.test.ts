import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { osc52, paneFileName, savePane } from '../../src/ui/pane-export.js';

test('a saved file stays in the directory, whatever the object is called, and never overwrites', () => {
  const name = paneFileName(['Secret', '../../etc', 'pass/wd\u001b[2J'], 'yaml');
  assert.equal(name, 'secret-.._.._etc-pass_wd_2j.yaml');
  assert.ok(!name.includes('/'));
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-save-'));
  try {
    savePane(dir, name, 'one');
    const again = savePane(dir, name, 'two');
    assert.match(again, /-1\.yaml .*exists: kept/);
    assert.deepEqual(readdirSync(dir).sort(), [name, name.replace('.yaml', '-1.yaml')].sort());
    assert.equal(readFileSync(join(dir, name), 'utf8'), 'one');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('OSC 52: base64 in the clipboard sequence, wrapped for tmux, refused when too large', () => {
  assert.equal(osc52('hi', false), '\x1b]52;c;aGk=\x07');
  assert.equal(osc52('hi', true), '\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\');
  assert.equal(osc52('x'.repeat(200_000), false), undefined);
});
