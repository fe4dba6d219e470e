// What a k9s hotkey or plugin key does: a hotkey runs its command line; a plugin runs its command with
// its arguments (k9s variables substituted) as an argv array, after asking when it says confirm: true.
import { pluginEnv, substitute, type PluginEnv } from '../../model/k9s/plugin-env.js';
import { currentView } from '../state/ui-state.js';
import type { Command } from './bindings.js';
import { cursorNotChosen, cursorOf, focusedView, type KeyContext } from './key-context.js';
import { runCommandLine } from './prompt-keys.js';
import { runPlugin } from '../run-plugin.js';

/** The k9s variables where the user stands: the context, the view's kind, the row under the cursor. */
export function envAt(ctx: KeyContext): PluginEnv {
  const view = currentView(ctx.state);
  const at = cursorOf(ctx);
  const o = ctx.model.objects[at];
  const info = ctx.session.info;
  const r = view.type === 'resources' ? ctx.session.discovery.get(view.resource) : undefined;
  const base = { context: info.context, cluster: ctx.k9s?.cluster ?? '', user: info.user, kubeconfig: ctx.k9s?.kubeconfig ?? '', headers: ctx.model.headers, cells: ctx.model.cells[at] && (ctx.model.fresh?.(at) ?? ctx.model.cells[at]), filter: view.filter };
  // In a pod's containers, as k9s: $NAME and $CONTAINER are the container, $POD the pod.
  if (view.type === 'containers') return pluginEnv({ ...base, namespace: view.namespace, name: ctx.model.keys[at], pod: view.pod, container: ctx.model.keys[at], resource: { group: '', version: 'v1', name: 'containers' } });
  return pluginEnv({ ...base, namespace: o?.metadata?.namespace, name: o?.metadata?.name, resource: r ? { group: r.group, version: r.version, name: r.resource } : undefined });
}

function hotkey(ctx: KeyContext): void {
  const h = ctx.k9s?.setup.hotkeys.find((x) => x.name === ctx.binding?.user);
  if (h) runCommandLine(ctx, substitute(h.command, envAt(ctx)));
}

function plugin(ctx: KeyContext): void {
  const k9s = ctx.k9s;
  const p = k9s?.setup.plugins.find((x) => x.name === ctx.binding?.user);
  if (!k9s || !p) return;
  if (ctx.readonly && !k9s.readOnlySafe.includes(p.name)) {
    return void ctx.dispatch({ type: 'flash', text: `plugin ${p.name} refused under --readonly (allow it: plugins: readOnlySafe in kdrill's config)`, level: 'error' });
  }
  const view = currentView(ctx.state);
  if (view.type === 'resources' || view.type === 'containers') {
    if (!ctx.model.keys.length) return void ctx.dispatch({ type: 'flash', text: `plugin ${p.name}: nothing under the cursor in ${focusedView(ctx.state)}`, level: 'error' });
    const notChosen = cursorNotChosen(ctx);
    if (notChosen) return void ctx.dispatch({ type: 'flash', text: notChosen, level: 'error' });
  }
  const env = envAt(ctx);
  const action = { type: 'plugin' as const, name: p.name, description: p.description, command: p.command, args: p.args.map((a) => substitute(a, env)), background: p.background };
  if (p.confirm) return void ctx.dispatch({ type: 'confirm', action });
  void runPlugin(ctx, action);
}

/** The commands of k9s hotkeys and plugins (which one: the binding's `user` name). */
export const K9S_COMMANDS: Pick<Record<Command, (ctx: KeyContext) => void>, 'plugin' | 'hotkey'> = { plugin, hotkey };
