/**
 * The simulator's LIST bodies and headers against the real server's (the corpus' `lists/`): the
 * list metadata rules (built-in lists vs custom resource lists), continue tokens, items without
 * kind, PartialObjectMetadataList, and the Endpoints deprecation warning.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, hasCorpus } from '../../helpers/recorded-corpus.js';
import { corpusCluster } from '../../helpers/corpus-sim.js';
import { ADMIN } from '../../helpers/sim.js';

const recorded = (file: string) => JSON.parse(readFileSync(join(CORPUS, 'lists', file), 'utf8'));
const recordedHeader = (file: string, name: string) =>
  readFileSync(join(CORPUS, 'lists', file), 'utf8').split('\n').map((l) => /^([^:]+):\s*(.*)$/.exec(l.trim())).find((m) => m && m[1].toLowerCase() === name)?.[2];
/** The keys of a body and of its metadata, in order: the shape, not the values. */
const shape = (b: any) => ({ keys: Object.keys(b), metadata: Object.keys(b.metadata), item: b.items?.[0] ? Object.keys(b.items[0]).filter((k) => ['kind', 'apiVersion', 'metadata'].includes(k)) : [] });
const token = (t: string) => JSON.parse(Buffer.from(t, 'base64url').toString('utf8'));

const skip = !hasCorpus && 'no corpus';
const corpus = corpusCluster();
const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(corpus.c.sim.url + path, { headers: { ...headers, ...ADMIN } });
  return { res, body: (await res.json()) as any };
};

test('a built-in list: resourceVersion only; pages add continue and remainingItemCount; items carry no kind', { skip }, async () => {
  const all = await get('/api/v1/namespaces/corpus-web/pods');
  assert.deepEqual(shape(all.body), shape(recorded('pods-corpus-web.json')));
  const p1 = await get('/api/v1/namespaces/corpus-web/pods?limit=4');
  assert.deepEqual(shape(p1.body), shape(recorded('pods-corpus-web-limit4-page1.json')));
  assert.equal(p1.body.metadata.remainingItemCount, all.body.items.length - 4);
  const t = token(p1.body.metadata.continue);
  const theirs = token(recorded('pods-corpus-web-limit4-page1.json').metadata.continue);
  assert.deepEqual(Object.keys(t), Object.keys(theirs));
  assert.deepEqual([t.v, t.rv, t.start], ['meta.k8s.io/v1', Number(p1.body.metadata.resourceVersion), `${p1.body.items[3].metadata.name}\u0000`]);
  const names: string[] = p1.body.items.map((o: any) => o.metadata.name);
  let next = p1.body.metadata.continue;
  let last = p1.body;
  while (next) {
    last = (await get(`/api/v1/namespaces/corpus-web/pods?limit=4&continue=${next}`)).body;
    names.push(...last.items.map((o: any) => o.metadata.name));
    next = last.metadata.continue;
  }
  assert.deepEqual(shape(last), shape(recorded('pods-corpus-web-limit4-page3.json')));
  assert.deepEqual(names, all.body.items.map((o: any) => o.metadata.name));
  assert.deepEqual(names, [...names].sort(), 'listed in key order');
});

test('a custom resource list always carries continue ("" on the last page), before resourceVersion; items carry kind', { skip }, async () => {
  const { res, body } = await get('/apis/corpus.example.org/v1/namespaces/corpus-batch/backups');
  assert.deepEqual(shape(body), shape(recorded('backups-corpus-batch.json')));
  assert.equal(body.metadata.continue, '');
  assert.equal(res.headers.get('content-type'), recordedHeader('backups-corpus-batch.headers.txt', 'content-type'));
  const page = await get('/apis/gateway.networking.k8s.io/v1/namespaces/corpus-edge/httproutes?limit=2');
  assert.deepEqual(shape(page.body), shape(recorded('httproutes-corpus-edge-limit2-page1.json')));
  const rest = await get(`/apis/gateway.networking.k8s.io/v1/namespaces/corpus-edge/httproutes?limit=2&continue=${page.body.metadata.continue}`);
  assert.deepEqual(shape(rest.body), shape(recorded('httproutes-corpus-edge.json')));
});

test('Accept as=PartialObjectMetadataList lists metadata only', { skip }, async () => {
  const { body } = await get('/apis/apps/v1/namespaces/corpus-web/deployments', { Accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' });
  const theirs = recorded('deployments-corpus-web-metadata-only.json');
  assert.deepEqual(shape(body), shape(theirs));
  assert.deepEqual([body.kind, body.apiVersion], [theirs.kind, theirs.apiVersion]);
  assert.deepEqual(body.items.map((i: any) => [i.kind, i.apiVersion, Object.keys(i)]), theirs.items.map((i: any) => [i.kind, i.apiVersion, Object.keys(i)]));
  assert.deepEqual(body.items.map((i: any) => i.metadata.name), theirs.items.map((i: any) => i.metadata.name));
});

test('every Endpoints request carries the deprecation warning', { skip }, async () => {
  const want = recordedHeader('endpoints-corpus-web.headers.txt', 'warning');
  assert.ok(want);
  for (const path of ['/api/v1/namespaces/corpus-web/endpoints', '/api/v1/namespaces/corpus-web/endpoints/web', '/api/v1/endpoints']) {
    assert.equal((await get(path)).res.headers.get('warning'), want, path);
  }
  assert.equal((await get('/api/v1/namespaces/corpus-web/services')).res.headers.get('warning'), null);
});
