// Shell completions (issue 22 §4): the scripts sourced in the real shells, and the fast path to the cluster.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startCluster, type TestCluster } from '../helpers/sim.js';

const dir = mkdtempSync(join(tmpdir(), 'kdrill-completion-'));
const bin = join(dir, 'bin');
let c: TestCluster;
before(async () => {
  // `kdrill` on the PATH, as an installed one would be.
  mkdirSync(bin);
  writeFileSync(join(bin, 'kdrill'), `#!/bin/sh\nexec ${process.execPath} ${join(process.cwd(), 'bin/kdrill.js')} "$@"\n`);
  chmodSync(join(bin, 'kdrill'), 0o755);
  c = await startCluster({ scenario: 'demo' });
});
after(async () => {
  await c?.stop();
  rmSync(dir, { recursive: true, force: true });
});
// The live answers' fast-path timeout (1 s) is for a shell: here the simulated cluster answers from this
// process, which a loaded machine can keep from answering within 1 s; a missed answer would be an empty list.
const env = () => ({ PATH: `${bin}:${process.env.PATH}`, HOME: dir, KUBECONFIG: c.kubeconfigPath, KDRILL_COMPLETE_TIMEOUT_MS: '60000' });
// Asynchronously: the simulated cluster answers from this process, so it must not be blocked meanwhile.
// A run that does not end by itself within `killMs` is killed, and fails the test.
const run = async (file: string, args: string[], extra: Record<string, string> = {}, killMs = 60_000) => {
  const r = await promisify(execFile)(file, args, { encoding: 'utf8', env: { ...env(), ...extra }, timeout: killMs });
  return { stdout: r.stdout, stderr: r.stderr };
};
const complete = (...words: string[]) => run(process.execPath, ['bin/kdrill.js', '__complete', ...words]);
const lines = (s: string) => s.split('\n').filter(Boolean);
const has = (shell: string) => spawnSync(shell, ['-c', 'true']).status === 0;

