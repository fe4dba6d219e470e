import { at, int, list, str } from '../columns/read.js';
import type { KubeObject } from '../types.js';

/** What `kubectl rollout status` says of a workload: its message, whether it is done, or the error it fails with. */
export interface RolloutStatus {
  message: string;
  done: boolean;
  /** The failure kubectl exits 1 with (a progress deadline exceeded, an unsupported strategy). */
  error?: string;
}

const ok = (message: string, done = false): RolloutStatus => ({ message, done });
const replicasOf = (o: unknown): number | undefined => {
  const r = at(o, 'spec', 'replicas');
  return typeof r === 'number' ? r : undefined;
};

function deploymentStatus(d: KubeObject): RolloutStatus {
  const name = String(d.metadata?.name ?? '');
  if (int(d.metadata?.generation) <= int(at(d, 'status', 'observedGeneration'))) {
    const progressing = list(at(d, 'status', 'conditions')).find((c) => at(c, 'type') === 'Progressing');
    if (at(progressing, 'reason') === 'ProgressDeadlineExceeded') return { message: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
    const replicas = replicasOf(d);
    const updated = int(at(d, 'status', 'updatedReplicas'));
    const current = int(at(d, 'status', 'replicas'));
    const available = int(at(d, 'status', 'availableReplicas'));
    if (replicas !== undefined && updated < replicas) return ok(`Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`);
    if (current > updated) return ok(`Waiting for deployment "${name}" rollout to finish: ${current - updated} old replicas are pending termination...`);
    if (available < updated) return ok(`Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`);
    return ok(`deployment "${name}" successfully rolled out`, true);
  }
  return ok('Waiting for deployment spec update to be observed...');
}

function daemonSetStatus(ds: KubeObject): RolloutStatus {
  const name = String(ds.metadata?.name ?? '');
  if ((str(at(ds, 'spec', 'updateStrategy', 'type')) || 'RollingUpdate') !== 'RollingUpdate') return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  if (int(ds.metadata?.generation) <= int(at(ds, 'status', 'observedGeneration'))) {
    const desired = int(at(ds, 'status', 'desiredNumberScheduled'));
    const updated = int(at(ds, 'status', 'updatedNumberScheduled'));
    const available = int(at(ds, 'status', 'numberAvailable'));
    if (updated < desired) return ok(`Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`);
    if (available < desired) return ok(`Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`);
    return ok(`daemon set "${name}" successfully rolled out`, true);
  }
  return ok('Waiting for daemon set spec update to be observed...');
}

function statefulSetStatus(sts: KubeObject): RolloutStatus {
  if ((str(at(sts, 'spec', 'updateStrategy', 'type')) || 'RollingUpdate') !== 'RollingUpdate') return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  const observed = int(at(sts, 'status', 'observedGeneration'));
  if (observed === 0 || int(sts.metadata?.generation) > observed) return ok('Waiting for statefulset spec update to be observed...');
  const replicas = replicasOf(sts);
  const ready = int(at(sts, 'status', 'readyReplicas'));
  const updated = int(at(sts, 'status', 'updatedReplicas'));
  if (replicas !== undefined && ready < replicas) return ok(`Waiting for ${replicas - ready} pods to be ready...`);
  const rolling = at(sts, 'spec', 'updateStrategy', 'rollingUpdate');
  if (rolling && typeof rolling === 'object') {
    const partition = at(rolling, 'partition');
    if (replicas !== undefined && typeof partition === 'number' && updated < replicas - partition) {
      return ok(`Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`);
    }
    return ok(`partitioned roll out complete: ${updated} new pods have been updated...`, true);
  }
  const updateRevision = str(at(sts, 'status', 'updateRevision'));
  const currentRevision = str(at(sts, 'status', 'currentRevision'));
  if (updateRevision !== currentRevision) return ok(`waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`);
  return ok(`statefulset rolling update complete ${int(at(sts, 'status', 'currentReplicas'))} pods at revision ${currentRevision}...`, true);
}

// kubectl's status viewers (polymorphichelpers/rollout_status.go), by kind: the same checks in the same order.
const VIEWERS: Record<string, (o: KubeObject) => RolloutStatus> = {
  Deployment: deploymentStatus,
  DaemonSet: daemonSetStatus,
  StatefulSet: statefulSetStatus,
};

/** Whether a kind has a rollout (Deployment, DaemonSet, StatefulSet). */
export function hasRollout(kind: string | undefined): boolean {
  return !!kind && Object.hasOwn(VIEWERS, kind);
}

/** The status `kubectl rollout status --watch=false` reports for a workload. */
export function rolloutStatus(workload: KubeObject): RolloutStatus {
  const viewer = VIEWERS[String(workload.kind)];
  if (!viewer) return { message: '', done: false, error: `no status viewer has been implemented for ${workload.kind}` };
  return viewer(workload);
}
