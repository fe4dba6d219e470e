import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { AppsV1Api, CoreV1Api, Log, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { startCluster, type TestCluster } from '../../helpers/sim.js';
import { waitFor } from '../../helpers/wait.js';

const NS = 'deploy-test';

/** Whether a client-node error carries a Status with this code and a message matching `pattern`. */
function status(code: number, pattern: RegExp) {
  return (e: any) => {
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    return e.code === code && body?.kind === 'Status' && body.code === code && pattern.test(`${body.reason}: ${body.message}`);
  };
}

describe('@kubernetes/client-node against the simulated cluster over HTTP', () => {
  let c: TestCluster;
  let core: CoreV1Api;
  let apps: AppsV1Api;

  before(async () => {
    c = await startCluster({ scenario: 'deploy-test', speed: 20, bookmarkIntervalMs: 200 });
    core = c.kc.makeApiClient(CoreV1Api);
    apps = c.kc.makeApiClient(AppsV1Api);
    await waitFor('nginx-deploy to be available', async () => (await apps.readNamespacedDeployment({ name: 'nginx-deploy', namespace: NS })).status?.availableReplicas === 3);
  });
  after(() => c.stop());

  test('lists, gets and selects pods by label and field', async () => {
    const all = await core.listPodForAllNamespaces();
    assert.equal(all.items.filter((p) => p.metadata?.namespace === NS).length, 3);
    const byLabel = await core.listNamespacedPod({ namespace: NS, labelSelector: 'app=nginx,app!=other' });
    assert.equal(byLabel.items.length, 3);
    assert.equal((await core.listNamespacedPod({ namespace: NS, labelSelector: 'app in (x,y)' })).items.length, 0);
    const name = byLabel.items[0].metadata!.name!;
    const byField = await core.listNamespacedPod({ namespace: NS, fieldSelector: `metadata.name=${name}` });
    assert.deepEqual(byField.items.map((p) => p.metadata?.name), [name]);
    const running = await core.listNamespacedPod({ namespace: NS, fieldSelector: 'status.phase=Running' });
    assert.equal(running.items.length, 3);
    const one = await core.readNamespacedPod({ name, namespace: NS });
    assert.equal(one.metadata?.uid, byLabel.items[0].metadata?.uid);
  });

  test('paginates with limit and continue over a consistent snapshot', async () => {
    const first = await core.listPodForAllNamespaces({ limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.metadata?._continue, 'a continue token');
    const rest = await core.listPodForAllNamespaces({ limit: 500, _continue: first.metadata!._continue });
    const total = await core.listPodForAllNamespaces();
    assert.equal(first.items.length + rest.items.length, total.items.length);
    assert.equal(rest.metadata?.resourceVersion, first.metadata?.resourceVersion);
  });

  test('answers errors as Status objects with real codes', async () => {
    await assert.rejects(core.readNamespacedPod({ name: 'nope', namespace: NS }), status(404, /NotFound: pods "nope" not found/));
    const body = { metadata: { name: 'dup' }, data: {} };
    await core.createNamespacedConfigMap({ namespace: NS, body });
    await assert.rejects(core.createNamespacedConfigMap({ namespace: NS, body }), status(409, /^AlreadyExists/));
    await assert.rejects(core.createNamespacedConfigMap({ namespace: 'missing-ns', body }), status(404, /namespaces "missing-ns" not found/));
    const cm = await core.readNamespacedConfigMap({ name: 'dup', namespace: NS });
    await core.replaceNamespacedConfigMap({ name: 'dup', namespace: NS, body: { ...cm, data: { a: '1' } } });
    await assert.rejects(core.replaceNamespacedConfigMap({ name: 'dup', namespace: NS, body: { ...cm, data: { a: '2' } } }), status(409, /^Conflict: Operation cannot be fulfilled/));
    await assert.rejects(apps.createNamespacedDeployment({ namespace: NS, body: { metadata: { name: 'bad' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'c' } }, spec: { containers: [{ name: 'x', image: 'x' }] } } } } }), status(422, /^Invalid: .*does not match template/));
  });

  test('patches with merge, strategic merge and JSON patch', async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'patched' }, data: { a: '1' } } });
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    await core.patchNamespacedConfigMap({ name: 'patched', namespace: NS, body: { data: { b: '2', a: null } } }, merge);
    assert.deepEqual((await core.readNamespacedConfigMap({ name: 'patched', namespace: NS })).data, { b: '2' });
    const json = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
    await core.patchNamespacedConfigMap({ name: 'patched', namespace: NS, body: [{ op: 'add', path: '/data/c', value: '3' }] }, json);
    assert.deepEqual((await core.readNamespacedConfigMap({ name: 'patched', namespace: NS })).data, { b: '2', c: '3' });
    const smp = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
    await apps.patchNamespacedDeployment({ name: 'nginx-deploy', namespace: NS, body: { spec: { template: { metadata: { labels: { tier: 'web' } } } } } }, smp);
    const d = await apps.readNamespacedDeployment({ name: 'nginx-deploy', namespace: NS });
    assert.equal(d.spec?.template.metadata?.labels?.tier, 'web');
    assert.equal(d.spec?.template.spec?.containers.length, 2, 'strategic merge keeps both containers');
    await waitFor('the rollout of the label change', async () => {
      const s = (await apps.readNamespacedDeployment({ name: 'nginx-deploy', namespace: NS })).status;
      return s?.updatedReplicas === 3 && s.availableReplicas === 3 && s.replicas === 3;
    });
  });

  test('watches from a resourceVersion, with bookmarks', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: NS });
    const seen: string[] = [];
    let bookmarks = 0;
    const watch = new Watch(c.kc);
    const ctrl = await watch.watch(
      `/api/v1/namespaces/${NS}/configmaps`,
      { resourceVersion: list.metadata!.resourceVersion, allowWatchBookmarks: true },
      (type, obj) => {
        if (type === 'BOOKMARK') bookmarks++;
        else seen.push(`${type} ${obj.metadata.name}`);
      },
      () => {},
    );
    await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'watched' } } });
    await core.deleteNamespacedConfigMap({ name: 'watched', namespace: NS });
    await waitFor('ADDED and DELETED events', () => seen.includes('DELETED watched'));
    assert.deepEqual(seen, ['ADDED watched', 'DELETED watched']);
    await waitFor('a bookmark', () => bookmarks > 0);
    ctrl.abort();
  });

  test('a watch from a compacted resourceVersion gets 410 Expired', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: NS });
    await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'after-compaction' } } });
    c.sim.store.compact();
    const errors: any[] = [];
    const watch = new Watch(c.kc);
    let ended = false;
    await watch.watch(`/api/v1/namespaces/${NS}/configmaps`, { resourceVersion: list.metadata!.resourceVersion }, (type, obj) => type === 'ERROR' && errors.push(obj), () => (ended = true));
    await waitFor('the watch to end', () => ended);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 410);
    assert.equal(errors[0].reason, 'Expired');
  });

  test('follows a container log and streams new lines', async () => {
    const pod = (await core.listNamespacedPod({ namespace: NS, labelSelector: 'app=nginx', fieldSelector: 'status.phase=Running' })).items[0];
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const ctrl = await new Log(c.kc).log(NS, pod.metadata!.name!, 'nginx', out, { follow: true, tailLines: 2, timestamps: true });
    await waitFor('two tail lines and then more', () => text.split('\n').filter(Boolean).length >= 5, 15_000);
    const lines = text.split('\n').filter(Boolean);
    for (const l of lines) assert.match(l, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    const stamps = lines.map((l) => l.split(' ')[0]);
    assert.deepEqual([...stamps].sort(), stamps, 'lines arrive in time order');
    assert.equal(new Set(lines).size, lines.length, 'no line twice');
    ctrl.abort();
  });

  test('serves the scale subresource', async () => {
    await apps.patchNamespacedDeploymentScale({ name: 'nginx-deploy', namespace: NS, body: { spec: { replicas: 4 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    const scale = await apps.readNamespacedDeploymentScale({ name: 'nginx-deploy', namespace: NS });
    assert.equal(scale.spec?.replicas, 4);
    await waitFor('4 ready pods', async () => (await apps.readNamespacedDeployment({ name: 'nginx-deploy', namespace: NS })).status?.readyReplicas === 4);
  });
});
