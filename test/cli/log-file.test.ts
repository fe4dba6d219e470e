import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LogFile, parseLogLevel } from '../../src/cli/log-file.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';

test('the log cuts out the kubeconfig\'s credentials, drops credential fields, and keeps to its level', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-log-'));
  try {
    const file = join(dir, 'k.log');
    const log = new LogFile(file, parseLogLevel('info'));
    log.forget(loadKubeConfig({ inline: { apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: 'https://x' } }], users: [{ name: 'u', user: { token: 's3cr3t-t0ken-value' } }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' } }));
    log.warn('request failed: Authorization: Bearer s3cr3t-t0ken-value', { reason: 'echo s3cr3t-t0ken-value', token: 'anything', clientKey: 'k' });
    log.debug('not at info level');
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes('s3cr3t-t0ken-value'));
    const [line, ...rest] = text.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rest.length, 0);
    assert.equal(line.msg, 'request failed: Authorization: Bearer <redacted>');
    assert.equal(line.reason, 'echo <redacted>');
    assert.ok(!('token' in line) && !('clientKey' in line));
    assert.throws(() => parseLogLevel('loud'), /--log-level must be/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
