import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { Root } from '../../src/ui/root.js';
import { startCluster, type TestCluster } from './sim.js';
import { waitFor } from './wait.js';

/** The demo cluster, settled (a minute of cluster life, manual clock), and one session on it, for a test file. */
export interface DemoExplorer {
  c: TestCluster;
  session: ClusterSession;
  /** Renders the explorer in a namespace (default shop); `until` waits for the frame to match. */
  app(namespace?: string): { r: ReturnType<typeof render>; frame: () => string; until: (what: string, pattern: RegExp) => Promise<string> };
}

/** Starts the demo and a session before the file's tests; stops both after. */
export function demoExplorer(): DemoExplorer {
  const out = {} as DemoExplorer;
  before(async () => {
    out.c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
    out.c.sim.advance(60_000);
    out.session = await ClusterSession.open(out.c.kc, { flushMs: 5 });
  });
  after(async () => {
    await out.session?.stop();
    await out.c?.stop();
  });
  out.app = (namespace = 'shop') => {
    const r = render(<Root first={out.session} open={async () => out.session} contexts={['kdrill-sim']} version="9.9.9" namespace={namespace} allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 10_000).catch((e) => assert.fail(`${e.message}\n${frame()}`)) as Promise<string>;
    return { r, frame, until };
  };
  return out;
}
