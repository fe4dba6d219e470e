import type { ClusterSession } from '../kube/cluster-session.js';
import { ApiError } from '../kube/api-error.js';
import { NodeActions } from '../kube/node-actions.js';
import { ActionRefused, WorkloadActions } from '../kube/workload-actions.js';
import { fromMap } from '../model/label-selector.js';
import { ownerChain } from '../model/owner-chain.js';
import type { KubeObject } from '../model/types.js';
import { shownPath } from './pane-export.js';
import type { PendingAction, PluginAction, ProbeAction, RevealAction, ShellAction } from './state/ui-state.js';

/** A confirmed write to the cluster. */
type ClusterAction = Exclude<PendingAction, RevealAction | ShellAction | ProbeAction | PluginAction>;

const RESOURCE_OF: Record<string, string> = { Deployment: 'deployments.apps', StatefulSet: 'statefulsets.apps', DaemonSet: 'daemonsets.apps', Pod: 'pods', ReplicaSet: 'replicasets.apps' };

/** The question a confirmation asks: what will be done, to which object, in which context. */
export function question(a: PendingAction, context: string): string {
  // Not a write to the cluster: the risk is the plain text, and where it goes.
  if (a.type === 'probe') return a.question;
  if (a.type === 'reveal') return `${a.to === 'file' ? 'write' : 'copy'} Secret ${a.namespace}/${a.name} DECODED (plain text) to ${a.to === 'file' ? shownPath(a.path ?? '') : 'the clipboard'}?`;
  if (a.type === 'shell' || a.type === 'attach') {
    const others = a.containers.length > 1 ? ` (c: next of ${a.containers.length})` : '';
    // The pod first: on a narrow line the question is cut after it, never in its name.
    return `${a.type === 'shell' ? 'Open a shell in' : 'Attach to'} pod ${a.namespace}/${a.name} (container ${a.container}${others}) in context ${context}?`;
  }
  // Not a write by kdrill: a command of the user's, shown as it will run (each argument one argv entry).
  if (a.type === 'plugin') return `Run plugin ${a.name} (${a.description}): ${[a.command, ...a.args].map(shownArg).join(' ')}${a.background ? ' (in the background)' : ''}?`;
  const what = a.type === 'undo' ? `deployment ${a.namespace}/${a.name}` : `${a.kind.toLowerCase()} ${a.namespace ? `${a.namespace}/` : ''}${a.name}`;
  // A kill is its own, sterner question: the pod gets no time to shut down.
  if (a.type === 'kill') return `KILL pod ${a.namespace}/${a.name} NOW in context ${context}: grace period 0, no graceful shutdown, its containers are stopped at once?`;
  const tail =
    a.type === 'scale' ? ` to ${a.replicas} replicas` :
    a.type === 'undo' ? ` to revision ${a.revision} (${a.replicaSet})` :
    a.type === 'undoRevision' ? ` to revision ${a.revision} (${a.controllerRevision})` :
    a.type === 'drain' ? ' (cordon it, then evict its pods; DaemonSet and mirror pods stay; PodDisruptionBudgets are honoured)' : '';
  // What owns nothing is deleted the same whatever the policy; the policy is said all the same, and p changes it.
  const after = a.type === 'delete' ? `  propagation: ${(a.propagation ?? 'Background').toLowerCase()} (p changes it)` : '';
  return `${VERB[a.type]} ${what}${tail} in context ${context}?${after}`;
}

// An argument as a shell would need it to read it back as one word (for showing only: nothing runs a shell).
const shownArg = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);

const VERB: Record<ClusterAction['type'], string> = { undoRevision: 'Undo', restart: 'Restart', pause: 'Pause', resume: 'Resume', scale: 'Scale', undo: 'Undo', delete: 'Delete', kill: 'Kill', cordon: 'Cordon', uncordon: 'Uncordon', drain: 'Drain' };
const DONE: Record<ClusterAction['type'], string> = { undoRevision: 'rolled back', restart: 'restarted', pause: 'paused', resume: 'resumed', scale: 'scaled', undo: 'rolled back', delete: 'deleted', kill: 'killed', cordon: 'cordoned', uncordon: 'uncordoned', drain: 'drained' };

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

function workloadNamed(session: ClusterSession, kind: string, namespace: string, name: string): KubeObject | undefined {
  const index = kind === 'Deployment' ? session.indexes.deployments : kind === 'StatefulSet' ? session.indexes.statefulSets : kind === 'DaemonSet' ? session.indexes.daemonSets : undefined;
  return index?.get(namespace, name);
}

/**
 * The workload a screen line stands for: the object itself, or the nearest Deployment,
 * StatefulSet or DaemonSet above a pod (an operator's custom resource above it is not one).
 * A Service whose pods belong to several workloads (canary and stable) names none: a message says so.
 */
