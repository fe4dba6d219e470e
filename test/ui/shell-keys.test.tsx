// s, a and Shift-F in the explorer: asked first (naming container, pod and context), refused under --readonly with no request sent.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { portForwards } from '../../src/kube/port-forwards.js';
import { Root } from '../../src/ui/root.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

describe('shell, attach and port-forward keys', () => {
  let c: TestCluster;
  let session: ClusterSession;
  let readonlySession: ClusterSession;
  before(async () => {
    c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
    // A pod of two containers, to choose from.
    c.sim.api.create(c.sim.registry.get('pods')!, 'shop', { metadata: { name: 'two' }, spec: { containers: [{ name: 'app', image: 'nginx:1.25.4', ports: [{ name: 'http', containerPort: 80 }] }, { name: 'sidecar', image: 'busybox:1.36' }] } });
    c.sim.advance(30_000);
    session = await ClusterSession.open(c.kc, { flushMs: 5 });
    // Its access reviews (POSTs, four at a time) run after open: done before the readonly test counts what is sent.
    await session.reviewed;
    readonlySession = await ClusterSession.open(c.kc, { flushMs: 5 }, true);
  });
  after(async () => {
    await session?.stop();
    await readonlySession?.stop();
    await c?.stop();
  });

  function app(s: ClusterSession, readonly: boolean) {
    const r = render(<Root first={s} open={async () => s} contexts={['kdrill-sim']} version="9.9.9" namespace="shop" allNamespaces={false} readonly={readonly} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    return { r, frame, until, type: (t: string) => r.stdin.write(t) };
  }

  test('s on a pod of two containers asks, naming container, pod and context; c picks the other; n cancels', async () => {
    const a = app(session, false);
    await a.until('the pods', /^pods {2}\(\d+\)/m);
    a.type('/two');
    await a.until('the filter', /^\/two/m);
    a.type('\r');
    await a.until('the pod', /^> two +2\/2 +Running/m);
    a.type('s');
    await a.until('the question', /Open a shell in pod shop\/two \(container app \(c: next of 2\)\) in context kdrill-sim\?/);
    a.type('c');
    await a.until('the other container', /Open a shell in pod shop\/two \(container sidecar \(c: next of 2\)\) in context kdrill-sim\?/);
    a.type('n');
    // The pod's row stands under the question too: the wait is for a frame without the question.
    await a.until('the question gone', /^(?![\s\S]*Open a shell)[\s\S]*^> two/m);
    assert.doesNotMatch(a.frame(), /Open a shell/);
    a.r.unmount();
  });

  test('Shift-F before the relation indexes have loaded waits for them: the Service is not called gone, the forward starts once they are in', async () => {
    // The relation caches held back (as the CLI holds them until the first screen, longer on a loaded machine).
    const held = await ClusterSession.open(c.kc, { flushMs: 5 });
    let release: () => void = () => {};
    held.reviewed = new Promise<void>((ok) => (release = ok));
    held.watchRelations('shop');
    const a = app(held, false);
    try {
      await a.until('the pods', /^pods {2}\(\d+\)/m);
      a.type(':svc\r');
      await a.until('the services', /^services {2}\(\d+\)/m);
      a.type('/^frontend$\r');
      await a.until('frontend under the cursor', /^> frontend +ClusterIP/m);
      a.type('F');
      await a.until('the dialog', /port-forward service shop\/frontend port http \(80\) in context kdrill-sim from \[address:\]port: /);
      a.type('\r');
      await a.until('the wait said', /^port-forward: waiting for the services and pods of shop to load *$/m);
      assert.equal(held.relationState('services', 'shop'), 'loading');
      release();
      await a.until('the forward started', /^forwarding 127\.0\.0\.1:\d+ → service shop\/frontend port http \(80\) via pod frontend-\w+-\w+ /m);
    } finally {
      a.r.unmount();
      portForwards.stopAll();
      release();
      await held.stop();
    }
  });

  test('--readonly: s, a and Shift-F are refused in the screen and nothing is sent', async () => {
    const a = app(readonlySession, true);
    await a.until('the pods', /^pods {2}\(\d+\)/m);
    a.type('/two');
    await a.until('the filter', /^\/two/m);
    a.type('\r');
    await a.until('the pod', /^> two +2\/2 +Running/m);
    const before = c.sim.http.requests.length;
    a.type('s');
    await a.until('the refusal', /read-only mode \(--readonly\): kdrill opens no shell into containers/);
    a.type('a');
    await a.until('the refusal', /read-only mode \(--readonly\): kdrill opens no attach into containers/);
    a.type('F');
    await a.until('the refusal', /read-only mode \(--readonly\): kdrill opens no port-forward/);
    const sent = c.sim.http.requests.slice(before).filter((r) => /\/(exec|attach|portforward)$/.test(r.path) || r.method !== 'GET');
    assert.deepEqual(sent, []);
    a.r.unmount();
  });
});
