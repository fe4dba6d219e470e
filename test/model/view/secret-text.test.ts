import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe } from '../../../src/model/describe/describe.js';
import { yamlLines } from '../../../src/model/view/detail-text.js';
import { lastAppliedWithoutValues, secretFields } from '../../../src/model/view/secret-text.js';
import type { KubeObject } from '../../../src/model/types.js';
import { indexesOf } from '../../helpers/indexes.js';

// A Secret created by `kubectl apply` of a manifest with stringData, as a v1.36 API server returned it
// (apiserver-1.36 recording objects/corpus-web/secret-web-tls.json, managedFields cut short).
const KEY = '-----BEGIN PRIVATE KEY-----\nZmFrZS1rZXktZm9yLXRoZS1hcGlzZXJ2ZXItY29ycHVz\n-----END PRIVATE KEY-----\n';
const CRT = '-----BEGIN CERTIFICATE-----\nZmFrZS1jZXJ0aWZpY2F0ZS1mb3ItdGhlLWFwaXNlcnZlci1jb3JwdXM=\n-----END CERTIFICATE-----\n';
const APPLIED = `${JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { annotations: {}, name: 'web-tls', namespace: 'corpus-web' }, stringData: { 'tls.crt': CRT, 'tls.key': KEY }, type: 'kubernetes.io/tls' })}\n`;
const webTls: KubeObject = {
  kind: 'Secret',
  apiVersion: 'v1',
  metadata: { name: 'web-tls', namespace: 'corpus-web', uid: '5ae3c70d-9a53-4606-9d69-481ad11274fa', resourceVersion: '521', creationTimestamp: '2026-11-28T18:12:26Z', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': APPLIED }, managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update' }] },
  data: { 'tls.crt': Buffer.from(CRT).toString('base64'), 'tls.key': Buffer.from(KEY).toString('base64') },
  type: 'kubernetes.io/tls',
};
const SECRET_TEXT = 'ZmFrZS1rZXktZm9yLXRoZS1hcGlzZXJ2ZXItY29ycHVz';

test('last-applied of a Secret: every data and stringData value replaced by its size, the rest kept as kubectl wrote it', () => {
  assert.equal(
    lastAppliedWithoutValues(APPLIED),
    '{"apiVersion":"v1","kind":"Secret","metadata":{"annotations":{},"name":"web-tls","namespace":"corpus-web"},"stringData":{"tls.crt":"<111 bytes>","tls.key":"<99 bytes>"},"type":"kubernetes.io/tls"}\n',
  );
  assert.equal(lastAppliedWithoutValues('{"kind":"Secret","data":{"password":"aHVudGVyMg=="}}'), '{"kind":"Secret","data":{"password":"<7 bytes>"}}');
  assert.equal(lastAppliedWithoutValues('{"kind":"Secret","data":"aHVudGVyMg=="}'), '{"kind":"Secret","data":"<hidden>"}');
  assert.equal(lastAppliedWithoutValues('{"stringData":{"p":"hunter2"'), '<28 bytes, not JSON: hidden, it may hold the Secret\'s values>');
});

test('the YAML pane after m: a Secret\'s last-applied unfolded without its values, decoded or not', () => {
  for (const secretValues of ['sizes', 'decoded', 'api', 'stringData'] as const) {
    const lines = yamlLines(webTls, { managedFields: true, secretValues });
    const annotation = lines.find((l) => l.includes('last-applied-configuration'));
    assert.equal(annotation, `    kubectl.kubernetes.io/last-applied-configuration: |`, secretValues);
    const text = lines.join('\n');
    assert.match(text, /"stringData":\{"tls.crt":"<111 bytes>","tls.key":"<99 bytes>"\}/, secretValues);
    if (secretValues !== 'decoded' && secretValues !== 'stringData') assert.ok(!text.includes(SECRET_TEXT), `${secretValues}: no value in clear`);
  }
  // Another kind's last-applied is shown as it is.
  const cm = yamlLines({ ...webTls, kind: 'ConfigMap', data: { k: 'v' } }, { managedFields: true }).join('\n');
  assert.ok(cm.includes(SECRET_TEXT));
});

test('a Secret\'s values: sizes by default, base64 as the API gives them, decoded under stringData (binary stays base64 under data)', () => {
  const s: KubeObject = { kind: 'Secret', data: { password: 'aHVudGVyMg==', blob: Buffer.from([0xff, 0xfe, 0x00]).toString('base64') } };
  assert.deepEqual(secretFields(s, 'sizes'), { data: { password: '<7 bytes>', blob: '<3 bytes>' }, stringData: undefined });
  assert.deepEqual(secretFields(s, 'api'), { data: s.data, stringData: undefined });
  assert.deepEqual(secretFields(s, 'decoded'), { data: { password: 'hunter2', blob: '<3 bytes of binary data>' }, stringData: undefined });
  assert.deepEqual(secretFields(s, 'stringData'), { data: { blob: '//4A' }, stringData: { password: 'hunter2' } });
  assert.deepEqual(yamlLines({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 'aHVudGVyMg==' }, type: 'Opaque' }, { secretValues: 'stringData' }), [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: db',
    'type: Opaque',
    'stringData:',
    '  password: hunter2',
  ]);
});

test('describe of a Secret equals kubectl\'s: keys and sizes, no last-applied, no value', () => {
  // apiserver-1.36 recording kubectl/corpus-web/describe-secret-web-tls.txt
  const kubectl = 'Name:         web-tls\nNamespace:    corpus-web\nLabels:       <none>\nAnnotations:  <none>\n\nType:  kubernetes.io/tls\n\nData\n====\ntls.crt:  111 bytes\ntls.key:  99 bytes\n';
  assert.equal(describe(webTls, indexesOf([webTls]), Date.parse('2026-11-28T18:20:00Z')), kubectl);
});
