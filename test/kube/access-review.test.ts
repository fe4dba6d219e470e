// The access reviews at start-up: every kind's list and watch asked, a few at a time (each review in
// flight needs its own connection, a TLS handshake on both sides), and the answers combined per kind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reviewClusterWide } from '../../src/kube/access-review.js';
import type { ApiResource } from '../../src/kube/discovery.js';
import type { KubeTransport } from '../../src/kube/transport.js';

const resource = (name: string): ApiResource => ({ group: '', version: 'v1', resource: name, kind: name, namespaced: true, verbs: ['list', 'watch'] }) as unknown as ApiResource;

test('reviews go four at a time, every kind and verb is asked once, and the answers combine per kind', async () => {
  const kinds = Array.from({ length: 15 }, (_, i) => resource(`kind-${i}`));
  let inFlight = 0;
  let most = 0;
  const asked: string[] = [];
  const transport = {
    async json(req: { body: { spec: { resourceAttributes: { verb: string; resource: string } } } }) {
      const { verb, resource: r } = req.body.spec.resourceAttributes;
      asked.push(`${verb} ${r}`);
      most = Math.max(most, ++inFlight);
      await new Promise((done) => setImmediate(done));
      inFlight--;
      // kind-3 may list but not watch; kind-7's watch review fails (unknown); the rest are allowed.
      if (r === 'kind-7' && verb === 'watch') throw new Error('server refused the review');
      return { status: { allowed: !(r === 'kind-3' && verb === 'watch') } };
    },
  } as unknown as KubeTransport;
  const answers = await reviewClusterWide(transport, kinds);
  assert.equal(most, 4, 'at most four reviews in flight, and four used');
  assert.deepEqual([...asked].sort(), kinds.flatMap((k) => [`list ${k.resource}`, `watch ${k.resource}`]).sort());
  assert.equal(answers.get(kinds[3]), 'denied');
  assert.equal(answers.get(kinds[7]), 'unknown');
  assert.deepEqual(kinds.filter((_, i) => i !== 3 && i !== 7).map((k) => answers.get(k)), Array(13).fill('allowed'));
});

test('once the session stops (its signal aborts), no review is sent, and those in flight are abandoned with the signal', async () => {
  const kinds = Array.from({ length: 15 }, (_, i) => resource(`kind-${i}`));
  const stopping = new AbortController();
  const asked: string[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const transport = {
    async json(req: { signal?: AbortSignal; body: { spec: { resourceAttributes: { verb: string; resource: string } } } }) {
      asked.push(req.body.spec.resourceAttributes.resource);
      signals.push(req.signal);
      // The session stops while the first four are in flight.
      if (asked.length === 4) stopping.abort();
      await new Promise((done) => setImmediate(done));
      if (req.signal?.aborted) throw new Error('aborted');
      return { status: { allowed: true } };
    },
  } as unknown as KubeTransport;
  const answers = await reviewClusterWide(transport, kinds, stopping.signal);
  assert.equal(asked.length, 4, 'reviews sent');
  assert.ok(signals.every((s) => s === stopping.signal), 'each review carries the session\'s signal');
  assert.deepEqual([...new Set(answers.values())], ['unknown']);
});
