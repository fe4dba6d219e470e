import type { KubeObject } from '../../model/types.js';
import { timestamp } from '../store.js';
import { resolveFenceposts } from './workload-util.js';

type Condition = { type: string; status: string; lastUpdateTime: string; lastTransitionTime: string; reason: string; message: string };

/** Whether a Deployment has finished rolling out (upstream `DeploymentComplete`). */
export function isComplete(d: KubeObject, status: any): boolean {
  const want = d.spec?.replicas ?? 1;
  return (
    (status?.updatedReplicas ?? 0) === want &&
    (status?.replicas ?? 0) === want &&
    (status?.availableReplicas ?? 0) === want &&
    (status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** Whether the new status shows progress over the old one (upstream `DeploymentProgressing`). */
function isProgressing(old: any, next: any): boolean {
  const oldOld = (old?.replicas ?? 0) - (old?.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old?.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old?.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old?.availableReplicas ?? 0)
  );
}

function make(type: string, status: string, reason: string, message: string, at: string, prev?: Condition): Condition {
  const keep = prev && prev.status === status;
  return { type, status, lastUpdateTime: at, lastTransitionTime: keep ? prev.lastTransitionTime : at, reason, message };
}

/**
 * The Available and Progressing conditions of a Deployment after a sync, as the upstream
 * controller sets them, plus when to look again for the progress deadline.
 */
export function deploymentConditions(d: KubeObject, next: any, newRS: KubeObject | undefined, now: number): { conditions: Condition[]; wakeInMs?: number } {
  const at = timestamp(now);
  const prev: Condition[] = Array.isArray(d.status?.conditions) ? d.status.conditions : [];
  const prevAvail = prev.find((c) => c.type === 'Available');
  const prevProg = prev.find((c) => c.type === 'Progressing');
  const want = d.spec?.replicas ?? 1;
  const { maxUnavailable } = resolveFenceposts(d.spec);
  const availOk = (next.availableReplicas ?? 0) >= want - maxUnavailable;
  let available = availOk
    ? make('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', at, prevAvail)
    : make('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', at, prevAvail);
  if (prevAvail && prevAvail.status === available.status && prevAvail.reason === available.reason) available = prevAvail;

  const rsName = newRS?.metadata?.name ?? '';
  let progressing = prevProg;
  let wakeInMs: number | undefined;
  const deadline = d.spec?.progressDeadlineSeconds;
  if (d.spec?.paused) {
    if (prevProg?.reason !== 'DeploymentPaused') progressing = make('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', at, prevProg);
  } else if (prevProg?.reason === 'DeploymentPaused') {
    progressing = make('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', at, prevProg);
  } else if (deadline !== undefined && deadline !== null && newRS) {
    if (isComplete(d, next)) {
      if (prevProg?.reason !== 'NewReplicaSetAvailable') progressing = make('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, at, prevProg);
    } else if (isProgressing(d.status, next)) {
      progressing = make('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, at, prevProg);
    } else if (prevProg && prevProg.reason !== 'ProgressDeadlineExceeded') {
      const since = Date.parse(prevProg.lastUpdateTime);
      const left = since + deadline * 1000 - now;
      if (left <= 0) progressing = make('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, at, prevProg);
      else wakeInMs = left + 1;
    }
    if (progressing && progressing !== prevProg && progressing.status === 'True' && !isComplete(d, next)) wakeInMs = deadline * 1000 + 1;
  }
  return { conditions: [available, ...(progressing ? [progressing] : [])], wakeInMs };
}
