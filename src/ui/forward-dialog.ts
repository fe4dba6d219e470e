import { PodConnector } from '../kube/pod-connect.js';
import { portForwards, portFree, type ForwardResolver } from '../kube/port-forwards.js';
import { fromMap } from '../model/label-selector.js';
import { containerPorts, parseLocal, pickReadyPod, servicePorts, targetPortOn } from '../model/port-forward-target.js';
import type { KubeObject } from '../model/types.js';
import type { ClusterSession } from '../kube/cluster-session.js';
import { editLine } from './keys/line-edit.js';
import type { KeyToken } from './keys/key-name.js';
import { cursorNotChosen, cursorOf, objectAt, readonlyWhy, type KeyContext } from './keys/key-context.js';
import { currentView, type ForwardDraft } from './state/ui-state.js';

/** The local port a forward of `remote` suggests: the same number when 1024 or above and free, else the next free one from 8080. */
async function freeLocal(remote: number, taken: Set<number>): Promise<number> {
  const free = async (p: number) => !taken.has(p) && !portForwards.uses(p) && (await portFree(p));
  if (remote >= 1024 && (await free(remote))) return remote;
  for (let p = 8080; p < 65536; p++) if (await free(p)) return p;
  return 0;
}

/** Opens the port-forward dialog for the pod, container or Service under the cursor (its ports named, a free local port). */
export function openForwardDialog(ctx: KeyContext): void {
  const flash = (text: string) => ctx.dispatch({ type: 'flash', text, level: 'error' });
  if (ctx.readonly) return flash(`${readonlyWhy(ctx)}: kdrill opens no port-forward`);
  const notChosen = cursorNotChosen(ctx);
  if (notChosen) return flash(notChosen);
  const o = objectAt(ctx);
  if (!o || (o.kind !== 'Pod' && o.kind !== 'Service')) return flash('port-forward works on pods, containers and services');
  const view = currentView(ctx.state);
  const container = view.type === 'containers' ? ctx.model.keys[cursorOf(ctx)] : undefined;
  const ports = o.kind === 'Pod' ? containerPorts(o).filter((p) => !container || p.container === container) : servicePorts(o);
  const what = `${o.kind.toLowerCase()} ${o.metadata?.name}`;
  if (!ports.length) return flash(`${container ? `container ${container} of ` : ''}${what} declares no TCP port to forward`);
  if (o.kind === 'Service' && !o.spec?.selector) return flash(`service ${o.metadata?.name} has no selector: no pod to forward to`);
  void (async () => {
    const locals: number[] = [];
    for (const p of ports) locals.push(await freeLocal(p.port, new Set(locals)));
    const forward: ForwardDraft = { kind: o.kind as 'Pod' | 'Service', namespace: String(o.metadata?.namespace), name: String(o.metadata?.name), ports: ports.map((p) => ({ label: p.label, port: p.port })), locals, index: 0 };
    ctx.dispatch({ type: 'openPrompt', mode: 'portForward', forward, text: `127.0.0.1:${locals[0]}` });
  })();
}

/** Where a screen forward's connections go: the pod (while it runs), or a ready pod of the Service (picked again when it goes). */
function resolver(session: ClusterSession, d: ForwardDraft, port: number): ForwardResolver {
  let current: string | undefined;
  return async () => {
    if (d.kind === 'Pod') {
      const pod = session.indexes.pods.all(d.namespace).find((p) => p.metadata?.name === d.name);
      if (!pod) return { gone: `pod ${d.name} is gone` };
      if (pod.status?.phase !== 'Running') return { gone: `pod ${d.name} is ${pod.status?.phase ?? 'Pending'}` };
      return { pod: d.name, port };
    }
    const svc = session.indexes.services.get(d.namespace, d.name);
    if (!svc) return { gone: `service ${d.name} is gone` };
    const pod: KubeObject | undefined = pickReadyPod(session.indexes.podsFor(d.namespace, fromMap(svc.spec?.selector)), current);
    if (!pod) return { gone: `service ${d.name} has no ready pod` };
    const target = targetPortOn(svc, port, pod);
    if (!target) return { gone: `service ${d.name} port ${port} has no target port on pod ${pod.metadata?.name}` };
    current = String(pod.metadata?.name);
    return { pod: current, port: target };
  };
}

