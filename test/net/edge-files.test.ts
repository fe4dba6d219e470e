import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readConfigTree, readEdgeConfig } from '../../src/net/edge-files.js';

test('a copy of /etc/nginx is read recursively, binary files skipped; a file is read with its directory as the root', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-edge-'));
  try {
    mkdirSync(join(dir, 'sites', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'nginx.conf'), 'http { include sites/*.conf; include sites/deep/*.conf; }');
    writeFileSync(join(dir, 'sites', 'b.conf'), 'server { server_name b; }');
    writeFileSync(join(dir, 'sites', 'a.conf'), 'server { server_name a; }');
    writeFileSync(join(dir, 'sites', 'deep', 'c.conf'), 'server { listen 8080; server_name c; }');
    writeFileSync(join(dir, 'cert.der'), Buffer.from([0x30, 0x82, 0x00, 0x01]));
    assert.deepEqual([...readConfigTree(dir).keys()], ['nginx.conf', 'sites/a.conf', 'sites/b.conf', 'sites/deep/c.conf']);
    assert.deepEqual(readEdgeConfig(dir).servers.map((s) => s.names[0]), ['a', 'b', 'c']);
    assert.deepEqual(readEdgeConfig(join(dir, 'sites', 'deep', 'c.conf')).servers.map((s) => [s.names[0], s.listens[0]!.port]), [['c', 8080]]);
    assert.throws(() => readEdgeConfig(join(dir, 'missing')), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
