import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRedactedSecret, placeholderSecret, redactObject, REDACTED_ENV } from '../../../src/model/snapshot/snapshot-redact.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

test('a Secret: values become their length in bytes, keys kept, last-applied and managedFields dropped', () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'n', annotations: { [LAST_APPLIED]: '{"data":{"password":"aHVudGVyMg=="}}', team: 'shop' }, managedFields: [{ manager: 'kubectl' }] },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': Buffer.from('-----BEGIN CERTIFICATE-----').toString('base64'), password: 'aHVudGVyMg==', empty: '' },
    stringData: { token: 'héllo' },
  };
  assert.deepEqual(redactObject(secret), {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'n', annotations: { team: 'shop' } },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': 27, password: 7, empty: 0 },
    stringData: { token: 6 },
  });
  assert.equal(isRedactedSecret(redactObject(secret)), true);
  assert.equal(isRedactedSecret(secret), false);
});

test('a redacted Secret made servable: each length becomes that many zero bytes (describe shows the same sizes)', () => {
  const served = placeholderSecret({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 3, b: 0 } } as any);
  assert.deepEqual(served.data, { a: 'AAAA', b: '' });
});

test('other objects: only managedFields go; env values stay unless asked', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', managedFields: [] }, spec: { containers: [{ name: 'c', env: [{ name: 'A', value: 'literal' }] }] } };
  assert.deepEqual(redactObject(pod), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', env: [{ name: 'A', value: 'literal' }] }] } });
});

test('--redact-env: literal env values of pods, templates, job templates and revisions replaced; valueFrom kept; last-applied dropped', () => {
  const env = [{ name: 'A', value: 'secret-a' }, { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'C', value: '' }];
  const redacted = [{ name: 'A', value: REDACTED_ENV }, { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'C', value: REDACTED_ENV }];
  const podSpec = { initContainers: [{ name: 'i', env }], containers: [{ name: 'c', env }, { name: 'd' }] };
  const redactedSpec = { initContainers: [{ name: 'i', env: redacted }], containers: [{ name: 'c', env: redacted }, { name: 'd' }] };
  const meta = { name: 'x', annotations: { [LAST_APPLIED]: JSON.stringify({ env }) } };
  assert.deepEqual(redactObject({ kind: 'Pod', metadata: meta, spec: podSpec }, { env: true }), { kind: 'Pod', metadata: { name: 'x', annotations: {} }, spec: redactedSpec });
  assert.deepEqual(redactObject({ kind: 'Deployment', metadata: meta, spec: { replicas: 1, template: { spec: podSpec } } }, { env: true }).spec, { replicas: 1, template: { spec: redactedSpec } });
  assert.deepEqual(redactObject({ kind: 'CronJob', metadata: meta, spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } }, { env: true }).spec, { jobTemplate: { spec: { template: { spec: redactedSpec } } } });
  assert.deepEqual((redactObject({ kind: 'ControllerRevision', metadata: meta, data: { spec: { template: { spec: podSpec } } } } as any, { env: true }) as any).data, { spec: { template: { spec: redactedSpec } } });
  // Nothing to redact: the annotation stays.
  assert.deepEqual(redactObject({ kind: 'ConfigMap', metadata: meta, data: { a: 'b' } }, { env: true }).metadata, meta);
});
