import { controlledRevisions, matchesRevision, RevisionError, undoTarget as revisionTarget } from '../../model/rollout/revision-history.js';
import type { KubeObject } from '../../model/types.js';
import { question, runAction, workloadFor } from '../run-action.js';
import { currentView, rolloutView, type PendingAction } from '../state/ui-state.js';
import type { Command } from './bindings.js';
import { runPlugin } from '../run-plugin.js';
import { cursorNotChosen, objectAt, readonlyWhy, type KeyContext } from './key-context.js';
import { revealConfirmed } from './pane-commands.js';
import { shellConfirmed } from './pod-commands.js';
import { probeConfirmed } from './probe-commands.js';

// The relations a pod's or a Service's workload is found through (its owner chain).
const OWNER_RELATIONS = ['pods', 'replicasets.apps', 'deployments.apps', 'statefulsets.apps', 'daemonsets.apps'];
const OWNERS_LOADING = 'the workloads here are still loading';

/** The workload under the cursor (or behind the rollout view), or why there is none. */
function workloadAt(ctx: KeyContext): KubeObject | string {
  const view = currentView(ctx.state);
  if (view.type === 'rollout') return ctx.session.indexes[view.kind === 'Deployment' ? 'deployments' : view.kind === 'StatefulSet' ? 'statefulSets' : 'daemonSets'].get(view.namespace, view.name) ?? NO_WORKLOAD;
  const o = objectAt(ctx);
  const found = workloadFor(ctx.session, o);
  if (found !== undefined || !o) return found ?? NO_WORKLOAD;
  // Not found is not "none" while the owners are still being listed: it says so instead of guessing.
  const ns = o.metadata?.namespace;
  return OWNER_RELATIONS.some((id) => ctx.session.relationState(id, ns) === 'loading') ? OWNERS_LOADING : NO_WORKLOAD;
}

/** Asks before a write, or says why there is nothing to ask (read-only mode, nothing fitting under the cursor). */
export function ask(ctx: KeyContext, action: PendingAction | string): void {
  if (typeof action === 'string') return void ctx.dispatch({ type: 'flash', text: action, level: 'error' });
  // A write acts on what the user chose: never on a row the cluster put under the cursor.
  const notChosen = currentView(ctx.state).type === 'rollout' ? undefined : cursorNotChosen(ctx);
  if (notChosen) return void ctx.dispatch({ type: 'flash', text: notChosen, level: 'error' });
  if (ctx.readonly) return void ctx.dispatch({ type: 'flash', text: `${readonlyWhy(ctx)}: kdrill makes no changes`, level: 'error' });
  ctx.dispatch({ type: 'confirm', action });
}

export const meta = (w: KubeObject) => ({ kind: String(w.kind), namespace: String(w.metadata?.namespace ?? ''), name: String(w.metadata?.name ?? '') });
const NO_WORKLOAD = 'no deployment, statefulset or daemonset here';

