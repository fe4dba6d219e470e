import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { freePath, osc52, paneFileName, savePane, SECRET_FILE_MODE, writeNewFile } from '../../src/ui/pane-export.js';

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

test('a Secret\'s file is created readable by its owner only (whatever the umask), and never written over another', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-save-'));
  const umask = process.umask(0);
  try {
    const mode = (name: string) => (statSync(join(dir, name)).mode & 0o777).toString(8);
    savePane(dir, 'secret-shop-db.yaml', 'data: {}\n', SECRET_FILE_MODE);
    assert.equal(mode('secret-shop-db.yaml'), '600');
    savePane(dir, 'configmap-shop-web.yaml', 'data: {}\n');
    assert.equal(mode('configmap-shop-web.yaml'), '666', 'other exports as before: the default mode, less the umask');
    writeFileSync(join(dir, 'taken.yaml'), 'mine', { mode: 0o644 });
    assert.throws(() => writeNewFile(join(dir, 'taken.yaml'), 'secret', SECRET_FILE_MODE), /EEXIST/);
    assert.equal(readFileSync(join(dir, 'taken.yaml'), 'utf8'), 'mine');
    assert.equal(freePath(dir, 'taken.yaml'), join(dir, 'taken-1.yaml'));
  } finally {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  }
});
