import { at, int, list, str } from '../columns/read.js';
import { podHealth, type PodHealth } from '../pod-status.js';
import type { KubeObject } from '../types.js';

/** How a row is coloured: error, warn, done (finished) or ok. */
export type Health = PodHealth;

const ready = (have: number, want: number): Health => (want > 0 && have < want ? 'warn' : 'ok');

// Health per resource; kinds without an entry are ok.
const HEALTH: Record<string, (o: KubeObject) => Health> = {
  pods: podHealth,
  'deployments.apps': (o) => {
    const progress = list(at(o, 'status', 'conditions')).find((c) => at(c, 'type') === 'Progressing');
    if (at(progress, 'reason') === 'ProgressDeadlineExceeded') return 'error';
    return ready(int(at(o, 'status', 'availableReplicas')), int(at(o, 'spec', 'replicas')));
  },
  'replicasets.apps': (o) => ready(int(at(o, 'status', 'readyReplicas')), int(at(o, 'spec', 'replicas'))),
  'statefulsets.apps': (o) => ready(int(at(o, 'status', 'readyReplicas')), int(at(o, 'spec', 'replicas'))),
  'daemonsets.apps': (o) => ready(int(at(o, 'status', 'numberReady')), int(at(o, 'status', 'desiredNumberScheduled'))),
  'jobs.batch': (o) => {
    const conds = list(at(o, 'status', 'conditions'));
    if (conds.some((c) => at(c, 'type') === 'Failed' && at(c, 'status') === 'True')) return 'error';
    if (conds.some((c) => at(c, 'type') === 'Complete' && at(c, 'status') === 'True')) return 'done';
    return 'ok';
  },
  nodes: (o) => {
    const r = list(at(o, 'status', 'conditions')).find((c) => at(c, 'type') === 'Ready');
    return at(r, 'status') === 'True' ? (at(o, 'spec', 'unschedulable') ? 'warn' : 'ok') : 'error';
  },
  events: (o) => (str(at(o, 'type')) === 'Warning' ? 'warn' : 'ok'),
  namespaces: (o) => (str(at(o, 'status', 'phase')) === 'Terminating' ? 'warn' : 'ok'),
  persistentvolumeclaims: (o) => (str(at(o, 'status', 'phase')) === 'Bound' ? 'ok' : 'warn'),
};

/** The health of an object for colouring its row; never throws. */
export function rowHealth(resourceId: string, o: KubeObject): Health {
  try {
    if (o?.metadata?.deletionTimestamp) return 'warn';
    return HEALTH[resourceId]?.(o) ?? 'ok';
  } catch {
    return 'warn';
  }
}
