import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { kubeconfigSecrets } from '../../../src/kube/snapshot/kubeconfig-secrets.js';
import { scrubber } from '../../../src/kube/snapshot/snapshot-sink.js';

function kubeconfig(user: Record<string, unknown>): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'c', server: 'https://10.0.0.1:6443' }], users: [{ name: 'u', ...user }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
  return kc;
}

test("a user's token, password, key data and key and token files are all credentials", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-creds-'));
  try {
    writeFileSync(join(dir, 'token'), 'file-token-0123456789\n');
    writeFileSync(join(dir, 'key.pem'), '-----BEGIN EC PRIVATE KEY-----\nabc\n-----END EC PRIVATE KEY-----\n');
    assert.deepEqual(await kubeconfigSecrets(kubeconfig({ token: 'static-token-0123456789' })), ['static-token-0123456789', 'static-token-0123456789']);
    const basic = await kubeconfigSecrets(kubeconfig({ username: 'admin', password: 'pa55word-long' }));
    assert.ok(basic.includes('pa55word-long'));
    assert.ok(basic.includes(Buffer.from('admin:pa55word-long').toString('base64')), 'the Basic header value too');
    const files = await kubeconfigSecrets(kubeconfig({ keyFile: join(dir, 'key.pem'), certFile: join(dir, 'key.pem'), tokenFile: join(dir, 'token') }));
    assert.ok(files.includes('-----BEGIN EC PRIVATE KEY-----\nabc\n-----END EC PRIVATE KEY-----'));
    assert.ok(files.includes('file-token-0123456789'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the scrubber replaces every credential of 8 characters or more, longest first', () => {
  const scrub = scrubber(['abc', 'secret-token-1', 'secret-token-12345']);
  assert.equal(scrub('a secret-token-12345 and secret-token-1 and abc'), 'a <redacted> and <redacted> and abc');
});
