import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discover } from '../../src/kube/discover.js';
import { collectionPath, Discovery, type ApiResource } from '../../src/kube/discovery.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { startCluster } from '../helpers/sim.js';

const res = (group: string, versions: string[], resource: string, kind: string, shortNames: string[] = []): ApiResource => ({
  group, version: versions[0], versions, resource, kind, singular: kind.toLowerCase(), namespaced: true, shortNames, verbs: ['list', 'watch'], categories: [],
});

test('Ingress comes from networking.k8s.io/v1 where served, else the legacy groups', () => {
  const modern = new Discovery([res('networking.k8s.io', ['v1', 'v1beta1'], 'ingresses', 'Ingress', ['ing']), res('extensions', ['v1beta1'], 'ingresses', 'Ingress', ['ing'])]);
  assert.equal(`${modern.ingress()?.group}/${modern.ingress()?.version}`, 'networking.k8s.io/v1');
  const old = new Discovery([res('networking.k8s.io', ['v1beta1'], 'ingresses', 'Ingress'), res('extensions', ['v1beta1'], 'ingresses', 'Ingress')]);
  assert.equal(`${old.ingress()?.group}/${old.ingress()?.version}`, 'networking.k8s.io/v1beta1');
  const ancient = new Discovery([res('extensions', ['v1beta1'], 'ingresses', 'Ingress', ['ing'])]);
  assert.equal(`${ancient.ingress()?.group}/${ancient.ingress()?.version}`, 'extensions/v1beta1');
  assert.equal(collectionPath(ancient.ingress()!, 'ns'), '/apis/extensions/v1beta1/namespaces/ns/ingresses');
});

test('names resolve as kubectl resolves them; CRDs appear as kinds', async () => {
  const c = await startCluster({ scenario: 'demo', clock: 'manual' });
  const transport = new KubeTransport(c.kc);
  try {
    const d = await discover(transport);
    for (const [name, id] of [['po', 'pods'], ['pod', 'pods'], ['Pods', 'pods'], ['deploy', 'deployments'], ['deployments.apps', 'deployments'], ['svc', 'services'], ['ing', 'ingresses'], ['ev', 'events'], ['no', 'nodes'], ['ns', 'namespaces'], ['crd', 'customresourcedefinitions'], ['cj', 'cronjobs']] as const) {
      assert.equal(d.find(name)?.resource, id, name);
    }
    const widgets = d.find('widgets');
    assert.equal(widgets?.group, 'example.com');
    assert.equal(collectionPath(widgets!, 'shop'), `/apis/example.com/${widgets!.version}/namespaces/shop/widgets`);
    assert.equal(d.find('ev')?.group, '', 'core events win the short name');
    assert.equal(collectionPath(d.find('nodes')!, 'ignored'), '/api/v1/nodes');
  } finally {
    transport.destroy();
    await c.stop();
  }
});
