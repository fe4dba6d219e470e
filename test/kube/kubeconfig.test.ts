import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, test } from 'node:test';
import { CliError } from '../../src/errors.js';
import { clusterInfo, kubeconfigFiles, loadKubeConfig } from '../../src/kube/kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'kdrill-kubeconfig-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, config: object | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
}

const config = (current: string | undefined, clusters: [string, string][], users: string[], contexts: [string, string, string, string?][]) => ({
  apiVersion: 'v1',
  kind: 'Config',
  ...(current ? { 'current-context': current } : {}),
  clusters: clusters.map(([name, server]) => ({ name, cluster: { server } })),
  users: users.map((name) => ({ name, user: { token: `token-${name}` } })),
  contexts: contexts.map(([name, cluster, user, namespace]) => ({ name, context: { cluster, user, ...(namespace ? { namespace } : {}) } })),
});

const a = file('a.yaml', config('ctx-a', [['shared', 'https://from-a:6443'], ['only-a', 'https://a:6443']], ['user-a'], [['ctx-a', 'shared', 'user-a', 'team-a'], ['dup', 'only-a', 'user-a']]));
const b = file('b.yaml', config('ctx-b', [['shared', 'https://from-b:6443'], ['only-b', 'https://b:6443']], ['user-b'], [['ctx-b', 'only-b', 'user-b'], ['dup', 'only-b', 'user-b']]));
const noCurrent = file('none.yaml', config(undefined, [['c', 'https://c:6443']], ['u'], [['ctx-c', 'c', 'u']]));
const env = (files: string[]) => ({ KUBECONFIG: files.join(delimiter), HOME: dir });

test('KUBECONFIG files merge as kubectl merges them: first current-context and first definition win', () => {
  const kc = loadKubeConfig({}, env([a, b]));
  assert.equal(kc.getCurrentContext(), 'ctx-a');
  assert.equal(kc.getCluster('shared')?.server, 'https://from-a:6443', 'a duplicated cluster comes from the first file');
  assert.equal(kc.getContextObject('dup')?.cluster, 'only-a', 'a duplicated context comes from the first file');
  assert.ok(kc.getContextObject('ctx-b'), 'contexts of later files are there');
  assert.deepEqual(clusterInfo(kc), { context: 'ctx-a', server: 'https://from-a:6443', user: 'user-a', namespace: 'team-a' });
  const ordered = loadKubeConfig({}, env([noCurrent, b, a]));
  assert.equal(ordered.getCurrentContext(), 'ctx-b', 'the first file that sets current-context wins');
});

test('missing files in KUBECONFIG are skipped; --kubeconfig takes precedence', () => {
  assert.deepEqual(kubeconfigFiles({}, env([join(dir, 'missing.yaml'), b])), [b]);
  assert.equal(loadKubeConfig({}, env([join(dir, 'missing.yaml'), b])).getCurrentContext(), 'ctx-b');
  assert.equal(loadKubeConfig({ kubeconfig: b }, env([a])).getCurrentContext(), 'ctx-b');
  assert.equal(clusterInfo(loadKubeConfig({ context: 'ctx-b' }, env([a, b]))).namespace, 'default');
});

test('every kubeconfig problem is one CliError line with a hint', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => loadKubeConfig({}, { HOME: dir }), /^no kubeconfig found \(looked at \$KUBECONFIG and ~\/\.kube\/config\)$/],
    [() => loadKubeConfig({ kubeconfig: join(dir, 'nope') }, {}), /^kubeconfig .*nope does not exist$/],
    [() => loadKubeConfig({ context: 'prod' }, env([a])), /^context "prod" not found in the kubeconfig$/],
    [() => loadKubeConfig({}, env([file('bad.yaml', 'clusters: [\n  - name: x\n    cluster: {server: ')])), /^cannot read kubeconfig .*bad\.yaml: /],
    [() => loadKubeConfig({}, env([noCurrent])), /^the kubeconfig has no current context$/],
    [() => loadKubeConfig({}, env([file('nocluster.yaml', config('x', [], ['u'], [['x', 'gone', 'u']]))])), /^context "x" refers to cluster "gone", which is not in the kubeconfig$/],
    [() => loadKubeConfig({}, env([file('nouser.yaml', config('x', [['c', 'https://c']], [], [['x', 'c', 'ghost']]))])), /^context "x" refers to user "ghost", which is not in the kubeconfig$/],
  ];
  for (const [fn, message] of cases) {
    assert.throws(fn, (e: unknown) => e instanceof CliError && message.test(e.message) && !!e.hint && !e.message.includes('\n'), String(message));
  }
});
