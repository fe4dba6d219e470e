// `kdrill sim --help`'s example, run exactly as written (issue 21 #2): a background simulator that
// kubectl reads, then stopped. Needs `npm run build` (bin/kdrill.js runs the bundle).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const bin = join(process.cwd(), 'bin/kdrill.js');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("kdrill sim --help's example works as written: detach, kubectl get pods -A, stop", { skip: hasKubectl ? false : 'kubectl is not installed on this machine' }, () => {
  const help = spawnSync(process.execPath, [bin, 'sim', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  // The lines under "Example:", as a user would paste them.
  const example = /^Example:\n((?: {2}\S.*\n)+)/m.exec(help.stdout)?.[1].split('\n').filter(Boolean).map((l) => l.slice(2));
  assert.deepEqual(example, ['export KUBECONFIG=$(kdrill sim --detach)', 'kubectl get pods -A', 'kdrill sim --stop']);
  // `kdrill` on the PATH is this checkout's.
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-path-'));
  writeFileSync(join(dir, 'kdrill'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
  chmodSync(join(dir, 'kdrill'), 0o755);
  let pid: number | undefined;
  let kubeconfig: string | undefined;
  try {
    // Each line echoes what the next needs to be checked: the path, then the pid the detach printed.
    const script = ['set -e', example[0], 'echo "KUBECONFIG=$KUBECONFIG"', example[1], example[2], 'echo "DONE"'].join('\n');
    // Its temporary files go under `dir` (TMPDIR), where a server left running is found and stopped; kubectl's
    // discovery cache too: ~/.kube/cache, keyed by host:port, could hold another simulator's from that port.
    const run = spawnSync('sh', ['-c', script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, KUBECONFIG: '', TMPDIR: dir, KUBECACHEDIR: join(dir, 'kubectl-cache') } });
    assert.equal(run.error, undefined, 'the example returns (it does not wait for the server)');
    pid = Number(/\(pid (\d+), log /.exec(run.stderr)?.[1]);
    kubeconfig = /^KUBECONFIG=(.*)$/m.exec(run.stdout)?.[1];
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE$/m);
    assert.match(run.stdout, /^deploy-test +nginx-deploy-\S+ +\d\/2 /m);
    assert.match(run.stdout, /DONE\n$/);
    assert.match(run.stderr, /stop it with: KUBECONFIG=\S+ kdrill sim --stop\n/);
    assert.match(run.stderr, new RegExp(`kdrill sim: stopped pid ${pid}\n`));
    assert.ok(pid > 0 && !alive(pid), 'the server has exited');
    assert.ok(kubeconfig && !existsSync(dirname(kubeconfig)), 'its temporary directory is gone');
  } finally {
    const left = readdirSync(dir).filter((f) => f.startsWith('kdrill-sim-')).map((d) => join(dir, d, 'kubeconfig.pid')).filter(existsSync);
    for (const p of [pid, ...left.map((f) => Number(readFileSync(f, 'utf8')))]) if (p && alive(p)) process.kill(p, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kdrill sim --stop without a simulator says which is missing', () => {
  const none = spawnSync(process.execPath, [bin, 'sim', '--stop'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '' } });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^kdrill: kdrill sim --stop: which simulator\? set KUBECONFIG to the path kdrill sim --detach printed, or pass --kubeconfig-out FILE\n/);
  const missing = spawnSync(process.execPath, [bin, 'sim', '--stop'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig' } });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^kdrill: no detached simulator serves \/nonexistent\/kubeconfig \(no \/nonexistent\/kubeconfig\.pid\)\n/);
});
