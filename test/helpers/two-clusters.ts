import { after, before } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { startCluster, type TestCluster } from './sim.js';

/** Two settled demo clusters (a and b) and a kubeconfig whose contexts point at them, for a test file. */
export interface TwoClusters {
  a: TestCluster;
  b: TestCluster;
  kc: KubeConfig;
}

/**
 * Starts the clusters before the file's tests and stops them after. `contexts` name a cluster
 * (`a`, `b`, or `dead`: a loopback port where nothing listens, refused at once); every context uses
 * the simulators' admin token, but `dead`'s.
 */
export function twoClusters(contexts: { name: string; cluster: 'a' | 'b' | 'dead' }[]): TwoClusters {
  const out = {} as TwoClusters;
  before(async () => {
    for (const name of ['a', 'b'] as const) {
      out[name] = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
      out[name].sim.advance(60_000);
    }
    out.kc = new KubeConfig();
    out.kc.loadFromOptions({
      clusters: [
        { name: 'a', server: out.a.sim.url, skipTLSVerify: true },
        { name: 'b', server: out.b.sim.url, skipTLSVerify: true },
        { name: 'dead', server: 'http://127.0.0.1:1', skipTLSVerify: true },
      ],
      users: contexts.map((c) => ({ name: `user-${c.name}`, token: c.cluster === 'dead' ? 'token-of-dead' : 'kdrill-sim-token' })),
      contexts: contexts.map((c) => ({ name: c.name, cluster: c.cluster, user: `user-${c.name}`, namespace: 'shop' })),
      currentContext: contexts[0].name,
    });
  });
  after(async () => {
    await out.a?.stop();
    await out.b?.stop();
  });
  return out;
}
