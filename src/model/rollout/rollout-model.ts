import { at, int, list, str } from '../columns/read.js';
import { timestampMs } from '../format/duration.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { podSummary } from '../pod-status.js';
import type { KubeObject } from '../types.js';
import { rolloutStatus, type RolloutStatus } from './rollout-status.js';
import { rolloutStrategy, type RolloutStrategy } from './rollout-strategy.js';
import { stuckDiagnosis } from './rollout-stuck.js';

/** One revision of a workload: its ReplicaSet (Deployments) or its pods' revision hash. */
export interface RevisionState {
  revision: string;
  /** The ReplicaSet, for Deployments. */
  replicaSet?: KubeObject;
  isNew: boolean;
  desired: number;
  current: number;
  ready: number;
  available: number;
  images: string[];
  createdAt?: number;
  pods: KubeObject[];
}

/** Everything the rollout view shows of a workload, computed from the caches. */
export interface RolloutModel {
  workload: KubeObject;
  strategy: RolloutStrategy;
  paused: boolean;
  progressDeadlineSeconds?: number;
  minReadySeconds: number;
  status: RolloutStatus;
  /** Beyond kubectl: why the new revision cannot succeed, as soon as its pods say so. */
  stuck?: string;
  /** The reason word of `stuck` (ImagePullBackOff, failing readiness...), for telling one episode from another. */
  stuckCause?: string;
  revisions: RevisionState[];
  /** Images of the new revision that differ from the previous one (`old → new`). */
  imageChanges: string[];
  /** When the current rollout started (its new revision was created), and when it finished. */
  startedAt?: number;
  finishedAt?: number;
  conditions: { type: string; status: string; reason: string; message: string; at?: number }[];
  /** Events of the workload, its ReplicaSets and their pods, oldest first. */
  events: KubeObject[];
}

const imagesOf = (template: unknown): string[] => list(at(template, 'spec', 'containers')).map((c) => `${str(at(c, 'name'))}=${str(at(c, 'image'))}`);
const REVISION = 'deployment.kubernetes.io/revision';

function isReady(p: KubeObject): boolean {
  return list(at(p, 'status', 'conditions')).some((c) => at(c, 'type') === 'Ready' && at(c, 'status') === 'True');
}

function isAvailable(p: KubeObject, minReadySeconds: number, now: number): boolean {
  const ready = list(at(p, 'status', 'conditions')).find((c) => at(c, 'type') === 'Ready' && at(c, 'status') === 'True');
  if (!ready) return false;
  const since = timestampMs(at(ready, 'lastTransitionTime'));
  return minReadySeconds <= 0 || (since !== undefined && now - since >= minReadySeconds * 1000);
}

function deploymentRevisions(indexes: ClusterIndexes, d: KubeObject): RevisionState[] {
  const current = str(at(d, 'metadata', 'annotations', REVISION));
  const sets = indexes.ownedBy(d.metadata?.uid).filter((o) => o.kind === 'ReplicaSet');
  const newest = sets.reduce((m, rs) => Math.max(m, int(Number(at(rs, 'metadata', 'annotations', REVISION)))), 0);
  return sets
    .map((rs) => {
      const revision = str(at(rs, 'metadata', 'annotations', REVISION));
      const pods = indexes.ownedBy(rs.metadata?.uid).filter((o) => o.kind === 'Pod');
      return {
        revision,
        replicaSet: rs,
        isNew: current ? revision === current : Number(revision) === newest,
        desired: int(at(rs, 'spec', 'replicas')),
        current: int(at(rs, 'status', 'replicas')),
        ready: int(at(rs, 'status', 'readyReplicas')),
        available: int(at(rs, 'status', 'availableReplicas')),
        images: imagesOf(at(rs, 'spec', 'template')),
        createdAt: timestampMs(rs.metadata?.creationTimestamp),
        pods,
      };
    })
    .sort((a, b) => Number(a.revision) - Number(b.revision));
}

/** StatefulSets and DaemonSets: revisions are the pods' controller-revision-hash; the new one is the update revision. */
function podRevisions(indexes: ClusterIndexes, w: KubeObject, now: number): RevisionState[] {
  const pods = indexes.ownedBy(w.metadata?.uid).filter((o) => o.kind === 'Pod');
  // A DaemonSet's pods carry the generation of the template they were made from, which the
  // DaemonSet keeps in an annotation (its own generation also moves on changes outside the template).
  const templateGeneration = w.metadata?.annotations?.['deprecated.daemonset.template.generation'] ?? String(w.metadata?.generation ?? '');
  const isNew = (p: KubeObject) =>
    w.kind === 'StatefulSet' ? p.metadata?.labels?.['controller-revision-hash'] === str(at(w, 'status', 'updateRevision')) : p.metadata?.labels?.['pod-template-generation'] === templateGeneration;
  const groups = new Map<string, KubeObject[]>();
  for (const p of pods) {
    const rev = p.metadata?.labels?.['controller-revision-hash'] ?? '?';
    groups.set(rev, [...(groups.get(rev) ?? []), p]);
  }
  const minReady = int(at(w, 'spec', 'minReadySeconds'));
  return [...groups].map(([revision, ps]) => ({
    revision,
    isNew: ps.some(isNew),
    desired: ps.length,
    current: ps.length,
    ready: ps.filter(isReady).length,
    available: ps.filter((p) => isAvailable(p, minReady, now)).length,
    images: [...new Set(ps.flatMap((p) => imagesOf(p)))],
    createdAt: Math.min(...ps.map((p) => timestampMs(p.metadata?.creationTimestamp) ?? now)),
    pods: ps,
  })).sort((a, b) => Number(a.isNew) - Number(b.isNew) || (a.createdAt ?? 0) - (b.createdAt ?? 0));
}

