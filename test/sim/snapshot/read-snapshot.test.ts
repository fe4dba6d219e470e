import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN } from '../../../src/sim/auth/authenticate.js';
import { SimCluster } from '../../../src/sim/cluster.js';
import { readSnapshot } from '../../../src/sim/snapshot/read-snapshot.js';

const MANIFEST = `apiVersion: kdrill.dev/v1
kind: Snapshot
capturedAt: '2026-03-01T12:00:00Z'
context: prod-eu
server: https://10.0.0.1:6443
serverVersion: v1.31.2
user: alice
namespace: shop
namespaces: [shop]
included:
  - {resource: widgets.example.com, apiVersion: example.com/v1, kind: Widget, scope: namespace shop, objects: 1}
  - {resource: pods, apiVersion: v1, kind: Pod, scope: namespace shop, objects: 0}
unreadable: []
notServed: []
logs: {tailLines: 0, containers: 0, unavailable: []}
redaction: {secrets: s, env: e, credentials: c}
`;
const WIDGET = `---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: shop, uid: u-1, resourceVersion: '42', creationTimestamp: '2026-03-01T11:00:00Z'}\nspec: {size: 3}\n`;

describe('reading snapshots', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kdrill-read-'));
    mkdirSync(join(dir, 'snap', 'objects'), { recursive: true });
    writeFileSync(join(dir, 'snap', 'kdrill-snapshot.yaml'), MANIFEST);
    writeFileSync(join(dir, 'snap', 'objects', 'widgets.example.com.yaml'), WIDGET);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a kind the snapshot holds objects of but no definition for is served all the same, as captured', async () => {
    const sim = await SimCluster.start({ snapshot: readSnapshot(join(dir, 'snap')) });
    try {
      const res = await fetch(`${sim.url}/apis/example.com/v1/namespaces/shop/widgets/w1`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'shop', uid: 'u-1', resourceVersion: '42', creationTimestamp: '2026-03-01T11:00:00Z' }, spec: { size: 3 } });
      assert.equal(sim.clock.now(), Date.parse('2026-03-01T12:00:00Z'));
      assert.equal((sim.kubeconfig('prod-eu').contexts as any[])[0].context.namespace, 'shop');
    } finally {
      await sim.stop();
    }
  });

  test('an archive made with tar czf of a snapshot directory reads as the directory does', (t) => {
    if (spawnSync('tar', ['--version']).status !== 0) return t.skip('tar is not installed: this test reads an archive that tar itself made; the archives kdrill writes are read in the other tests');
    assert.equal(spawnSync('tar', ['czf', join(dir, 'made-by-tar.tar.gz'), '-C', dir, 'snap']).status, 0);
    const [a, b] = [readSnapshot(join(dir, 'snap')), readSnapshot(join(dir, 'made-by-tar.tar.gz'))];
    assert.deepEqual(b.manifest, a.manifest);
    assert.deepEqual(b.manifests.map((m) => m.object), a.manifests.map((m) => m.object));
  });

  test('what is not a snapshot says why', () => {
    mkdirSync(join(dir, 'empty'));
    assert.throws(() => readSnapshot(join(dir, 'empty')), /is not a kdrill snapshot \(it has no kdrill-snapshot\.yaml\)/);
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad', 'kdrill-snapshot.yaml'), 'kind: Snapshot\ncapturedAt: yesterday\n');
    assert.throws(() => readSnapshot(join(dir, 'bad')), /kdrill-snapshot\.yaml: capturedAt is missing or not a time/);
    assert.throws(() => readSnapshot(join(dir, 'missing')), /does not exist/);
    writeFileSync(join(dir, 'plain.txt'), 'hello');
    assert.throws(() => readSnapshot(join(dir, 'plain.txt')), /is neither a directory nor a \.tar\.gz archive/);
  });
});