/** The revision `U` goes back to: the ReplicaSet under the cursor, else the newest one before the current. */
function undoTarget(ctx: KeyContext, d: KubeObject): PendingAction | string {
  const rev = (rs: KubeObject) => Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const sets = ctx.session.indexes.ownedBy(d.metadata?.uid).filter((o) => o.kind === 'ReplicaSet');
  const current = Number(d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const under = objectAt(ctx);
  // By uid: the watch may have replaced the object under the cursor since it was drawn.
  const chosen = under?.kind === 'ReplicaSet' ? sets.find((rs) => rs.metadata?.uid === under.metadata?.uid) : undefined;
  const target = chosen ?? sets.filter((rs) => rev(rs) < current).sort((a, b) => rev(b) - rev(a))[0];
  if (!target) return `deployment ${d.metadata?.name} has no earlier revision to go back to`;
  if (rev(target) === current) return `revision ${current} is the current one`;
  return { type: 'undo', namespace: String(d.metadata?.namespace), name: String(d.metadata?.name), replicaSet: String(target.metadata?.name), revision: String(rev(target)) };
}

/** A StatefulSet's or DaemonSet's revision `U` goes back to: the ControllerRevision under the cursor, else the one before the newest. */
function revisionUndoTarget(ctx: KeyContext, w: KubeObject): PendingAction | string {
  const r = ctx.session.discovery.get('controllerrevisions.apps');
  const cache = r ? ctx.session.caches.peek(r, String(w.metadata?.namespace)) : undefined;
  const own = controlledRevisions(w, (cache?.list() as KubeObject[] | undefined) ?? []);
  const under = objectAt(ctx);
  const chosen = own.find((cr) => under?.metadata?.uid && cr.metadata?.uid === under.metadata.uid);
  const kind = String(w.kind).toLowerCase();
  let target: KubeObject;
  try {
    target = chosen ?? revisionTarget(own, 0);
  } catch (e) {
    if (e instanceof RevisionError) return `${kind} ${w.metadata?.name}: ${e.message}`;
    throw e;
  }
  if (matchesRevision(w, target)) return `${kind} ${w.metadata?.name} already runs revision ${target.revision}`;
  return { type: 'undoRevision', kind: w.kind as 'StatefulSet' | 'DaemonSet', namespace: String(w.metadata?.namespace), name: String(w.metadata?.name), controllerRevision: String(target.metadata?.name), revision: String(target.revision) };
}

function confirmed(ctx: KeyContext): void {
  const action = ctx.state.confirm;
  ctx.dispatch({ type: 'confirm', action: undefined });
  if (!action) return;
  if (action.type === 'reveal') return revealConfirmed(ctx, action);
  if (action.type === 'shell' || action.type === 'attach') return shellConfirmed(ctx, action);
  if (action.type === 'probe') return probeConfirmed(ctx, action);
  if (action.type === 'plugin') return void runPlugin(ctx, action);
  ctx.dispatch({ type: 'flash', text: `${question(action, ctx.session.info.context).replace(/\?[^?]*$/, '')}…` });
  void runAction(ctx.session, action, Date.now()).then((r) => ctx.dispatch({ type: 'flash', ...r }));
}

/**
 * `o` before the owners are in: says it waits, then opens the rollout once they are, if the screen
 * still shows the same view and row (a key never acts on a screen the user has left).
 */
function openWhenOwnersLoad(ctx: KeyContext): void {
  const view = currentView(ctx.state);
  const at = view.cursor;
  ctx.dispatch({ type: 'flash', text: `${OWNERS_LOADING}: the rollout opens when they are in`, level: 'info' });
  void ctx.session.relationsReady(10_000).then(() => {
    const now = currentView(ctx.state);
    const same = (v: typeof view) => JSON.stringify([v.type, 'resource' in v ? v.resource : '', 'namespace' in v ? v.namespace : '', v.cursor]);
    if (same(now) !== same(view)) return;
    const w = workloadAt(ctx);
    if (typeof w === 'string') return ask(ctx, w === OWNERS_LOADING ? `${OWNERS_LOADING}: try again in a moment` : w);
    ctx.dispatch({ type: 'push', view: rolloutView(w) });
  });
}

/** The commands that change workloads (each asks first) and answer the question. */
export const WORKLOAD_COMMANDS: Pick<Record<Command, (ctx: KeyContext) => void>, 'rollout' | 'restart' | 'scale' | 'pause' | 'undo' | 'confirm' | 'cancel'> = {
  rollout: (ctx) => {
    const w = workloadAt(ctx);
    if (w === OWNERS_LOADING) return openWhenOwnersLoad(ctx);
    if (typeof w === 'string') return ask(ctx, w);
    if (currentView(ctx.state).type === 'rollout') return;
    ctx.dispatch({ type: 'push', view: rolloutView(w) });
  },
  restart: (ctx) => {
    const w = workloadAt(ctx);
    ask(ctx, typeof w === 'string' ? w : { type: 'restart', ...meta(w) });
  },
  scale: (ctx) => {
    const w = workloadAt(ctx);
    if (typeof w === 'string' || w.kind === 'DaemonSet') return ask(ctx, typeof w === 'string' ? w : 'a daemonset runs one pod per node: it cannot be scaled');
    if (ctx.readonly) return ask(ctx, { type: 'scale', ...meta(w), replicas: 0 });
    ctx.dispatch({ type: 'openPrompt', mode: 'scale', scale: meta(w), text: String(w.spec?.replicas ?? 1) });
  },
  pause: (ctx) => {
    const w = workloadAt(ctx);
    if (typeof w === 'string' || w.kind !== 'Deployment') return ask(ctx, typeof w === 'string' ? w : 'only deployments can be paused');
    ask(ctx, { type: w.spec?.paused ? 'resume' : 'pause', ...meta(w) });
  },
  undo: (ctx) => {
    const w = workloadAt(ctx);
    ask(ctx, typeof w === 'string' ? w : w.kind === 'Deployment' ? undoTarget(ctx, w) : revisionUndoTarget(ctx, w));
  },
  confirm: confirmed,
  cancel: (ctx) => ctx.dispatch({ type: 'confirm', action: undefined }),
};
