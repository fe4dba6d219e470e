import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readTar, TAR_END, tarHeader, tarPadding } from '../../../src/model/snapshot/ustar.js';

function archive(files: [string, string][]): Buffer {
  const parts: Buffer[] = [];
  for (const [name, text] of files) {
    const data = Buffer.from(text);
    parts.push(tarHeader(name, data.length, Date.parse('2026-01-01T00:00:00Z')), data, tarPadding(data.length));
  }
  return Buffer.concat([...parts, TAR_END]);
}

const FILES: [string, string][] = [
  ['kdrill-snapshot.yaml', 'kind: Snapshot\n'],
  ['objects/pods.yaml', '---\nkind: Pod\n'.repeat(100)],
  ['empty.log', ''],
  [`logs/${'n'.repeat(60)}/${'p'.repeat(63)}/container-with-a-long-name.previous.log`, 'é line\n'],
];

test('a ustar archive reads back: names (long ones in the prefix field), contents, empty files', () => {
  assert.deepEqual(readTar(archive(FILES)).map((e) => [e.name, e.data.toString()]), FILES);
});

test('GNU tar lists and extracts what the writer makes', (t) => {
  if (spawnSync('tar', ['--version']).status !== 0) return t.skip('GNU tar is not installed: this test checks that tar itself reads our archive; ustar.test.ts still checks the bytes');
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-ustar-'));
  try {
    writeFileSync(join(dir, 'a.tar.gz'), gzipSync(archive(FILES)));
    const list = spawnSync('tar', ['-tzf', join(dir, 'a.tar.gz')], { encoding: 'utf8' });
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(list.stdout.trim().split('\n'), FILES.map(([n]) => n));
    assert.equal(spawnSync('tar', ['-xzf', join(dir, 'a.tar.gz'), '-C', dir]).status, 0);
    for (const [name, text] of FILES) assert.equal(readFileSync(join(dir, name), 'utf8'), text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged header is refused', () => {
  const a = archive(FILES);
  a[10] ^= 0xff;
  assert.throws(() => readTar(a), /bad header checksum/);
});
