import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CliError } from '../../src/errors.js';
import { checkConnection } from '../../src/kube/connect.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';

const dir = mkdtempSync(join(tmpdir(), 'kdrill-connect-'));

function kubeconfig(name: string, server: string, user: object): string {
  const path = join(dir, name);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'c',
    clusters: [{ name: 'c', cluster: { server, ...(server.startsWith('http:') ? { 'insecure-skip-tls-verify': true } : {}) } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
  };
  writeFileSync(path, JSON.stringify(config));
  return path;
}

async function failure(path: string, timeoutMs = 5_000): Promise<CliError> {
  const transport = new KubeTransport(loadKubeConfig({ kubeconfig: path }));
  try {
    await checkConnection(transport, 'u', timeoutMs);
  } catch (e) {
    assert.ok(e instanceof CliError, String(e));
    assert.ok(!e.message.includes('\n') && e.hint, 'one line and a hint');
    return e;
  } finally {
    transport.destroy();
  }
  throw new Error('the connection check passed');
}

describe('connection failures each get one clear line', () => {
  let c: TestCluster;
  before(async () => {
    c = await startCluster({ scenario: 'none' });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a working connection answers with the server version', async () => {
    const transport = new KubeTransport(loadKubeConfig({ kubeconfig: c.kubeconfigPath }));
    assert.match((await checkConnection(transport, 'u')).gitVersion, /^v1\./);
    transport.destroy();
  });

  test('unreachable server', async () => {
    const e = await failure(kubeconfig('refused.json', 'http://127.0.0.1:1', { token: 'x' }));
    assert.match(e.message, /^cannot reach the API server at http:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
  });

  test('a server that never answers', async () => {
    c.sim.faults.setSilent(true);
    try {
      const e = await failure(c.kubeconfigPath, 500);
      assert.match(e.message, /did not answer/);
    } finally {
      c.sim.faults.setSilent(false);
    }
  });

  test('401: expired or wrong token', async () => {
    c.sim.faults.requireToken('fresh-token');
    try {
      const e = await failure(c.kubeconfigPath);
      assert.match(e.message, /rejected the credentials \(401 Unauthorized\)/);
      assert.match(e.hint!, /log in again/);
    } finally {
      c.sim.faults.requireToken(undefined);
    }
  });

  test('exec credential plugin missing, or printing garbage', async () => {
    const server = c.sim.url;
    const missing = await failure(kubeconfig('exec-missing.json', server, { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'kdrill-no-such-plugin' } }));
    assert.match(missing.message, /^the credentials of user "u" could not be obtained: /);
    const garbage = await failure(kubeconfig('exec-garbage.json', server, { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'sh', args: ['-c', 'echo not-json'] } }));
    assert.match(garbage.message, /^the credentials of user "u" could not be obtained: /);
  });

  test('TLS failure: a certificate nobody vouched for', { skip: spawnSync('openssl', ['version']).status === 0 ? false : 'openssl is not installed' }, async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const e = await failure(kubeconfig('tls.json', `https://127.0.0.1:${port}`, { token: 'x' }));
      assert.match(e.message, /^TLS failure talking to https:\/\/127\.0\.0\.1:\d+: /);
      assert.match(e.hint!, /certificate-authority/);
    } finally {
      server.close();
    }
  });

  test('the CLI prints the line and the hint and exits 1, terminal untouched', () => {
    const r = spawnSync(process.execPath, ['bin/kdrill.js', '--kubeconfig', kubeconfig('cli.json', 'http://127.0.0.1:1', { token: 'x' })], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^kdrill: cannot reach the API server at http:\/\/127\.0\.0\.1:1: .*\ncheck that the cluster is up/);
    assert.equal(r.stdout, '', 'nothing written to the terminal screen');
  });
});
