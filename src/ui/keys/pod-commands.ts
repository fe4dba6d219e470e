import type { KubeObject } from '../../model/types.js';
import { defaultContainer, notRunning, runShell } from '../shell-flow.js';
import { openForwardDialog } from '../forward-dialog.js';
import { portForwards } from '../../kube/port-forwards.js';
import { currentView } from '../state/ui-state.js';
import type { Command } from './bindings.js';
import { cursorNotChosen, cursorOf, objectAt, type KeyContext } from './key-context.js';

/** The pod under the cursor and, in a pod's containers view, the container; or why there is none. */
export function podAt(ctx: KeyContext): { pod: KubeObject; container?: string } | string {
  const o = objectAt(ctx);
  if (!o || o.kind !== 'Pod') return 'no pod under the cursor';
  const view = currentView(ctx.state);
  return view.type === 'containers' ? { pod: o, container: ctx.model.keys[cursorOf(ctx)] } : { pod: o };
}

function askShell(ctx: KeyContext, type: 'shell' | 'attach'): void {
  const flash = (text: string) => ctx.dispatch({ type: 'flash', text, level: 'error' });
  if (ctx.readonly) return flash(`read-only mode (--readonly): kdrill opens no ${type === 'shell' ? 'shell' : 'attach'} into containers`);
  const notChosen = cursorNotChosen(ctx);
  if (notChosen) return flash(notChosen);
  const at = podAt(ctx);
  if (typeof at === 'string') return flash(at);
  const containers: string[] = (at.pod.spec?.containers ?? []).map((c: any) => String(c.name));
  const container = at.container && containers.includes(at.container) ? at.container : defaultContainer(at.pod);
  if (at.container && !containers.includes(at.container)) return flash(`${at.container} is an init container: it runs before the pod starts, there is nothing to ${type === 'shell' ? 'open a shell in' : 'attach to'}`);
  const why = notRunning(at.pod, container);
  if (why) return flash(why);
  // On a container row the container is chosen already; on a pod, c in the question picks another.
  ctx.dispatch({ type: 'confirm', action: { type, kind: 'Pod', namespace: String(at.pod.metadata?.namespace), name: String(at.pod.metadata?.name), container, containers: at.container ? [container] : containers } });
}

/** Shell, attach and port-forward on pods, containers (and Services for port-forward). */
export const POD_COMMANDS: Pick<Record<Command, (ctx: KeyContext) => void>, 'shell' | 'attach' | 'portForward' | 'nextContainer' | 'stopForward'> = {
  shell: (ctx) => askShell(ctx, 'shell'),
  attach: (ctx) => askShell(ctx, 'attach'),
  nextContainer: (ctx) => {
    const a = ctx.state.confirm;
    if (a?.type !== 'shell' && a?.type !== 'attach') return;
    const next = a.containers[(a.containers.indexOf(a.container) + 1) % a.containers.length];
    ctx.dispatch({ type: 'confirm', action: { ...a, container: next } });
  },
  portForward: (ctx) => openForwardDialog(ctx),
  stopForward: (ctx) => {
    const key = ctx.model.keys[cursorOf(ctx)];
    const f = portForwards.list().find((x) => String(x.id) === key);
    if (!f) return void ctx.dispatch({ type: 'flash', text: 'no port-forward under the cursor', level: 'error' });
    portForwards.stop(f.id);
    ctx.dispatch({ type: 'flash', text: `stopped the port-forward ${f.address}:${f.localPort} → ${f.target}` });
  },
};

/** A pod by name from the relation indexes, if they hold it. */
export function podNamed(ctx: KeyContext, namespace: string, name: string): KubeObject | undefined {
  return ctx.session.indexes.pods.select(namespace, []).find((p) => p.metadata?.name === name);
}

/** Runs a confirmed shell or attach. */
export function shellConfirmed(ctx: KeyContext, a: Parameters<typeof runShell>[1]): void {
  // The pod as the cluster has it now (the question may have stayed open a while); unknown to the indexes: the server says.
  const pod = podNamed(ctx, a.namespace, a.name);
  const why = pod && notRunning(pod, a.container);
  if (why) return void ctx.dispatch({ type: 'flash', text: why, level: 'error' });
  ctx.dispatch({ type: 'flash', text: `${a.type === 'shell' ? 'opening a shell in' : 'attaching to'} ${a.name}/${a.container}…` });
  void runShell(ctx, a);
}
