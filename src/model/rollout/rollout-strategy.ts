import { at, int, str } from '../columns/read.js';
import type { KubeObject } from '../types.js';

/** A workload's update strategy with its surge and unavailability resolved to pod counts. */
export interface RolloutStrategy {
  type: string;
  maxSurge?: number;
  maxUnavailable?: number;
  partition?: number;
  /** As a person reads it: `RollingUpdate (max surge 1, max unavailable 0)`. */
  text: string;
}

/** An int-or-percent value of `total`, rounded up or down as the controllers round it. */
export function scaledValue(v: unknown, total: number, roundUp: boolean, fallback: string): number {
  const raw = v === undefined || v === null ? fallback : v;
  if (typeof raw === 'number') return raw;
  const m = /^(\d+)%$/.exec(String(raw));
  if (!m) return Number(raw) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** The strategy of a Deployment, StatefulSet or DaemonSet, resolved against its replicas (or scheduled pods). */
export function rolloutStrategy(w: KubeObject): RolloutStrategy {
  if (w.kind === 'Deployment') {
    const type = str(at(w, 'spec', 'strategy', 'type')) || 'RollingUpdate';
    if (type !== 'RollingUpdate') return { type, text: type };
    const replicas = int(at(w, 'spec', 'replicas') ?? 1);
    const ru = at(w, 'spec', 'strategy', 'rollingUpdate');
    let maxSurge = scaledValue(at(ru, 'maxSurge'), replicas, true, '25%');
    let maxUnavailable = scaledValue(at(ru, 'maxUnavailable'), replicas, false, '25%');
    // As the deployment controller does (ResolveFenceposts): both zero would never progress.
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    maxSurge = Math.max(0, maxSurge);
    return { type, maxSurge, maxUnavailable, text: `${type} (max surge ${maxSurge}, max unavailable ${maxUnavailable})` };
  }
  const type = str(at(w, 'spec', 'updateStrategy', 'type')) || 'RollingUpdate';
  if (type !== 'RollingUpdate') return { type, text: type };
  const ru = at(w, 'spec', 'updateStrategy', 'rollingUpdate');
  if (w.kind === 'StatefulSet') {
    const partition = int(at(ru, 'partition'));
    const replicas = int(at(w, 'spec', 'replicas') ?? 1);
    const maxUnavailable = scaledValue(at(ru, 'maxUnavailable'), replicas, false, '1') || 1;
    return { type, partition, maxUnavailable, text: `${type} (partition ${partition}, max unavailable ${maxUnavailable})` };
  }
  const desired = int(at(w, 'status', 'desiredNumberScheduled'));
  const maxSurge = scaledValue(at(ru, 'maxSurge'), desired, true, '0');
  const maxUnavailable = scaledValue(at(ru, 'maxUnavailable'), desired, true, '1');
  return { type, maxSurge, maxUnavailable, text: `${type} (max surge ${maxSurge}, max unavailable ${maxUnavailable})` };
}
