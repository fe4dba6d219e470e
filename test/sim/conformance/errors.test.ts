/**
 * The simulator's answers to the recorded error requests (the corpus' `errors/*.http`, those not
 * about RBAC: 401/403 are another test's) against the real server's: status code and body, exactly,
 * with only what differs between two clusters masked (uids, resourceVersions, the watch cache's
 * oldest version). Every case that still differs is listed below with the reason.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasCorpus } from '../../helpers/recorded-corpus.js';
import { loadCorpus } from '../../helpers/corpus-sim.js';
import { recordedExchanges, type RecordedExchange } from '../../helpers/recorded-exchanges.js';
import { ADMIN, startCluster, type TestCluster } from '../../helpers/sim.js';

/** Cases where the simulator knowingly answers otherwise. A fix or a new difference both fail the test. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  '400-bad-label-selector': "the selector parser's wording (kdrill's model parser, not apimachinery's)",
  '400-malformed-json': "JavaScript's JSON parser words syntax errors otherwise than Go's",
  '405-list-bindings': 'the simulator serves no bindings (404)',
  '422-invalid-custom-resource': 'custom resources are not validated against their OpenAPI schema',
  '422-invalid-deployment': 'validation messages differ in wording and number',
  '422-invalid-httproute': 'CRD CEL rules are not evaluated',
};

let c: TestCluster;
const skip = !hasCorpus && 'no corpus';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

before(async () => {
  if (!hasCorpus) return;
  c = await startCluster({ clock: 'manual' });
  loadCorpus(c.sim);
  // As recorded: debug-shell is terminating, held by its finalizer.
  const pods = c.sim.registry.get('pods')!;
  c.sim.api.delete(pods, 'corpus-web', 'debug-shell');
  c.sim.host.drain();
});
after(() => c?.stop());

/** A body with what differs between two clusters masked: uids (not the zero one), resourceVersions, the oldest watchable version. */
function normalized(text: string): string {
  const mask = (t: string) =>
    t
      .replace(UUID, (u) => (/^[0-]+$/.test(u) ? u : '<uid>'))
      .replace(/"resourceVersion":"\d+"/g, '"resourceVersion":"<rv>"')
      .replace(/too old resource version: (\d+) \(\d+\)/, 'too old resource version: $1 (<oldest>)');
  try {
    return mask(JSON.stringify(JSON.parse(text)));
  } catch {
    // A watch stream: its first line; or plain text.
    try {
      return mask(JSON.stringify(JSON.parse(text.split('\n')[0])));
    } catch {
      return text.trim();
    }
  }
}

async function answer(x: RecordedExchange): Promise<{ status: number; body: string; contentType: string | null }> {
  // The real server's watch cache started after resourceVersion 1 (a restart, see the corpus README): compact to match.
  if (x.path.includes('watch=1')) c.sim.store.compact();
  const res = await fetch(c.sim.url + x.path, { method: x.method, headers: { ...x.headers, ...ADMIN }, body: x.body, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') };
}

test('the simulator answers the recorded error requests as the real server does', { skip }, async () => {
  const cases = recordedExchanges().filter((x) => !/^(401|403|200-sa)-/.test(x.name));
  assert.equal(cases.length, 39, 'every recorded non-RBAC case');
  const differing: Record<string, string> = {};
  const details: string[] = [];
  for (const x of cases) {
    const ours = await answer(x);
    const same = ours.status === x.status && normalized(ours.body) === normalized(x.responseBody) && ours.contentType === (x.responseHeaders['content-type'] ?? null);
    if (same) continue;
    differing[x.name] = KNOWN_DIFFERENCES[x.name] ?? 'NEW';
    details.push(`${x.name}: ${ours.status} ${ours.contentType}\n  sim  ${normalized(ours.body)}\n  real ${x.status} ${normalized(x.responseBody)}`);
  }
  assert.deepEqual(differing, KNOWN_DIFFERENCES, details.join('\n'));
});
