// kubectl exec (WebSocket, v5.channel.k8s.io since kubectl 1.30) against the simulator.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { startCluster, type TestCluster } from '../../helpers/sim.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const run = promisify(execFile);

describe('kubectl exec against the simulator', { skip: hasKubectl ? false : 'kubectl is not installed on this machine' }, () => {
  let c: TestCluster;
  let cacheDir: string;
  let pod: string;
  const kubectl = (...args: string[]) => run('kubectl', ['--kubeconfig', c.kubeconfigPath, '--cache-dir', cacheDir, ...args], { encoding: 'utf8', timeout: 60_000 });

  before(async () => {
    c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
    cacheDir = mkdtempSync(join(tmpdir(), 'kdrill-kubectl-'));
    pod = c.sim.store.list('pods', 'shop').find((p) => p.metadata!.name!.startsWith('frontend-') && p.status?.phase === 'Running')!.metadata!.name!;
  });
  after(async () => {
    await c?.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  test('kubectl exec POD -- hostname prints the pod name', async () => {
    const { stdout, stderr } = await kubectl('exec', '-n', 'shop', pod, '--', 'hostname');
    assert.equal(stdout, `${pod}\n`);
    assert.equal(stderr, '');
  });

  test('a non-zero exit is kubectl\'s "command terminated with exit code", and its exit status', async () => {
    const failed = await kubectl('exec', '-n', 'shop', pod, '--', 'sh', '-c', 'cat /nope; exit 3').catch((e) => e);
    assert.equal(failed.code, 3);
    assert.equal(failed.stdout, '');
    assert.equal(failed.stderr, 'cat: /nope: No such file or directory\ncommand terminated with exit code 3\n');
  });

  test('stdin reaches the shell (kubectl exec -i)', async () => {
    const child = execFile('kubectl', ['--kubeconfig', c.kubeconfigPath, '--cache-dir', cacheDir, 'exec', '-i', '-n', 'shop', pod, '--', 'sh'], { encoding: 'utf8', timeout: 60_000 });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stdin!.end('echo hello from stdin\nhostname\n');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.equal(out, `hello from stdin\n${pod}\n`);
  });
});