test('a config file that is not valid does not stop the completions (they run in every new shell)', async () => {
  const bad = join(dir, 'bad-config.yaml');
  writeFileSync(bad, 'defaults: [\n');
  assert.match((await run(process.execPath, ['bin/kdrill.js', 'completion', 'bash'], { KDRILL_CONFIG: bad })).stdout, /^# kdrill completion for bash/);
  assert.deepEqual(lines((await run(process.execPath, ['bin/kdrill.js', '__complete', 'ro'], { KDRILL_CONFIG: bad })).stdout), ['rollout']);
});

test('subcommands, flags, fixed values; contexts from the kubeconfig', async () => {
  assert.deepEqual(lines((await complete('')).stdout), ['completion', 'port-forward', 'rollout', 'sim', 'trace']);
  assert.deepEqual(lines((await complete('ro')).stdout), ['rollout']);
  assert.deepEqual(lines((await complete('rollout', '')).stdout), ['history', 'status']);
  assert.deepEqual(lines((await complete('trace', '--o')).stdout), ['--output']);
  assert.deepEqual(lines((await complete('trace', '-o', '')).stdout), ['json', 'text']);
  assert.deepEqual(lines((await complete('--log-level', 'w')).stdout), ['warn']);
  assert.deepEqual(lines((await complete('completion', '')).stdout), ['bash', 'fish', 'zsh']);
  assert.deepEqual(lines((await complete('--context', '')).stdout), ['kdrill-sim', 'kdrill-viewer']);
  assert.deepEqual(lines((await complete('--demo', '--context', '')).stdout), ['kdrill-demo', 'kdrill-viewer']);
});

test('the fast path: namespaces, trace hosts and names from the live cluster', async () => {
  const ns = await complete('-n', 'sh');
  assert.deepEqual(lines(ns.stdout), ['shop'], ns.stderr);
  const hosts = lines((await complete('trace', '')).stdout);
  assert.ok(hosts.includes('holmes.test.shopeekredit.co.id') && hosts.includes('shop.example.com'), hosts.join());
  assert.deepEqual(lines((await complete('trace', '-n', 'shop', 'legacy')).stdout), ['legacy.shop.example.com']);
  assert.deepEqual(lines((await complete('rollout', 'status', '')).stdout), ['daemonset/', 'deployment/', 'statefulset/']);
  assert.deepEqual(lines((await complete('rollout', 'status', '-n', 'deploy-test', 'deploy/')).stdout), ['deploy/nginx-deploy']);
  assert.deepEqual(lines((await complete('port-forward', '-n', 'shop', 'svc/ca')).stdout), ['svc/cart', 'svc/catalog']);
});

test('a cluster that does not answer: nothing, once the timeout has passed', async () => {
  // Accepts connections and never answers.
  const silent: Server = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as { port: number }).port;
  const kubeconfig = join(dir, 'silent.yaml');
  writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: s, cluster: {server: 'https://127.0.0.1:${port}', insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: s, context: {cluster: s, user: u, namespace: shop}}]\ncurrent-context: s\n`);
  try {
    // The server never answers: a run that ends by itself ended by the timeout. Killed (failing) at 20 s, before
    // the transport's own 30 s idle timeout could end it instead: only the completion's timeout ends it in time.
    const r = await run(process.execPath, ['bin/kdrill.js', '__complete', 'trace', ''], { KUBECONFIG: kubeconfig, KDRILL_COMPLETE_TIMEOUT_MS: '300' }, 20_000);
    assert.deepEqual([r.stdout, r.stderr], ['', '']);
    // The kubeconfig's own answers need no cluster.
    assert.deepEqual(lines((await run(process.execPath, ['bin/kdrill.js', '__complete', '-n', ''], { KUBECONFIG: kubeconfig, KDRILL_COMPLETE_TIMEOUT_MS: '300' })).stdout), ['shop']);
  } finally {
    silent.close();
  }
});

describe('the scripts, sourced in the real shells', () => {
  test('bash', { skip: has('bash') ? false : 'bash is not installed' }, async () => {
    const ask = async (line: string) => {
      const script = `source <(kdrill completion bash)\nCOMP_WORDS=(${line}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _kdrill; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return lines((await run('bash', ['--norc', '--noprofile', '-c', script])).stdout);
    };
    assert.deepEqual(await ask(`kdrill ro`), ['rollout']);
    assert.deepEqual(await ask(`kdrill rollout status -n deploy-test deploy/`), ['deploy/nginx-deploy']);
    assert.deepEqual(await ask(`kdrill --context ''`), ['kdrill-sim', 'kdrill-viewer']);
    assert.ok((await ask(`kdrill trace ''`)).includes('shop.example.com'));
  });

  test('zsh', { skip: has('zsh') ? false : 'zsh is not installed' }, async () => {
    // compadd is stubbed to print what would be offered (it only works inside a completion widget).
    const ask = async (line: string) => {
      const script = `autoload -Uz compinit && compinit -u -D\nsource <(kdrill completion zsh)\ncompadd() { while [[ $1 == -* ]]; do [[ $1 == -S ]] && shift; [[ $1 == -- ]] && { shift; break }; shift; done; print -l -- "$@"; }\n_files() { :; }\nwords=(${line}); CURRENT=\${#words}; _kdrill`;
      return lines((await run('zsh', ['-f', '-c', script])).stdout);
    };
    assert.deepEqual(await ask(`kdrill rollout ''`), ['history', 'status']);
    assert.deepEqual(await ask(`kdrill port-forward -n shop svc/ca`), ['svc/cart', 'svc/catalog']);
    assert.ok((await ask(`kdrill -n ''`)).includes('shop'));
  });

  test('fish', { skip: has('fish') ? false : 'fish is not installed' }, async () => {
    const ask = async (line: string) => lines((await run('fish', ['--no-config', '-c', `kdrill completion fish | source; complete -C '${line}'`])).stdout).map((l) => l.split('\t')[0]);
    assert.deepEqual(await ask('kdrill rollout '), ['history', 'status']);
    assert.deepEqual(await ask('kdrill trace -n shop legacy'), ['legacy.shop.example.com']);
    assert.deepEqual(await ask('kdrill completion '), ['bash', 'fish', 'zsh']);
  });
});
