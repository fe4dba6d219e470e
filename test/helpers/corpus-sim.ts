import type { KubeObject } from '../../src/model/types.js';
import type { SimCluster } from '../../src/sim/cluster.js';
import { after, before } from 'node:test';
import { hasCorpus, recordedObjects } from './recorded-corpus.js';
import { startCluster, type TestCluster } from './sim.js';

// Written by the server, not by clients: a create carrying them would be refused or ignored.
const SERVER_FIELDS = ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

/** A recorded object as a client would create it: server-managed metadata and owners left out. */
export function asCreated(o: KubeObject): KubeObject {
  const metadata: Record<string, unknown> = { ...o.metadata };
  for (const k of [...SERVER_FIELDS, 'ownerReferences', 'finalizers']) delete metadata[k];
  return { ...o, metadata } as KubeObject;
}

/** What loading the corpus into a simulator did: the recorded kinds it serves and the ones it does not. */
export interface CorpusLoad {
  /** Recorded objects created, by `apiVersion/kind`. */
  served: Map<string, KubeObject[]>;
  notServed: Set<string>;
}

/**
 * Creates the recorded corpus in a simulator through its API: namespaces and CRDs first, then every
 * recorded object of a kind it serves (core Events once: the events.k8s.io files are the same events).
 */
export function loadCorpus(sim: SimCluster, objects: Map<string, KubeObject> = recordedObjects()): CorpusLoad {
  const served = new Map<string, KubeObject[]>();
  const notServed = new Set<string>();
  const all = [...objects.values()];
  const first = (o: KubeObject) => (o.kind === 'Namespace' ? 0 : o.kind === 'CustomResourceDefinition' ? 1 : 2);
  for (const o of all.sort((a, b) => first(a) - first(b))) {
    if (o.apiVersion === 'events.k8s.io/v1') continue;
    const r = sim.registry.forKind(String(o.apiVersion), String(o.kind));
    const key = `${o.apiVersion}/${o.kind}`;
    if (!r) {
      notServed.add(key);
      continue;
    }
    try {
      sim.api.create(r, o.metadata?.namespace, asCreated(o));
    } catch (e) {
      // Namespaces the bootstrap already made, and defaults the simulator creates itself.
      if ((e as { code?: number }).code !== 409) throw e;
    }
    served.set(key, [...(served.get(key) ?? []), o]);
    sim.host.drain();
  }
  return { served, notServed };
}

/**
 * A simulator loaded with the recorded corpus for the tests of a file: started before them, stopped
 * after; `c` stays unset where the corpus is absent (those tests skip).
 */
export function corpusCluster(): { c: TestCluster } {
  const out = {} as { c: TestCluster };
  before(async () => {
    if (!hasCorpus) return;
    // The recorded cluster ran no metrics-server (kubectl top: "Metrics API not available").
    out.c = await startCluster({ clock: 'manual', metrics: false });
    loadCorpus(out.c.sim);
  });
  after(() => out.c?.stop());
  return out;
}
