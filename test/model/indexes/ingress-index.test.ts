import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IngressIndex } from '../../../src/model/indexes/ingress-index.js';
import { hostMatches, readIngress } from '../../../src/model/ingress-shape.js';
import type { KubeObject } from '../../../src/model/types.js';

// The holmes Ingress as the seed document shows it: legacy extensions/v1beta1.
const legacy: KubeObject = {
  apiVersion: 'extensions/v1beta1',
  kind: 'Ingress',
  metadata: { name: 'risk-admin-node', namespace: 'credit-risk-admin-test-id' },
  spec: { rules: [{ host: 'holmes.test.shopeekredit.co.id', http: { paths: [{ path: '/admin/', backend: { serviceName: 'risk-admin-node', servicePort: 'http' } }] } }] },
};
const v1: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'risk-admin', namespace: 'credit-risk-admin-test-id' },
  spec: { rules: [{ host: 'Holmes.Test.ShopeeKredit.co.id', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'risk-admin', port: { number: 80 } } } }] } }] },
};
const wildcard: KubeObject = {
  metadata: { name: 'tenants', namespace: 'shop' },
  spec: { rules: [{ host: '*.shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'frontend', port: { name: 'http' } } } }] } }], defaultBackend: { service: { name: 'fallback', port: { number: 80 } } } },
};

test('legacy and v1 shapes read the same', () => {
  assert.deepEqual(readIngress(legacy).rules[0].paths[0], { path: '/admin/', pathType: 'ImplementationSpecific', backend: { service: { name: 'risk-admin-node', port: { name: 'http' } } } });
  assert.deepEqual(readIngress(v1).rules[0].paths[0].backend, { service: { name: 'risk-admin', port: { number: 80 } } });
  assert.deepEqual(readIngress({ spec: { backend: { serviceName: 'x', servicePort: 8080 } } }).defaultBackend, { service: { name: 'x', port: { number: 8080 } } });
  assert.deepEqual(readIngress({ spec: 'garbage' } as KubeObject).rules, []);
});

test('hosts: exact and case-insensitive; wildcards cover exactly one label', () => {
  assert.ok(hostMatches('*.shop.example.com', 'www.shop.example.com'));
  assert.ok(!hostMatches('*.shop.example.com', 'a.b.shop.example.com'));
  assert.ok(!hostMatches('*.shop.example.com', 'shop.example.com'));
  assert.ok(hostMatches('', 'anything.example.com'));
  const idx = new IngressIndex();
  for (const i of [legacy, v1, wildcard]) idx.apply({ type: 'add', object: i });
  assert.deepEqual(idx.forHost('HOLMES.test.shopeekredit.co.id').map((i) => i.metadata!.name).sort(), ['risk-admin', 'risk-admin-node']);
  assert.deepEqual(idx.forHost('www.shop.example.com').map((i) => i.metadata!.name), ['tenants']);
  assert.deepEqual(idx.forHost('deep.www.shop.example.com'), []);
  assert.deepEqual(idx.forService('shop', 'fallback').map((i) => i.metadata!.name), ['tenants'], 'default backends count');
  assert.deepEqual(idx.forService('credit-risk-admin-test-id', 'risk-admin-node').map((i) => i.metadata!.name), ['risk-admin-node']);
  idx.apply({ type: 'delete', object: legacy, previous: legacy });
  assert.deepEqual(idx.forHost('holmes.test.shopeekredit.co.id').map((i) => i.metadata!.name), ['risk-admin']);
});
