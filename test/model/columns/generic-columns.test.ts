import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/model/types.js';
import type { ColumnSet } from '../../../src/model/columns/column.js';
import { crdCellText, crdColumns, genericColumns, goFloat, goJson } from '../../../src/model/columns/generic-columns.js';
import { evaluateJsonPath, parseJsonPath } from '../../../src/model/columns/json-path.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

const headers = (set: ColumnSet, wide = false) => set.filter((c) => wide || c.priority === 0).map((c) => c.name);
const row = (set: ColumnSet, o: KubeObject, wide = false) =>
  set.filter((c) => wide || c.priority === 0).map((c) => c.text(o, NOW));

const certificateCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'certificates.cert-manager.io' },
  spec: {
    group: 'cert-manager.io',
    names: { kind: 'Certificate', plural: 'certificates' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        additionalPrinterColumns: [
          { jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: 'Ready', type: 'string' },
          { jsonPath: '.spec.secretName', name: 'Secret', type: 'string' },
          { jsonPath: '.spec.issuerRef.name', name: 'Issuer', priority: 1, type: 'string' },
          { jsonPath: '.status.conditions[?(@.type=="Ready")].message', name: 'Status', priority: 1, type: 'string' },
          {
            jsonPath: '.metadata.creationTimestamp',
            name: 'Age',
            type: 'date',
            description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
          },
        ],
      },
    ],
  },
};

const certificate: KubeObject = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'shop-tls', namespace: 'shop', creationTimestamp: '2024-04-30T12:00:00Z' },
  spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
  status: {
    conditions: [
      { type: 'Issuing', status: 'False' },
      { type: 'Ready', status: 'True', message: 'Certificate is up to date and has not expired', reason: 'Ready' },
    ],
    notAfter: '2024-07-29T11:00:00Z',
  },
};

test('generic kinds print NAME AGE', () => {
  assert.deepEqual(headers(genericColumns), ['NAME', 'AGE']);
  assert.deepEqual(row(genericColumns, certificate), ['shop-tls', '24h']);
});

test('CRD printer columns: headers, priorities and cells', () => {
  const set = crdColumns(certificateCrd);
  assert.deepEqual(headers(set), ['NAME', 'READY', 'SECRET', 'AGE']);
  assert.deepEqual(headers(set, true), ['NAME', 'READY', 'SECRET', 'ISSUER', 'STATUS', 'AGE']);
  assert.deepEqual(row(set, certificate, true), [
    'shop-tls', 'True', 'shop-tls', 'letsencrypt', 'Certificate is up to date and has not expired', '24h',
  ]);
  const fresh = { ...certificate, status: undefined };
  assert.deepEqual(row(set, fresh), ['shop-tls', '', 'shop-tls', '24h']);
  const age = set.find((c) => c.name === 'AGE')!;
  assert.equal(age.type, 'date');
  assert.equal(age.sort!(certificate, NOW), Date.parse('2024-04-30T12:00:00Z'));
  assert.equal(set[1].description, 'Custom resource definition column (in JSONPath format): .status.conditions[?(@.type=="Ready")].status');
});

test('a CRD version without printer columns gets NAME AGE', () => {
  const bare = structuredClone(certificateCrd);
  delete bare.spec.versions[0].additionalPrinterColumns;
  assert.deepEqual(headers(crdColumns(bare)), ['NAME', 'AGE']);
});

test('the requested version is used, and v1beta1 top-level columns are honoured', () => {
  const multi = structuredClone(certificateCrd);
  multi.spec.versions.unshift({
    name: 'v1alpha2',
    served: true,
    storage: false,
    additionalPrinterColumns: [{ jsonPath: '.spec.commonName', name: 'CN', type: 'string' }],
  });
  assert.deepEqual(headers(crdColumns(multi)), ['NAME', 'READY', 'SECRET', 'AGE']);
  assert.deepEqual(headers(crdColumns(multi, 'v1alpha2')), ['NAME', 'CN']);
  const legacy: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      version: 'v1',
      versions: [{ name: 'v1', served: true, storage: true }],
      additionalPrinterColumns: [{ JSONPath: '.spec.size', name: 'Size', type: 'integer' }],
    },
  };
  assert.deepEqual(row(crdColumns(legacy), { metadata: { name: 'w' }, spec: { size: 3 } }), ['w', '3']);
});

