import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClusterSession as Session } from '../../src/kube/cluster-session.js';
import type { TestCluster } from '../helpers/sim.js';

// Bold marks need colour support, which chalk decides when it is first loaded: this file's own process.
process.env.FORCE_COLOR = '1';
const { render } = await import('ink-testing-library');
const { ClusterSession } = await import('../../src/kube/cluster-session.js');
const { Root } = await import('../../src/ui/root.js');
const { startCluster } = await import('../helpers/sim.js');
const { waitFor } = await import('../helpers/wait.js');

describe('a large table (the generated large cluster, scaled down to 600 pods)', () => {
  let c: TestCluster;
  let session: Session;
  before(async () => {
    c = await startCluster({ scenario: 'large', scale: 0.02 });
    session = await ClusterSession.open(c.kc, { flushMs: 5 });
    session.watchRelations(undefined, { afterScreen: true });
  });
  after(async () => {
    await session.stop();
    await c.stop();
  });

  function app() {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace={undefined} allNamespaces readonly={false} color onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 10_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    return { r, frame, until };
  }

  test('a watch update marks exactly the changed cell of the row it rebuilt', async () => {
    const { r, until } = app();
    try {
      await until('all 600 pods', /pods\s+\(600\)/);
      // The first row by name: change its restart count, as a kubelet would.
      const first = c.sim.store.list('pods').sort((a, b) => String(a.metadata!.name).localeCompare(String(b.metadata!.name), 'en', { numeric: true }))[0];
      const name = first.metadata!.name!;
      const cs = first.status.containerStatuses[0];
      c.sim.store.update('pods', { ...first, status: { ...first.status, containerStatuses: [{ ...cs, restartCount: 7 }] } });
      // Bold (SGR 1) on the RESTARTS cell, and only there.
      const f = await until('the changed RESTARTS cell in bold', new RegExp(`${name}[^\\n]*\\u001b\\[1m7\\s*`));
      const line = f.split('\n').find((l) => l.includes(name))!;
      assert.equal(line.split('\u001b[1m').length, 2, JSON.stringify(line));
    } finally {
      r.unmount();
    }
  });

  test('switching to a namespace reads the cluster-wide cache: no request, the namespace\'s pods at once', async () => {
    const { r, until } = app();
    try {
      await until('all 600 pods', /pods\s+\(600\)/);
      await session.relationsReady();
      const ns = c.sim.store.list('namespaces').map((n) => n.metadata!.name!).find((n) => /-00\d$/.test(n))!;
      const before = c.sim.http.requests.length;
      for (const ch of `:ns ${ns}`) {
        r.stdin.write(ch);
        await new Promise((res) => setImmediate(res));
      }
      r.stdin.write('\r');
      await until('the namespace\'s 100 pods', new RegExp(`ns ${ns} [\\s\\S]*pods\\s+\\(100\\)`));
      assert.deepEqual(c.sim.http.requests.slice(before).map((q) => q.path).filter((p) => p.includes(`/namespaces/${ns}/pods`)), []);
      r.stdin.write('0');
      await until('all namespaces again', /ns all [\s\S]*pods\s+\(600\)/);
    } finally {
      r.unmount();
    }
  });
});
