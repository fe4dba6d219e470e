import type { KubeObject } from '../../model/types.js';
import { currentView, type Propagation } from '../state/ui-state.js';
import type { Command } from './bindings.js';
import { cursorOf, focusedView, objectAt, type KeyContext } from './key-context.js';
import { ask, meta } from './workload-commands.js';
import { startEdit } from '../edit-flow.js';

const PROPAGATIONS: readonly Propagation[] = ['Background', 'Foreground', 'Orphan'];

/** The resource (`deployments.apps`) of the row under the cursor: the table's, or the pods of kdrill's own views. */
export function resourceAt(ctx: KeyContext, o: KubeObject): string | undefined {
  const view = currentView(ctx.state);
  if (view.type === 'resources') return view.resource;
  return o.kind === 'Pod' ? 'pods' : undefined;
}

/** The object a key acts on, or a flash saying there is none here. */
function target(ctx: KeyContext, what: string): KubeObject | undefined {
  const o = objectAt(ctx);
  if (!o) ctx.dispatch({ type: 'flash', text: `${what}: nothing under the cursor in ${focusedView(ctx.state)}`, level: 'error' });
  return o;
}

/** Keys that act on any object (edit, delete), on pods (kill, node, previous logs) and on nodes (cordon, drain). */
export const OBJECT_COMMANDS: Pick<Record<Command, (ctx: KeyContext) => void>, 'deleteObject' | 'kill' | 'cordon' | 'uncordon' | 'drain' | 'showNode' | 'logsPrevious' | 'edit' | 'propagation'> = {
  deleteObject: (ctx) => {
    const o = target(ctx, 'delete');
    if (o) ask(ctx, { type: 'delete', ...meta(o), resource: resourceAt(ctx, o), propagation: 'Background' });
  },
  propagation: (ctx) => {
    const a = ctx.state.confirm;
    if (a?.type !== 'delete') return;
    const next = PROPAGATIONS[(PROPAGATIONS.indexOf(a.propagation ?? 'Background') + 1) % PROPAGATIONS.length];
    ctx.dispatch({ type: 'confirm', action: { ...a, propagation: next } });
  },
  kill: (ctx) => {
    const o = target(ctx, 'kill');
    if (o) ask(ctx, o.kind === 'Pod' ? { type: 'kill', kind: 'Pod', namespace: meta(o).namespace, name: meta(o).name } : 'Ctrl-K kills pods');
  },
  cordon: (ctx) => nodeAction(ctx, 'cordon'),
  uncordon: (ctx) => nodeAction(ctx, 'uncordon'),
  drain: (ctx) => nodeAction(ctx, 'drain'),
  showNode: (ctx) => {
    const o = target(ctx, 'node');
    const node = o?.spec?.nodeName;
    if (!o) return;
    if (!node) return void ctx.dispatch({ type: 'flash', text: `pod ${o.metadata?.name} is not scheduled on a node yet` });
    ctx.dispatch({ type: 'push', view: { type: 'resources', resource: 'nodes', namespace: undefined, title: `node ${node}`, scope: { kind: 'names', names: [node] }, filter: '', cursor: node } });
  },
  logsPrevious: (ctx) => {
    if (!target(ctx, 'previous logs')) return;
    // The previous instance holds for this row only, as p in the logs pane does.
    ctx.dispatch({ type: 'detail', mode: 'logs' });
    ctx.dispatch({ type: 'cursor', key: ctx.model.keys[cursorOf(ctx)] });
    ctx.dispatch({ type: 'pane', options: { previous: true } });
  },
  edit: (ctx) => {
    const o = target(ctx, 'edit');
    if (!o) return;
    const resource = resourceAt(ctx, o);
    if (ctx.readonly) return void ctx.dispatch({ type: 'flash', text: 'read-only mode (--readonly): kdrill makes no changes', level: 'error' });
    if (!resource) return void ctx.dispatch({ type: 'flash', text: `e: nothing here in ${focusedView(ctx.state)}` });
    startEdit(ctx, resource, o);
  },
};

function nodeAction(ctx: KeyContext, type: 'cordon' | 'uncordon' | 'drain'): void {
  const o = target(ctx, type);
  if (!o) return;
  if (o.kind !== 'Node') return ask(ctx, `${type} works on nodes`);
  if (type === 'cordon' && o.spec?.unschedulable) return ask(ctx, `node ${o.metadata?.name} is already cordoned`);
  if (type === 'uncordon' && !o.spec?.unschedulable) return ask(ctx, `node ${o.metadata?.name} is not cordoned`);
  ask(ctx, { type, kind: 'Node', namespace: '', name: String(o.metadata?.name) });
}