test('typed cells render as the apiextensions table convertor does', () => {
  const crd: KubeObject = {
    spec: {
      versions: [{
        name: 'v1',
        storage: true,
        additionalPrinterColumns: [
          { jsonPath: '.spec.replicas', name: 'Replicas', type: 'integer' },
          { jsonPath: '.status.score', name: 'Score', type: 'number' },
          { jsonPath: '.spec.paused', name: 'Paused', type: 'boolean' },
          { jsonPath: '.spec.selector', name: 'Selector', type: 'string' },
          { jsonPath: '.metadata.labels.app\\.kubernetes\\.io/name', name: 'App', type: 'string' },
          { jsonPath: '.spec.ports[0].port', name: 'Port', type: 'integer' },
          { jsonPath: '.status.lastSync', name: 'Synced', type: 'date' },
        ],
      }],
    },
  };
  const widget: KubeObject = {
    metadata: { name: 'w1', labels: { 'app.kubernetes.io/name': 'widget' } },
    spec: { replicas: 3.7, paused: true, selector: { matchLabels: { b: '<x>', a: 1 } }, ports: [{ port: 8080 }, { port: 9090 }] },
    status: { score: 1000000, lastSync: 'yesterday' },
  };
  assert.deepEqual(row(crdColumns(crd), widget), [
    'w1', '3', '1e+06', 'true', '{"matchLabels":{"a":1,"b":"\\u003cx\\u003e"}}', 'widget', '8080', '<invalid>',
  ]);
  const wrongTypes = { metadata: { name: 'w2' }, spec: { replicas: 'three', paused: 'yes' }, status: { score: '0.5', lastSync: 5 } };
  assert.deepEqual(row(crdColumns(crd), wrongTypes), ['w2', '', '', '', '', '', '', '']);
});

test('columns stop at the first JSONPath that cannot be parsed', () => {
  const crd: KubeObject = {
    spec: {
      versions: [{
        name: 'v1',
        storage: true,
        additionalPrinterColumns: [
          { jsonPath: '.spec.a', name: 'A', type: 'string' },
          { jsonPath: '.spec[', name: 'Broken', type: 'string' },
          { jsonPath: '.spec.c', name: 'C', type: 'string' },
        ],
      }],
    },
  };
  assert.deepEqual(headers(crdColumns(crd)), ['NAME', 'A']);
});

test('goFloat and goJson mimic Go formatting', () => {
  assert.equal(goFloat(0.5), '0.5');
  assert.equal(goFloat(123456), '123456');
  assert.equal(goFloat(1234567.5), '1.2345675e+06');
  assert.equal(goFloat(0.00001), '1e-05');
  assert.equal(goFloat(0.0001), '0.0001');
  assert.equal(goFloat(-2.5e100), '-2.5e+100');
  assert.equal(goJson({ z: [1, 'a&b'], a: null }), '{"a":null,"z":[1,"a\\u0026b"]}');
  assert.equal(crdCellText('number', 3, NOW), '3');
  assert.equal(crdCellText('string', 3, NOW), '3');
  assert.equal(crdCellText('string', 2.5, NOW), '2.5');
  assert.equal(crdCellText('date', '', NOW), '<unknown>');
  assert.equal(crdCellText('date', '2024-05-01T11:00:00Z', NOW), '60m');
});

test('JSONPath subset', () => {
  const doc = { items: [{ n: 'a', v: 1 }, { n: 'b', v: 2 }, { n: 'c', v: 3 }], 'odd.key': 'x' };
  const eval_ = (path: string) => evaluateJsonPath(parseJsonPath(path)!, doc);
  assert.deepEqual(eval_('.items[*].n'), ['a', 'b', 'c']);
  assert.deepEqual(eval_('.items[-1].n'), ['c']);
  assert.deepEqual(eval_('.items[0:2].v'), [1, 2]);
  assert.deepEqual(eval_('{.items[?(@.v>1)].n}'), ['b', 'c']);
  assert.deepEqual(eval_("$.items[?(@.n!='a')].v"), [2, 3]);
  assert.deepEqual(eval_("['odd.key']"), ['x']);
  assert.deepEqual(eval_('.items[7].n'), []);
  assert.deepEqual(eval_('.constructor'), []);
  assert.equal(parseJsonPath('..items'), undefined);
  assert.equal(parseJsonPath('items'), undefined);
});
