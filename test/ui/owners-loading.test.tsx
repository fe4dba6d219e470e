// `:rollout` on a pod before its owners are listed: kdrill says they are loading (never "no deployment
// here", a guess) and opens the rollout once they are in, unless the user has left that row.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { Root } from '../../src/ui/root.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

async function explorerWithOwnersLate() {
  const c = await startCluster({ scenario: 'deploy-test' });
  // ReplicaSets answer 503 until the test lets them in: the pods are on screen before their owners are known.
  // (A window of fixed length could close before a loaded machine has shown the pods and typed the command.)
  c.sim.faults.fail({ status: 503, match: /replicasets/ }, Infinity);
  const session = await ClusterSession.open(c.kc, { flushMs: 5, backoffInitialMs: 200, backoffMaxMs: 400 });
  session.watchRelations();
  const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace="deploy-test" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
  const frame = () => r.lastFrame() ?? '';
  const until = (what: string, pattern: RegExp, ms = 10_000) => waitFor(what, () => pattern.test(frame()) && frame(), ms).catch((e) => assert.fail(`${e.message}\n${frame()}`));
  after(async () => {
    r.unmount();
    await session.stop();
    await c.stop();
  });
  return { c, session, r, frame, until, type: (t: string) => r.stdin.write(t), ownersIn: () => c.sim.faults.clear() };
}

test(':rollout before the owners are in says they are loading, then opens the rollout', async () => {
  const { session, frame, until, type, ownersIn } = await explorerWithOwnersLate();
  await until('the pods', /^> nginx-deploy-/m);
  assert.equal(session.relationState('replicasets.apps', 'deploy-test'), 'loading', 'the owners are not in yet');
  // A wait for the relations that gives up marks them unavailable for the header ("not synced in time"):
  // that is not "there are none", and the command must not read it so.
  await session.relationsReady(100);
  assert.equal(session.indexes.unavailable.get('replicasets.apps'), 'not synced in time');
  type(':');
  type('rollout\r');
  await until('the wait said', /the workloads here are still loading: the rollout opens when they are in/);
  assert.doesNotMatch(frame(), /no deployment, statefulset or daemonset here/);
  ownersIn();
  await until('the rollout view', /deployment nginx-deploy › rollout[\s\S]*ROLLOUT/);
});

test(':rollout before the owners are in, then a move: the rollout does not open on a row the user has left', async () => {
  const { session, frame, until, type, ownersIn } = await explorerWithOwnersLate();
  await until('the pods', /^> nginx-deploy-/m);
  type(':');
  type('rollout\r');
  await until('the wait said', /the workloads here are still loading/);
  type('j');
  await until('the cursor on the second row', /^ {2}nginx-deploy-\S+ [\s\S]*^> nginx-deploy-/m);
  ownersIn();
  await session.relationsReady(10_000);
  await waitFor('the owners in', () => session.relationState('replicasets.apps', 'deploy-test') === 'loaded', 10_000);
  // A render after the owners are in, then the screen must still be the pods table.
  type('k');
  await until('the cursor back on the first row', /^> nginx-deploy-\S+ [\s\S]*^ {2}nginx-deploy-/m);
  assert.doesNotMatch(frame(), /› rollout/);
});
