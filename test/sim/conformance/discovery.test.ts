/**
 * The simulator's discovery against a real kube-apiserver 1.36's (the corpus' `discovery/`), for
 * every group, version and resource the simulator serves: legacy `/api`, `/apis`, group versions
 * with their verbs; aggregated discovery (apidiscovery.k8s.io/v2) with its headers, ETag and 304,
 * and the 406 for v2beta1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, hasCorpus } from '../../helpers/recorded-corpus.js';
import { corpusCluster } from '../../helpers/corpus-sim.js';
import { ADMIN } from '../../helpers/sim.js';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const recorded = (file: string) => JSON.parse(readFileSync(join(CORPUS, 'discovery', file), 'utf8'));
/** Response headers of a recorded exchange, lower-case names, without the flow-control ones. */
function recordedHeaders(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(join(CORPUS, 'discovery', file), 'utf8').split('\n').slice(1)) {
    const m = /^([^:]+):\s*(.*)$/.exec(line.trim());
    if (m && !m[1].startsWith('x-kubernetes-pf-')) out[m[1].toLowerCase()] = m[2];
  }
  return out;
}

const skip = !hasCorpus && 'no corpus';
const corpus = corpusCluster();

const get = (path: string, headers: Record<string, string> = {}) => fetch(corpus.c.sim.url + path, { headers: { ...headers, ...ADMIN } });
const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
/** Records `what` when two values differ, with both sides' JSON (every difference is reported at once). */
function differ(ours: unknown, theirs: unknown, what: string, diffs: string[]): void {
  const [a, b] = [JSON.stringify(ours), JSON.stringify(theirs)];
  if (a !== b) diffs.push(`${what}:\n  sim  ${a}\n  real ${b}`);
}
const RESOURCE_KEYS = ['name', 'singularName', 'namespaced', 'group', 'version', 'kind', 'verbs', 'shortNames', 'categories'];

test('/apis lists the groups in the server order, each with its preferred version', { skip }, async () => {
  const ours = (await (await get('/apis')).json()) as any;
  const theirs = recorded('apis.json');
  const names = ours.groups.map((g: any) => g.name);
  assert.deepEqual(names, theirs.groups.map((g: any) => g.name).filter((n: string) => names.includes(n)));
  for (const g of ours.groups) {
    const t = theirs.groups.find((x: any) => x.name === g.name);
    assert.deepEqual(g.preferredVersion, t.preferredVersion, g.name);
    for (const v of g.versions) assert.ok(t.versions.some((x: any) => x.groupVersion === v.groupVersion), v.groupVersion);
  }
  assert.deepEqual(Object.keys(ours), Object.keys(theirs));
});

test('/api and every served group version list their resources as the server does (verbs, kinds, names)', { skip }, async () => {
  const api = (await (await get('/api')).json()) as any;
  assert.deepEqual(api.kind, 'APIVersions');
  assert.deepEqual(api.versions, recorded('api.json').versions);
  const diffs: string[] = [];
  const groups = ((await (await get('/apis')).json()) as any).groups.flatMap((g: any) => g.versions.map((v: any) => v.groupVersion));
  let compared = 0;
  for (const gv of ['v1', ...groups]) {
    const ours = (await (await get(gv === 'v1' ? '/api/v1' : `/apis/${gv}`)).json()) as any;
    const theirs = recorded(gv === 'v1' ? 'api-v1.json' : `apis/${gv.replace('/', '_')}.json`);
    assert.equal(ours.kind, 'APIResourceList');
    assert.equal(ours.groupVersion, theirs.groupVersion);
    for (const r of ours.resources) {
      const t = theirs.resources.find((x: any) => x.name === r.name);
      assert.ok(t, `${gv} ${r.name} is not served by the real server`);
      differ(pick(r, RESOURCE_KEYS), pick(t, RESOURCE_KEYS), `${gv} ${r.name}`, diffs);
      compared++;
    }
  }
  assert.deepEqual(diffs, []);
  assert.ok(compared >= 35, `${compared} resources compared`);
});

test('aggregated discovery: content type, vary, cache-control, etag; If-None-Match answers 304', { skip }, async () => {
  for (const [path, file] of [['/apis', 'aggregated-apis'], ['/api', 'aggregated-api']]) {
    const res = await get(path, { Accept: AGGREGATED });
    assert.equal(res.status, 200);
    const want = recordedHeaders(`${file}.headers.txt`);
    for (const h of ['content-type', 'vary', 'cache-control']) assert.equal(res.headers.get(h), want[h], `${path} ${h}`);
    const etag = res.headers.get('etag')!;
    assert.match(etag, /^"[0-9A-F]{128}"$/);
    const body = (await res.json()) as any;
    assert.deepEqual([body.kind, body.apiVersion, body.metadata], ['APIGroupDiscoveryList', 'apidiscovery.k8s.io/v2', {}]);
    const again = await get(path, { Accept: AGGREGATED, 'If-None-Match': etag });
    assert.equal(again.status, 304);
    const want304 = recordedHeaders('aggregated-apis-if-none-match.headers.txt');
    for (const h of ['etag', 'vary', 'cache-control']) assert.equal(again.headers.get(h), h === 'etag' ? etag : want304[h], `304 ${h}`);
    assert.equal(await again.text(), '');
  }
  // kubectl's Accept lists v2, v2beta1 and plain JSON: v2 is chosen.
  const kubectlAccept = `${AGGREGATED},application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json`;
  assert.equal((await get('/apis', { Accept: kubectlAccept })).headers.get('content-type'), recordedHeaders('aggregated-apis-kubectl-accept.headers.txt')['content-type']);
});

test('aggregated discovery v2beta1 is refused with the recorded 406', { skip }, async () => {
  const res = await get('/apis', { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList' });
  assert.equal(res.status, 406);
  assert.deepEqual(await res.json(), recorded('aggregated-apis-v2beta1.json'));
});

test('aggregated discovery lists each served resource as the server does', { skip }, async () => {
  const diffs: string[] = [];
  let compared = 0;
  for (const [path, file] of [['/apis', 'aggregated-apis.json'], ['/api', 'aggregated-api.json']]) {
    const ours = (await (await get(path, { Accept: AGGREGATED })).json()) as any;
    const theirs = recorded(file);
    const name = (g: any) => g.metadata.name ?? '';
    const names = ours.items.map(name);
    assert.deepEqual(names, theirs.items.map(name).filter((n: string) => names.includes(n)), `${path} group order`);
    for (const g of ours.items) {
      const tg = theirs.items.find((x: any) => name(x) === name(g));
      assert.deepEqual(g.metadata, tg.metadata);
      for (const v of g.versions) {
        const tv = tg.versions.find((x: any) => x.version === v.version);
        assert.ok(tv, `${name(g)}/${v.version}`);
        assert.equal(v.freshness, tv.freshness);
        for (const r of v.resources) {
          const tr = tv.resources.find((x: any) => x.resource === r.resource);
          assert.ok(tr, `${name(g)} ${r.resource}`);
          // The simulator serves fewer subresources (no exec/attach/...): those it serves must match.
          const served = new Set((r.subresources ?? []).map((s: any) => s.subresource));
          const theirSubs = (tr.subresources ?? []).filter((s: any) => served.has(s.subresource));
          differ({ ...r, subresources: r.subresources ?? [] }, { ...tr, subresources: theirSubs }, `${name(g)} ${r.resource}`, diffs);
          compared++;
        }
      }
    }
  }
  assert.deepEqual(diffs, []);
  assert.ok(compared >= 35, `${compared} resources compared`);
});
