import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';

const kdrill = (...args: string[]) => spawnSync(process.execPath, ['bin/kdrill.js', ...args], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig' } });
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;

test('--version and --help', () => {
  for (const flag of ['--version', '-v']) {
    const r = kdrill(flag);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `kdrill ${version}\n`);
  }
  const help = kdrill('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^kdrill - a terminal explorer for Kubernetes/);
  assert.match(help.stdout, /--readonly/);
  const simHelp = kdrill('sim', '--help');
  assert.equal(simHelp.status, 0);
  assert.match(simHelp.stdout, /--kubeconfig-out FILE/);
});

test('bad invocations: one line saying what is wrong, a usage hint, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['--bogus'], /^kdrill: unknown flag --bogus for kdrill\nrun 'kdrill --help' for usage\n$/],
    [['--log-tail', 'lots'], /^kdrill: --log-tail must be a number from 0 to 100000, not "lots"\n/],
    [['frobnicate'], /^kdrill: unknown command "frobnicate"; commands: completion, port-forward, rollout, sim, snapshot, trace\nrun 'kdrill --help' for usage\n$/],
    [['tui'], /^kdrill: unknown command "tui"; commands: completion, port-forward, rollout, sim, snapshot, trace\n/],
    [['--context', 'x', 'frobnicate'], /^kdrill: unknown command "frobnicate"; commands: completion, port-forward, rollout, sim, snapshot, trace\n/],
    [['--demo', 'sim'], /^kdrill: unknown flag --demo for kdrill sim\n/],
    [['sim', '--port'], /^kdrill: flag --port needs a value\nrun 'kdrill sim --help' for usage\n$/],
    [['sim', '--port', 'http'], /^kdrill: --port must be a number from 0 to 65535, not "http"\nrun 'kdrill sim --help' for usage\n$/],
    [['sim', '--speed', '0'], /^kdrill: --speed must be a number/],
    [['sim', '--scale', '0.5'], /^kdrill: --scale applies to --scenario large only\nrun 'kdrill sim --help' for usage\n$/],
    [['sim', '--scenario', 'large', '--scale', 'big'], /^kdrill: --scale must be a number/],
    [['sim', '--pod-updates', '0'], /^kdrill: --pod-updates must be a number/],
    [['--scenario', 'holmes'], /^kdrill: --scenario needs --demo\n/],
  ];
  for (const [args, want] of cases) {
    const r = kdrill(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, want, args.join(' '));
    assert.equal(r.stdout, '');
  }
});

test('global flags before the subcommand, as kubectl takes them (issue 21 #8)', () => {
  const trace = kdrill('--kubeconfig', '/no/such/file', 'trace', 'shop.example.com');
  assert.equal(trace.stderr, 'kdrill: kubeconfig /no/such/file does not exist\ncheck the --kubeconfig path\n');
  assert.equal(trace.status, 3);
  const rollout = kdrill('--demo', '-n', 'shop', 'rollout', 'status', 'deployments.apps/nope');
  assert.match(rollout.stderr, /^kdrill: deployment shop\/nope not found\n/);
  assert.equal(rollout.status, 3);
  const flagsBetween = kdrill('rollout', '--demo', 'status', '--namespace=shop', 'deployment', 'nope');
  assert.match(flagsBetween.stderr, /^kdrill: deployment shop\/nope not found\n/);
});

test('errors that are not usage: one line and a hint, exit 1, no stack trace', () => {
  const missing = kdrill('--kubeconfig', '/no/such/file');
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr, 'kdrill: kubeconfig /no/such/file does not exist\ncheck the --kubeconfig path\n');
  const noConfig = kdrill();
  assert.equal(noConfig.status, 1);
  assert.match(noConfig.stderr, /^kdrill: no kubeconfig found .*\n.*kdrill --demo/);
  const scenario = kdrill('sim', '--scenario', 'nope');
  assert.equal(scenario.status, 1);
  assert.match(scenario.stderr, /^kdrill: unknown scenario "nope"; built-in scenarios: demo, deploy-test, holmes/);
  const noTty = kdrill('--demo');
  assert.equal(noTty.status, 1);
  assert.match(noTty.stderr, /^kdrill: kdrill needs a terminal.*\nfor scripts: 'kdrill trace HOST' and 'kdrill rollout status KIND\/NAME' work in pipes\n$/);
  for (const r of [missing, noConfig, scenario, noTty]) assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('kdrill sim: kubeconfig path first, serves until SIGINT, exits 0 and removes its files', async () => {
  const child = spawn(process.execPath, ['bin/kdrill.js', 'sim', '--scenario', 'holmes'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const path = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  assert.ok(existsSync(path), path);
  const config = JSON.parse(readFileSync(path, 'utf8'));
  const server: string = config.clusters[0].cluster.server;
  assert.match(server, /^https:\/\/127\.0\.0\.1:\d+$/);
  // The same port speaks plain HTTP too (fetch would refuse the self-signed certificate).
  const version = await (await fetch(`${server.replace('https:', 'http:')}/version`)).json();
  assert.equal(version.major, '1');
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  assert.equal(await exit, 0);
  assert.equal(existsSync(path), false);
});

test('kdrill sim --scenario large --scale --pod-updates: a generated cluster, kept busy', async () => {
  const child = spawn(process.execPath, ['bin/kdrill.js', 'sim', '--scenario', 'large', '--scale', '0.01', '--pod-updates', '200'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const path = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    const config = JSON.parse(readFileSync(path, 'utf8'));
    const server: string = config.clusters[0].cluster.server.replace('https:', 'http:');
    const headers = { authorization: `Bearer ${config.users[0].user.token}` };
    const pods = async () => (await (await fetch(`${server}/api/v1/pods`, { headers })).json()).items as { metadata: { annotations?: Record<string, string> } }[];
    assert.equal((await pods()).length, 300);
    // The updates show as the churn annotation on the pods, counting up.
    const { waitFor } = await import('../helpers/wait.js');
    await waitFor('pods updated by the churn', async () => (await pods()).filter((p) => p.metadata.annotations?.['kdrill.dev/churn']).length >= 50, 10_000);
  } finally {
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    assert.equal(await exit, 0);
  }
});

test('an error hint quoting names from the kubeconfig prints them inert (review L2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-evil-'));
  try {
    const evil = 'evil\u001b]0;pwned\u0007\u001b[2J';
    const file = join(dir, 'kubeconfig');
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }], users: [{ name: 'u', user: { token: 'x' } }], contexts: [{ name: evil, context: { cluster: 'c', user: 'u' } }], 'current-context': evil }));
    const r = spawnSync(process.execPath, ['bin/kdrill.js', 'trace', 'example.com', '--kubeconfig', file, '--context', 'nope'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.stderr, 'kdrill: context "nope" not found in the kubeconfig\nknown contexts: evil^[]0;pwned^G^[[2J\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