export function workloadFor(session: ClusterSession, o: KubeObject | undefined): KubeObject | string | undefined {
  if (!o) return undefined;
  if (WORKLOAD_KINDS.has(String(o.kind))) return o;
  const pods = o.kind === 'Service' ? session.indexes.podsFor(String(o.metadata?.namespace), fromMap(o.spec?.selector)) : o.kind === 'Pod' ? [o] : [];
  const found = new Map<string, KubeObject>();
  for (const p of pods) {
    const w = ownerChain(p, session.indexes.lookup).find((l) => WORKLOAD_KINDS.has(l.ref.kind))?.object;
    if (w) found.set(String(w.metadata?.uid), w);
  }
  if (found.size > 1) return `the pods of ${o.metadata?.name} belong to ${[...found.values()].map((w) => `${String(w.kind).toLowerCase()} ${w.metadata?.name}`).join(' and ')}: open one of them`;
  return [...found.values()][0];
}

/** Cordons, uncordons or drains a node; a drain says what it evicted and what a PodDisruptionBudget kept. */
async function nodeAction(session: ClusterSession, type: 'cordon' | 'uncordon' | 'drain', name: string): Promise<{ text: string; level: 'info' | 'error' }> {
  const nodes = new NodeActions(session.transport);
  if (type !== 'drain') return (await nodes.setUnschedulable(name, type === 'cordon'), { text: `${DONE[type]} node ${name}`, level: 'info' });
  const r = await nodes.drain(name);
  const skipped = r.skipped ? `, skipped ${r.skipped} (DaemonSet, mirror)` : '';
  if (!r.blocked.length) return { text: `drained node ${name}: evicted ${r.evicted.length} pods${skipped}`, level: 'info' };
  // What stopped the drain first: the footer is one line.
  return { text: `${r.blocked.length} pod${r.blocked.length === 1 ? '' : 's'} not evicted from node ${name}: ${r.blocked[0].pod}: ${r.blocked[0].message}. Evicted ${r.evicted.length}${skipped}; the node stays cordoned (r retries)`, level: 'error' };
}

/** Runs a confirmed action and says what happened, in one line for the footer. */
export async function runAction(session: ClusterSession, a: ClusterAction, now: number): Promise<{ text: string; level: 'info' | 'error' }> {
  const actions = new WorkloadActions(session.transport);
  const resource = session.discovery.get((a.type === 'delete' ? a.resource : undefined) ?? RESOURCE_OF[a.type === 'undo' ? 'Deployment' : a.kind] ?? '');
  try {
    if (a.type === 'cordon' || a.type === 'uncordon' || a.type === 'drain') return await nodeAction(session, a.type, a.name);
    if (!resource) throw new ActionRefused(`${a.type === 'undo' ? 'Deployment' : a.kind} is not served by this cluster`);
    if (a.type === 'undo') {
      const deployment = session.indexes.deployments.get(a.namespace, a.name);
      const target = session.indexes.replicaSets.get(a.namespace, a.replicaSet);
      if (!deployment || !target) throw new ActionRefused(`deployment ${a.name} or its replica set ${a.replicaSet} is gone`);
      await actions.undo(resource, deployment, target);
    } else if (a.type === 'undoRevision') {
      // The revision as the server has it now (its data is what kubectl patches with).
      const crs = session.discovery.get('controllerrevisions.apps');
      if (!crs) throw new ActionRefused('controllerrevisions.apps is not served by this cluster');
      const [target] = (await actions.revisions(crs, a.namespace, '')).filter((r) => r.metadata?.name === a.controllerRevision);
      if (!target) throw new ActionRefused(`controller revision ${a.controllerRevision} is gone`);
      await actions.restoreRevision(resource, a.namespace, a.name, target);
    } else if (a.type === 'scale') await actions.scale(resource, a.namespace, a.name, a.replicas);
    else if (a.type === 'delete') await actions.delete(resource, a.namespace, a.name, { propagationPolicy: a.propagation ?? 'Background' });
    else if (a.type === 'kill') await actions.delete(resource, a.namespace, a.name, { gracePeriodSeconds: 0 });
    else if (a.type === 'restart') await actions.restart(resource, a.namespace, a.name, now, workloadNamed(session, a.kind, a.namespace, a.name));
    else await actions.setPaused(resource, a.namespace, a.name, a.type === 'pause');
    return { text: `${DONE[a.type]} ${a.type === 'undo' ? 'deployment' : a.kind.toLowerCase()} ${a.name}${a.type === 'scale' ? ` to ${a.replicas}` : a.type === 'undo' || a.type === 'undoRevision' ? ` to revision ${a.revision}` : ''}`, level: 'info' };
  } catch (e) {
    if (e instanceof ActionRefused || e instanceof ApiError) return { text: e.message, level: 'error' };
    throw e;
  }
}
