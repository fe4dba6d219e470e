import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { PinnedKubeConfig } from '../../src/kube/pinned-config.js';
import { KubeTransport } from '../../src/kube/transport.js';

function twoContexts(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      { name: 'a', server: 'https://a.example:6443', skipTLSVerify: false },
      { name: 'b', server: 'https://b.example:6443', skipTLSVerify: false },
    ],
    users: [
      { name: 'ua', token: 'token-a' },
      { name: 'ub', token: 'token-b' },
    ],
    contexts: [
      { name: 'ctx-a', cluster: 'a', user: 'ua' },
      { name: 'ctx-b', cluster: 'b', user: 'ub' },
    ],
    currentContext: 'ctx-a',
  });
  return kc;
}

test('a pinned kubeconfig holds one context and nothing done to its source reaches it', async () => {
  const source = twoContexts();
  const pinned = PinnedKubeConfig.of(source, 'ctx-a');
  source.setCurrentContext('ctx-b');
  (source.getCluster('a') as { server: string }).server = 'https://elsewhere:6443';
  assert.equal(pinned.getCurrentContext(), 'ctx-a');
  assert.equal(pinned.getCurrentCluster()?.server, 'https://a.example:6443');
  assert.deepEqual(pinned.getContexts().map((c) => c.name), ['ctx-a']);
  assert.deepEqual(pinned.getUsers().map((u) => u.name), ['ua']);
  const opts: { headers: Record<string, string> } = { headers: {} };
  await pinned.applyToHTTPSOptions(opts);
  assert.equal(opts.headers.Authorization, 'Bearer token-a');
});

test('a pinned kubeconfig refuses to be pointed elsewhere, by any of KubeConfig\'s setters or loaders', () => {
  const pinned = PinnedKubeConfig.of(twoContexts(), 'ctx-a');
  assert.throws(() => pinned.setCurrentContext('ctx-b'));
  assert.throws(() => pinned.loadFromOptions({ clusters: [], users: [], contexts: [], currentContext: 'x' }));
  assert.throws(() => pinned.loadFromString('apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\ncurrent-context: x\n'));
  assert.throws(() => pinned.loadFromClusterAndUser({ name: 'x', server: 'https://x', skipTLSVerify: true }, { name: 'x' }));
  assert.throws(() => (pinned.getCurrentCluster() as { server: string }).server = 'https://x');
  assert.equal(pinned.getCurrentCluster()?.server, 'https://a.example:6443');
});

test('a transport is pinned to the context current when it was made, whatever its kubeconfig does later', () => {
  const source = twoContexts();
  const transport = new KubeTransport(source);
  source.setCurrentContext('ctx-b');
  assert.equal(transport.server, 'https://a.example:6443');
  assert.equal(transport.kc.getCurrentContext(), 'ctx-a');
  transport.destroy();
});
