/**
 * Watch streams against the recorded ones (the corpus' `watch/`): BOOKMARK events have the recorded
 * shape (the kind, its apiVersion, only the resourceVersion); the `noBookmarks` fault (method and
 * HTTP admin action) makes a server that sends none.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, hasCorpus } from '../../helpers/recorded-corpus.js';
import { ADMIN, startCluster, type TestCluster } from '../../helpers/sim.js';
import { waitFor } from '../../helpers/wait.js';

let c: TestCluster;
const skip = !hasCorpus && 'no corpus';
before(async () => {
  if (hasCorpus) c = await startCluster({ clock: 'manual', bookmarkIntervalMs: 20 });
});
after(() => c?.stop());

/** Opens a watch and collects its event lines until aborted. */
function watch(path: string): { lines: any[]; stop: () => void } {
  const lines: any[] = [];
  const ac = new AbortController();
  void (async () => {
    try {
      const res = await fetch(c.sim.url + path, { signal: ac.signal, headers: ADMIN });
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
  return { lines, stop: () => ac.abort() };
}

test('a BOOKMARK carries only the resourceVersion, in the recorded shape', { skip }, async () => {
  const recorded = readFileSync(join(CORPUS, 'watch', 'watch-from-rv.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const theirs = recorded.find((e) => e.type === 'BOOKMARK');
  const w = watch('/api/v1/namespaces/default/pods?watch=1&allowWatchBookmarks=true');
  await waitFor('a bookmark', () => w.lines.some((e) => e.type === 'BOOKMARK'));
  w.stop();
  const ours = w.lines.find((e) => e.type === 'BOOKMARK');
  const rv = (e: any) => ({ ...e, object: { ...e.object, metadata: { resourceVersion: '<rv>' } } });
  assert.deepEqual(rv(ours), rv(theirs));
  assert.match(ours.object.metadata.resourceVersion, /^\d+$/);
});

test('the noBookmarks fault: no BOOKMARK while on (method and admin action), bookmarks again after', { skip }, async () => {
  const admin = (body: unknown) => fetch(`${c.sim.url}/kdrill-sim/faults`, { method: 'POST', body: JSON.stringify(body), headers: ADMIN });
  assert.equal((await admin({ action: 'noBookmarks' })).status, 200);
  const w = watch('/api/v1/namespaces/default/pods?watch=1&allowWatchBookmarks=true');
  // Events still flow while bookmarks are off.
  await fetch(`${c.sim.url}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...ADMIN }, body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'marker' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }) });
  await waitFor('the marker pod', () => w.lines.some((e) => e.type === 'ADDED' && e.object.metadata.name === 'marker'));
  // Several bookmarks fall due (every 20 ms) and are withheld.
  const withheld = c.sim.watches.bookmarksWithheld;
  await waitFor('bookmarks withheld', () => c.sim.watches.bookmarksWithheld >= withheld + 5);
  assert.deepEqual(w.lines.filter((e) => e.type === 'BOOKMARK'), []);
  c.sim.faults.noBookmarks(false);
  await waitFor('a bookmark again', () => w.lines.some((e) => e.type === 'BOOKMARK'));
  c.sim.faults.noBookmarks(true);
  c.sim.faults.clear();
  assert.equal(c.sim.watches.bookmarks, true, 'clear() turns bookmarks back on');
  w.stop();
});
