import { compileFilter, FilterError } from '../../model/view/row-filter.js';
import { matchingLines, nextMatch, searchPattern } from '../../model/view/pane-text.js';
import { shownTop } from './pane-commands.js';
import { completeCommandLine, parseCommandLine, type CommandLine } from '../command-line.js';
import { expandAlias } from '../../model/k9s/k9s-setup.js';
import { routeView, type Prompt } from '../state/ui-state.js';
import { editLine } from './line-edit.js';
import type { KeyToken } from './key-name.js';
import type { KeyContext } from './key-context.js';
import { ask, WORKLOAD_COMMANDS } from './workload-commands.js';
import { forwardKey } from '../forward-dialog.js';

function submitCommand(ctx: KeyContext, text: string): void {
  // The user's k9s aliases (aliases.yaml) work after : as in k9s.
  const cmd = parseCommandLine(expandAlias(text, ctx.k9s?.setup.aliases ?? {}), ctx.session.discovery);
  if (cmd.type === 'error') return void ctx.dispatch({ type: 'promptError', error: cmd.message });
  ctx.dispatch({ type: 'closePrompt', submitted: text.trim() });
  applyCommand(ctx, cmd);
}

/** Runs a command line as if typed after : (a k9s hotkey's command); a mistake is said in the footer. */
export function runCommandLine(ctx: KeyContext, text: string): void {
  const cmd = parseCommandLine(expandAlias(text, ctx.k9s?.setup.aliases ?? {}), ctx.session.discovery);
  if (cmd.type === 'error') return void ctx.dispatch({ type: 'flash', text: `:${text}: ${cmd.message}`, level: 'error' });
  applyCommand(ctx, cmd);
}

function applyCommand(ctx: KeyContext, cmd: Exclude<CommandLine, { type: 'error' }>): void {
  if (cmd.type === 'quit') return ctx.exit();
  if (cmd.type === 'context') return void ctx.dispatch({ type: 'picker', picker: 'context' });
  if (cmd.type === 'namespace' && cmd.namespace === undefined) return void ctx.dispatch({ type: 'picker', picker: 'namespace' });
  if (cmd.type === 'namespace') {
    const ns = cmd.namespace === 'all' ? undefined : cmd.namespace;
    return void ctx.dispatch({ type: 'replaceRoot', view: { type: 'resources', resource: 'pods', namespace: ns, title: 'pods', filter: '' }, namespace: ns ?? null });
  }
  if (cmd.type === 'routes') {
    const ns = cmd.namespace === 'all' ? undefined : cmd.namespace;
    return void ctx.dispatch({ type: 'replaceRoot', view: { type: 'routes', title: 'routes', namespace: ns, filter: '' } });
  }
  if (cmd.type === 'trace') return void ctx.dispatch({ type: 'push', view: routeView(cmd.host, cmd.path) });
  if (cmd.type === 'forwards') return void ctx.dispatch({ type: 'replaceRoot', view: { type: 'portforwards', title: 'port-forwards', namespace: undefined, filter: '' } });
  if (cmd.type === 'rollout') return WORKLOAD_COMMANDS.rollout(ctx);
  const namespace = cmd.namespaced ? (cmd.namespace === 'all' ? undefined : (cmd.namespace ?? ctx.state.namespace)) : undefined;
  ctx.dispatch({ type: 'replaceRoot', view: { type: 'resources', resource: cmd.resource, namespace, title: cmd.title, filter: '' }, namespace: cmd.namespaced && cmd.namespace ? (namespace ?? null) : undefined });
}

/** A key while a prompt is open: the command line, the filter, the pane search or the replica count. */
export function promptKey(ctx: KeyContext, token: KeyToken): void {
  const { name } = token;
  const p = ctx.state.prompt!;
  if (name === 'escape') {
    if (p.mode === 'filter') ctx.dispatch({ type: 'applyFilter', filter: '' });
    return void ctx.dispatch({ type: 'closePrompt' });
  }
  if (p.mode === 'scale') return scaleKey(ctx, token);
  if (p.mode === 'portForward') return forwardKey(ctx, token);
  if (p.mode === 'search') return searchKey(ctx, token);
  if (name === 'enter') {
    if (p.mode === 'command') return submitCommand(ctx, p.text);
    if (p.error) return;
    ctx.dispatch({ type: 'applyFilter', filter: p.text });
    return void ctx.dispatch({ type: 'closePrompt' });
  }
  if (name === 'up' || name === 'down') return void ctx.dispatch({ type: 'promptHistory', step: name === 'up' ? 1 : -1 });
  if (name === 'tab' && p.mode === 'command') return void ctx.dispatch({ type: 'promptText', text: completeCommandLine(p.text, ctx.session.discovery, Object.keys(ctx.k9s?.setup.aliases ?? {})) });
  // Filled-in text (the current filter) is selected: typing replaces it, backspace clears it.
  const edit = edited(p, token);
  if (!edit) return;
  const { text, cursor } = edit;
  if (p.mode === 'command' || (text === p.text && !p.selected)) return void ctx.dispatch({ type: 'promptText', text, cursor, error: p.mode === 'command' ? undefined : p.error });
  // Filters apply as you type; an invalid one is shown in the prompt and the previous filter stays.
  try {
    compileFilter(text);
    ctx.dispatch({ type: 'promptText', text, cursor });
    ctx.dispatch({ type: 'applyFilter', filter: text });
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    ctx.dispatch({ type: 'promptText', text, cursor, error: e.message });
  }
}

/** The prompt's line after a key that edits it (readline keys), if it is one. */
const edited = (p: Prompt, token: KeyToken) => editLine({ text: p.text, cursor: p.cursor ?? p.text.length, selected: p.selected }, token);

/** The pane's search prompt: Enter searches and goes to the first match from where the pane is. */
function searchKey(ctx: KeyContext, token: KeyToken): void {
  const p = ctx.state.prompt!;
  if (token.name === 'enter') {
    ctx.dispatch({ type: 'closePrompt' });
    ctx.dispatch({ type: 'pane', options: { search: p.text } });
    const to = nextMatch(matchingLines(ctx.paneLines, searchPattern(p.text)), shownTop(ctx) - 1, true);
    if (to !== undefined) ctx.dispatch({ type: 'scrollDetail', to });
    return;
  }
  const edit = edited(p, token);
  if (edit) ctx.dispatch({ type: 'promptText', ...edit });
}

/** The replica count prompt: digits only; Enter asks to confirm the scale. */
function scaleKey(ctx: KeyContext, { name, input }: KeyToken): void {
  const p = ctx.state.prompt!;
  if (name === 'enter') {
    const replicas = Number(p.text);
    if (!/^\d+$/.test(p.text) || replicas > 10_000) return void ctx.dispatch({ type: 'promptError', error: 'a number of replicas, 0 to 10000' });
    ctx.dispatch({ type: 'closePrompt' });
    return ask(ctx, { type: 'scale', ...p.scale!, replicas });
  }
  // The current count is selected: the first digit replaces it (5 means 5, never 25).
  if (name === 'backspace') return void ctx.dispatch({ type: 'promptText', text: p.selected ? '' : p.text.slice(0, -1) });
  if (/^\d$/.test(input)) ctx.dispatch({ type: 'promptText', text: (p.selected ? '' : p.text) + input });
}