/** The rollout of a Deployment, StatefulSet or DaemonSet as the rollout view shows it. */
export function rolloutModel(indexes: ClusterIndexes, w: KubeObject, now: number): RolloutModel {
  const revisions = w.kind === 'Deployment' ? deploymentRevisions(indexes, w) : podRevisions(indexes, w, now);
  const status = rolloutStatus(w);
  const fresh = revisions.find((r) => r.isNew);
  const previous = [...revisions].reverse().find((r) => !r.isNew);
  const conditions = list(at(w, 'status', 'conditions')).map((c) => ({
    type: str(at(c, 'type')),
    status: str(at(c, 'status')),
    reason: str(at(c, 'reason')),
    message: str(at(c, 'message')),
    at: timestampMs(at(c, 'lastUpdateTime') ?? at(c, 'lastTransitionTime')),
  }));
  const progressing = conditions.find((c) => c.type === 'Progressing');
  const imageChanges = fresh && previous ? fresh.images.filter((i) => !previous.images.includes(i)).map((i) => {
    const name = i.split('=')[0];
    const old = previous.images.find((p) => p.startsWith(`${name}=`));
    return old ? `${name}: ${old.slice(name.length + 1)} → ${i.slice(name.length + 1)}` : `${name}: ${i.slice(name.length + 1)} (new container)`;
  }) : [];
  const stuck = status.done ? undefined : stuckDiagnosis(fresh?.pods ?? [], now);
  return {
    workload: w,
    strategy: rolloutStrategy(w),
    paused: at(w, 'spec', 'paused') === true,
    progressDeadlineSeconds: w.kind === 'Deployment' ? int(at(w, 'spec', 'progressDeadlineSeconds') ?? 600) : undefined,
    minReadySeconds: int(at(w, 'spec', 'minReadySeconds')),
    status,
    stuck: stuck?.text,
    stuckCause: stuck?.reason,
    revisions,
    imageChanges,
    startedAt: startOf(fresh, w, indexes),
    // A Deployment says when its new ReplicaSet became available; the others, when their last pod did.
    finishedAt: status.done ? (progressing?.reason === 'NewReplicaSetAvailable' ? progressing.at : latestReady(fresh?.pods ?? [])) : undefined,
    conditions,
    // Pods listed by revision may no longer be owned (released); they still belong to this story.
    events: indexes.eventsOfTree(w, revisions.flatMap((r) => r.pods)),
  };
}

/**
 * When the current rollout started: its new ReplicaSet's creation, or, for a ReplicaSet brought
 * back by an undo (it carries a revision history), its first scale-up since it was last scaled down.
 */
function startOf(fresh: RevisionState | undefined, w: KubeObject, indexes: ClusterIndexes): number | undefined {
  const rs = fresh?.replicaSet;
  if (!rs || !rs.metadata?.annotations?.['deployment.kubernetes.io/revision-history']) return fresh?.createdAt;
  const name = String(rs.metadata?.name);
  const at = (e: KubeObject) => timestampMs(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp) ?? 0;
  const scaling = indexes.eventsFor(w).filter((e) => e.reason === 'ScalingReplicaSet' && String(e.message ?? e.note ?? '').includes(`replica set ${name} `));
  const down = Math.max(0, ...scaling.filter((e) => /Scaled down/.test(String(e.message ?? e.note))).map(at));
  const ups = scaling.filter((e) => /Scaled up/.test(String(e.message ?? e.note)) && at(e) >= down).map(at);
  return ups.length ? Math.min(...ups) : undefined;
}

function latestReady(pods: KubeObject[]): number | undefined {
  const times = pods.map((p) => timestampMs(at(list(at(p, 'status', 'conditions')).find((c) => at(c, 'type') === 'Ready'), 'lastTransitionTime'))).filter((t): t is number => t !== undefined);
  return times.length ? Math.max(...times) : undefined;
}

/** A pod's line in the rollout view: its STATUS, READY and RESTARTS as kubectl shows them. */
export function podLine(p: KubeObject): { status: string; ready: string; restarts: number } {
  const s = podSummary(p);
  return { status: s.status, ready: `${s.ready}/${s.total}`, restarts: s.restarts };
}
