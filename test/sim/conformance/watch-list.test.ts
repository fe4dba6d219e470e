/**
 * Streaming lists (`sendInitialEvents`, the corpus' `watch/sendinitialevents-*` and
 * `watch/watch-sendinitialevents.jsonl`): refused parameter combinations answer the recorded 422
 * bodies exactly; the `refuseWatchList` fault refuses as the recorded server did (200, one ERROR
 * event 500, the end); served, a streaming list is every object as ADDED in key order, one BOOKMARK
 * annotated `k8s.io/initial-events-end` with the list's resourceVersion, then live events.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, hasCorpus } from '../../helpers/recorded-corpus.js';
import { loadCorpus } from '../../helpers/corpus-sim.js';
import { ADMIN, startCluster, type TestCluster } from '../../helpers/sim.js';
import { waitFor } from '../../helpers/wait.js';

let c: TestCluster;
const skip = !hasCorpus && 'no corpus';
const PODS = '/api/v1/namespaces/corpus-web/pods';
const STREAM = 'watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true';

before(async () => {
  if (!hasCorpus) return;
  c = await startCluster({ clock: 'manual', bookmarkIntervalMs: 20 });
  loadCorpus(c.sim);
});
after(() => c?.stop());

const recorded = (file: string) => readFileSync(join(CORPUS, 'watch', file), 'utf8');
const recordedStatus = (name: string) => Number(/^HTTP\/\S+ (\d+)/.exec(recorded(`${name}.headers.txt`))![1]);
const header = (name: string, h: string) => new RegExp(`^${h}: (.*)$`, 'm').exec(recorded(`${name}.headers.txt`))?.[1];

/** A watch's event lines as they come; `done` resolves when the server ends the stream. */
function watch(query: string): { lines: any[]; status: Promise<number>; headers: Promise<Headers>; done: Promise<void>; stop: () => void } {
  const lines: any[] = [];
  const ac = new AbortController();
  let status!: (n: number) => void;
  let headers!: (h: Headers) => void;
  const statusP = new Promise<number>((r) => (status = r));
  const headersP = new Promise<Headers>((r) => (headers = r));
  const done = (async () => {
    try {
      const res = await fetch(`${c.sim.url}${PODS}?${query}`, { signal: ac.signal, headers: ADMIN });
      status(res.status);
      headers(res.headers);
      let buf = '';
      for await (const chunk of res.body!) {
        buf += Buffer.from(chunk).toString('utf8');
        for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
          lines.push(JSON.parse(buf.slice(0, i)));
          buf = buf.slice(i + 1);
        }
      }
    } catch {
      // aborted
    }
  })();
  return { lines, status: statusP, headers: headersP, done, stop: () => ac.abort() };
}

for (const [name, query] of [
  ['sendinitialevents-without-rvmatch', 'watch=1&sendInitialEvents=true&allowWatchBookmarks=true'],
  ['sendinitialevents-rvmatch-exact', 'watch=1&sendInitialEvents=true&resourceVersionMatch=Exact&allowWatchBookmarks=true'],
] as const) {
  test(`${name}: the recorded 422, body exactly`, { skip }, async () => {
    const res = await fetch(`${c.sim.url}${PODS}?${query}`, { headers: ADMIN });
    const body = await res.text();
    assert.equal(res.status, recordedStatus(name));
    assert.equal(res.headers.get('content-type'), header(name, 'content-type'));
    assert.equal(res.headers.get('cache-control'), header(name, 'cache-control'));
    // The recorded body is indented (curl saw it so); the same JSON, key order included.
    assert.equal(body, JSON.stringify(JSON.parse(recorded(`${name}.body`))));
  });
}

test('the refuseWatchList fault: 200, the recorded ERROR event exactly, then the end (with and without resourceVersion=0)', { skip }, async () => {
  c.sim.faults.refuseWatchList();
  try {
    for (const [query, file] of [
      [STREAM, 'watch-sendinitialevents.jsonl'],
      [`${STREAM}&resourceVersion=0`, 'sendinitialevents-rv0.body'],
    ]) {
      const w = watch(query);
      assert.equal(await w.status, 200);
      const h = await w.headers;
      assert.equal(h.get('content-type'), header('watch-sendinitialevents', 'content-type'));
      assert.equal(h.get('cache-control'), header('watch-sendinitialevents', 'cache-control'));
      await w.done;
      assert.deepEqual(w.lines.map((l) => JSON.stringify(l)), recorded(file).split('\n').filter(Boolean));
    }
  } finally {
    c.sim.faults.clear();
  }
  // Over HTTP too, for a simulator in another process; clear() serves streaming lists again.
  const admin = (body: unknown) => fetch(`${c.sim.url}/kdrill-sim/faults`, { method: 'POST', body: JSON.stringify(body), headers: ADMIN });
  assert.equal((await admin({ action: 'refuseWatchList' })).status, 200);
  assert.equal(c.sim.watches.watchList, false);
  assert.equal((await admin({ action: 'clear' })).status, 200);
  assert.equal(c.sim.watches.watchList, true);
});

test('served: every object ADDED in key order, the initial-events-end BOOKMARK with the list RV, then live events', { skip }, async () => {
  const list = (await (await fetch(`${c.sim.url}${PODS}`, { headers: ADMIN })).json()) as any;
  const w = watch(STREAM);
  await waitFor('the end bookmark', () => w.lines.some((e) => e.type === 'BOOKMARK'));
  const end = w.lines.findIndex((e) => e.type === 'BOOKMARK');
  const initial = w.lines.slice(0, end);
  assert.deepEqual(initial.map((e) => e.type), list.items.map(() => 'ADDED'));
  assert.deepEqual(initial.map((e) => e.object.metadata.name), list.items.map((o: any) => o.metadata.name));
  assert.ok(initial.length >= 5, 'the corpus namespace has pods');
  // The recorded periodic BOOKMARK's shape, plus the annotation; the list's resourceVersion.
  const theirs = recorded('watch-from-rv.jsonl').split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.type === 'BOOKMARK');
  const expected = { ...theirs, object: { ...theirs.object, metadata: { resourceVersion: list.metadata.resourceVersion, annotations: { 'k8s.io/initial-events-end': 'true' } } } };
  assert.deepEqual(w.lines[end], expected);
  // Live events follow; periodic bookmarks carry no annotation.
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'after-end' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
  await fetch(`${c.sim.url}${PODS}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...ADMIN }, body: JSON.stringify(pod) });
  await waitFor('the live ADDED', () => w.lines.some((e, i) => i > end && e.type === 'ADDED' && e.object.metadata.name === 'after-end'));
  await waitFor('a periodic bookmark', () => w.lines.some((e, i) => i > end && e.type === 'BOOKMARK'));
  assert.deepEqual(w.lines.filter((e, i) => i > end && e.type === 'BOOKMARK' && e.object.metadata.annotations), []);
  w.stop();
});

test('other refused combinations answer 422 as apimachinery words them', { skip }, async () => {
  const answer = async (path: string) => {
    const res = await fetch(c.sim.url + path, { headers: ADMIN });
    const body = (await res.json()) as any;
    return [res.status, body.message];
  };
  assert.deepEqual(await answer(`${PODS}?sendInitialEvents=true`), [422, 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list']);
  assert.deepEqual(await answer(`${PODS}?watch=1&resourceVersionMatch=NotOlderThan`), [
    422,
    'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
  ]);
});