// The relation indexes a forward's target is found in, and how long a forward waits for them to load.
const FORWARD_RELATIONS = ['services', 'pods'];
const LOADING_WAIT_MS = 30_000;

/** Waits until the relation indexes hold the namespace's Services and pods (just after start they may not yet), at most 30 s; says so while it does. */
async function relationsLoaded(ctx: KeyContext, namespace: string): Promise<void> {
  const loading = () => FORWARD_RELATIONS.some((id) => ctx.session.relationState(id, namespace) === 'loading');
  if (!loading()) return;
  ctx.dispatch({ type: 'flash', text: `port-forward: waiting for the services and pods of ${namespace} to load`, level: 'info' });
  // Asked again at each change of the session's caches (they say when they have listed), not on a timer.
  await new Promise<void>((done) => {
    const finish = () => {
      clearTimeout(timer);
      stop();
      done();
    };
    const timer = setTimeout(finish, LOADING_WAIT_MS);
    const stop = ctx.session.caches.subscribe(() => void (loading() || finish()));
  });
}

async function startForward(ctx: KeyContext, d: ForwardDraft, address: string, localPort: number): Promise<void> {
  const session = ctx.session;
  const chosen = d.ports[d.index];
  const resolve = resolver(session, d, chosen.port);
  // A target not in indexes still loading is not gone: that would be a guess.
  await relationsLoaded(ctx, d.namespace);
  const first = await resolve();
  if ('gone' in first) return void ctx.dispatch({ type: 'flash', text: `port-forward: ${first.gone}`, level: 'error' });
  try {
    const f = await portForwards.start(new PodConnector(session.transport.kc, session.transport.readonly), { context: session.info.context, namespace: d.namespace, target: `${d.kind.toLowerCase()}/${d.name}`, remote: chosen.label, address, localPort, via: first.pod }, resolve);
    const via = d.kind === 'Service' ? ` via pod ${first.pod}` : '';
    ctx.dispatch({ type: 'flash', text: `forwarding ${address}:${f.localPort} → ${d.kind.toLowerCase()} ${d.namespace}/${d.name} port ${chosen.label}${via} (:pf lists forwards)` });
  } catch (e) {
    ctx.dispatch({ type: 'flash', text: `port-forward: ${(e as Error).message}`, level: 'error' });
  }
}

/** A key in the port-forward dialog: Tab picks the next port, Enter starts the forward, the rest edits `[ADDRESS:]LOCAL`. */
export function forwardKey(ctx: KeyContext, token: KeyToken): void {
  const p = ctx.state.prompt!;
  const d = p.forward!;
  if (token.name === 'tab') {
    const index = (d.index + 1) % d.ports.length;
    const address = parseLocal(p.text)?.address ?? '127.0.0.1';
    return void ctx.dispatch({ type: 'openPrompt', mode: 'portForward', forward: { ...d, index }, text: `${address}:${d.locals[index]}` });
  }
  if (token.name === 'enter') {
    const local = parseLocal(p.text);
    if (!local) return void ctx.dispatch({ type: 'promptError', error: 'a local port (1-65535), optionally ADDRESS:PORT' });
    ctx.dispatch({ type: 'closePrompt' });
    return void startForward(ctx, d, local.address, local.port);
  }
  const edit = editLine({ text: p.text, cursor: p.cursor ?? p.text.length, selected: p.selected }, token);
  if (edit) ctx.dispatch({ type: 'promptText', ...edit });
}

/** What the dialog's line says before the typed local address and port. */
export function forwardPromptText(d: ForwardDraft, context: string): string {
  const more = d.ports.length > 1 ? ` (tab: next of ${d.ports.length})` : '';
  return `port-forward ${d.kind.toLowerCase()} ${d.namespace}/${d.name} port ${d.ports[d.index].label}${more} in context ${context} from [address:]port: `;
}
