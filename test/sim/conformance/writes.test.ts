/**
 * Writes stored as a real server stores them: a Secret created from its recorded manifest (with
 * `stringData`) reads back with the recorded `data`, and `stringData` is never returned.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { KubeObject } from '../../../src/model/types.js';
import { CORPUS, hasCorpus, recordedObjects } from '../../helpers/recorded-corpus.js';
import { ADMIN, startCluster, type TestCluster } from '../../helpers/sim.js';

let c: TestCluster;
const skip = !hasCorpus && 'no corpus';
before(async () => {
  if (hasCorpus) c = await startCluster({ clock: 'manual' });
});
after(() => c?.stop());

const manifests = (file: string) => (yaml.loadAll(readFileSync(join(CORPUS, 'manifests', file), 'utf8')) as KubeObject[]).filter(Boolean);
const send = async (method: string, path: string, body: unknown) => {
  const res = await fetch(c.sim.url + path, { method, headers: { 'Content-Type': 'application/json', ...ADMIN }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};

test('Secrets created from their manifests store stringData in data, as recorded', { skip }, async () => {
  const recorded = recordedObjects();
  const secrets = [...manifests('10-corpus-web.yaml'), ...manifests('30-corpus-edge.yaml')].filter((o) => o.kind === 'Secret');
  assert.ok(secrets.some((s) => s.stringData), 'a manifest with stringData');
  for (const ns of new Set(secrets.map((s) => s.metadata!.namespace))) await send('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const s of secrets) {
    const path = `/api/v1/namespaces/${s.metadata!.namespace}/secrets`;
    const created = await send('POST', path, s);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const read = await send('GET', `${path}/${s.metadata!.name}`, undefined);
    const want = recorded.get(`${s.metadata!.namespace}/secret-${s.metadata!.name}.json`)!;
    for (const got of [created.body, read.body]) {
      assert.deepEqual([got.type, got.data, got.stringData], [want.type, want.data, undefined], s.metadata!.name);
    }
  }
});

test('an update with stringData merges into data and overrides the same keys', { skip }, async () => {
  const path = '/api/v1/namespaces/default/secrets';
  await send('POST', path, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'merge' }, data: { a: 'YQ==', b: 'Yg==' } });
  const prev = (await send('GET', `${path}/merge`, undefined)).body;
  const updated = await send('PUT', `${path}/merge`, { ...prev, stringData: { b: 'B', c: 'C' } });
  assert.equal(updated.status, 200);
  assert.deepEqual([updated.body.data, updated.body.stringData], [{ a: 'YQ==', b: 'Qg==', c: 'Qw==' }, undefined]);
  const patched = await fetch(`${c.sim.url}${path}/merge`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json', ...ADMIN }, body: JSON.stringify({ stringData: { d: 'D' } }) });
  const body = (await patched.json()) as any;
  assert.deepEqual([body.data.d, body.stringData], ['RA==', undefined]);
});
