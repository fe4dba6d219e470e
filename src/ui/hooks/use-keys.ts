import { useInput } from 'ink';
import { useRef, type Dispatch } from 'react';
import type { ClusterSession } from '../../kube/cluster-session.js';
import { compileFilter, FilterError } from '../../model/view/row-filter.js';
import { completeCommandLine, parseCommandLine } from '../command-line.js';
import type { KubeObject } from '../../model/types.js';
import { drill, drillRollout, drillRoute, ownerView, routesToView, type DrillResult } from '../drill.js';
import { matchingLines, nextMatch, searchPattern } from '../../model/view/pane-text.js';
import { osc52, savePane } from '../pane-export.js';
import { question, runAction, workloadFor } from '../run-action.js';
import { commandFor, type Command, type Scope } from '../keys/bindings.js';
import { keyTokens, type KeyToken } from '../keys/key-name.js';
import { uiReducer } from '../state/ui-reducer.js';
import type { UiAction } from '../state/ui-reducer.js';
import { currentView, rolloutView, routeView, type DetailMode, type PendingAction, type UiState } from '../state/ui-state.js';
import type { ScreenModel } from './use-screen-model.js';

/** What the dispatcher needs to act on a key. */
export interface KeyContext {
  state: UiState;
  dispatch: Dispatch<UiAction>;
  model: ScreenModel;
  pageSize: number;
  /** The lines the detail pane holds (after wrapping). */
  paneLines: readonly string[];
  /** What Ctrl-S saves and c copies: the pane's text and a file name for it. */
  paneExport?: { text: string; fileName: string };
  /** Writes straight to the terminal (the clipboard sequence). */
  writeRaw: (data: string) => void;
  session: ClusterSession;
  exit: () => void;
  /** Under --readonly writes are refused with a message, without asking. */
  readonly: boolean;
}

/** The row the cursor is on, from the state as it is now (keys in a burst move it before Enter runs). */
function cursorOf(ctx: KeyContext): number {
  return Math.max(0, ctx.model.keys.indexOf(currentView(ctx.state).cursor ?? ''));
}

/** The scopes that receive keys now, in priority order after dialogs and prompts. */
export function activeScopes(s: UiState): Scope[] {
  if (s.confirm) return ['dialog'];
  return s.detail && s.focus === 'detail' ? ['detail', 'global'] : ['table', 'global'];
}

function applyDrill(ctx: KeyContext, result: DrillResult): void {
  if ('view' in result) ctx.dispatch({ type: 'push', view: result.view });
  else if ('detail' in result) ctx.dispatch({ type: 'detail', mode: result.detail });
  else if ('namespace' in result) ctx.dispatch({ type: 'replaceRoot', view: { type: 'resources', resource: 'pods', namespace: result.namespace, title: 'pods', filter: '' }, namespace: result.namespace });
  else ctx.dispatch({ type: 'flash', text: result.message });
}

// Relative to the state when the reducer runs, so that keys arriving in one burst all count.
function moveCursor(ctx: KeyContext, delta: number | 'top' | 'bottom'): void {
  ctx.dispatch({ type: 'cursorBy', delta, keys: ctx.model.keys });
}

function scrollDetail(ctx: KeyContext, delta: number | 'top' | 'bottom'): void {
  ctx.dispatch({ type: 'scrollDetailBy', delta, max: ctx.paneLines.length - 1, page: ctx.pageSize });
}

/** Moves the pane to the next (or previous) line the search matches. */
function toMatch(ctx: KeyContext, forward: boolean): void {
  const matches = matchingLines(ctx.paneLines, searchPattern(ctx.state.pane.search));
  if (!ctx.state.pane.search) return void ctx.dispatch({ type: 'flash', text: 'no search: / searches the pane' });
  const to = nextMatch(matches, ctx.state.detailScroll, forward);
  if (to === undefined) return void ctx.dispatch({ type: 'flash', text: `no match for ${ctx.state.pane.search}`, level: 'error' });
  ctx.dispatch({ type: 'scrollDetail', to });
}

const toggle = (ctx: KeyContext, option: 'managedFields' | 'wrap' | 'previous' | 'timestamps' | 'filter' | 'json' | 'allContainers', only?: DetailMode) => {
  if (only && ctx.state.detail !== only) return void ctx.dispatch({ type: 'flash', text: `that key works in the ${only} pane` });
  ctx.dispatch({ type: 'pane', options: { [option]: !ctx.state.pane[option] } });
};

function sortBy(ctx: KeyContext, column: number | undefined, toggle = false): void {
  const view = currentView(ctx.state);
  if (view.type !== 'resources' || column === undefined || column < 0) return;
  const cur = view.sort;
  const descending = toggle ? !(cur?.descending ?? false) : cur?.column === column ? !cur.descending : false;
  ctx.dispatch({ type: 'sort', sort: { column: toggle ? (cur?.column ?? 0) : column, descending } });
}

/** The object under the cursor. */
const objectAt = (ctx: KeyContext): KubeObject | undefined => ctx.model.objects[cursorOf(ctx)];

/** The workload under the cursor (or behind the rollout view), or why there is none. */
function workloadAt(ctx: KeyContext): KubeObject | string {
  const view = currentView(ctx.state);
  if (view.type === 'rollout') return ctx.session.indexes[view.kind === 'Deployment' ? 'deployments' : view.kind === 'StatefulSet' ? 'statefulSets' : 'daemonSets'].get(view.namespace, view.name) ?? NO_WORKLOAD;
  return workloadFor(ctx.session, objectAt(ctx)) ?? NO_WORKLOAD;
}

/** Asks before a write, or says why there is nothing to ask (read-only mode, nothing fitting under the cursor). */
function ask(ctx: KeyContext, action: PendingAction | string): void {
  if (typeof action === 'string') return void ctx.dispatch({ type: 'flash', text: action, level: 'error' });
  if (ctx.readonly) return void ctx.dispatch({ type: 'flash', text: 'read-only mode (--readonly): kdrill makes no changes', level: 'error' });
  ctx.dispatch({ type: 'confirm', action });
}

const meta = (w: KubeObject) => ({ kind: String(w.kind), namespace: String(w.metadata?.namespace ?? ''), name: String(w.metadata?.name ?? '') });
const NO_WORKLOAD = 'no deployment, statefulset or daemonset here';
// A cell that is exactly "Warning": the TYPE column of an events table.
const WARNINGS = '^Warning$';

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

function confirmed(ctx: KeyContext): void {
  const action = ctx.state.confirm;
  ctx.dispatch({ type: 'confirm', action: undefined });
  if (!action) return;
  ctx.dispatch({ type: 'flash', text: `${question(action, ctx.session.info.context).replace(/\?$/, '')}…` });
  void runAction(ctx.session, action, Date.now()).then((r) => ctx.dispatch({ type: 'flash', ...r }));
}

// What each command does; the binding table decides which key triggers it.
const COMMANDS: Record<Command, (ctx: KeyContext) => void> = {
  quit: (ctx) => ctx.exit(),
  help: (ctx) => ctx.dispatch({ type: 'help', open: !ctx.state.help }),
  up: (ctx) => (ctx.state.focus === 'detail' ? scrollDetail(ctx, -1) : moveCursor(ctx, -1)),
  down: (ctx) => (ctx.state.focus === 'detail' ? scrollDetail(ctx, 1) : moveCursor(ctx, 1)),
  pageUp: (ctx) => (ctx.state.focus === 'detail' ? scrollDetail(ctx, -ctx.pageSize) : moveCursor(ctx, -ctx.pageSize)),
  pageDown: (ctx) => (ctx.state.focus === 'detail' ? scrollDetail(ctx, ctx.pageSize) : moveCursor(ctx, ctx.pageSize)),
  top: (ctx) => (ctx.state.focus === 'detail' ? scrollDetail(ctx, 'top') : moveCursor(ctx, 'top')),
  bottom: (ctx) => (ctx.state.focus === 'detail' ? scrollDetail(ctx, 'bottom') : moveCursor(ctx, 'bottom')),
  enter: (ctx) => {
    const view = currentView(ctx.state);
    const row = ctx.model.routeRows?.[cursorOf(ctx)];
    if (view.type === 'routes') return row?.target ? void ctx.dispatch({ type: 'push', view: routeView(row.target.host, row.target.path) }) : undefined;
    if (view.type === 'route') return row?.node ? applyDrill(ctx, drillRoute(row.node)) : undefined;
    if (view.type === 'rollout') return applyDrill(ctx, drillRollout(view, objectAt(ctx)));
    if (view.type === 'diff') return;
    const obj = ctx.model.objects[cursorOf(ctx)];
    if (!obj) return;
    if (view.type === 'containers') return void ctx.dispatch({ type: 'detail', mode: 'logs' });
    applyDrill(ctx, drill(ctx.session, view.resource, obj));
  },
  rollout: (ctx) => {
    const w = workloadAt(ctx);
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
    ask(ctx, typeof w === 'string' ? w : w.kind === 'Deployment' ? undoTarget(ctx, w) : 'undo works on deployments');
  },
  deleteObject: (ctx) => {
    const o = objectAt(ctx);
    ask(ctx, o?.kind === 'Pod' ? { type: 'delete', ...meta(o) } : 'ctrl-d deletes pods');
  },
  paneSearch: (ctx) => ctx.dispatch({ type: 'openPrompt', mode: 'search', text: ctx.state.pane.search }),
  searchNext: (ctx) => toMatch(ctx, true),
  searchPrev: (ctx) => toMatch(ctx, false),
  managedFields: (ctx) => toggle(ctx, 'managedFields', 'yaml'),
  wrap: (ctx) => toggle(ctx, 'wrap'),
  previousLogs: (ctx) => toggle(ctx, 'previous', 'logs'),
  timestamps: (ctx) => toggle(ctx, 'timestamps', 'logs'),
  filterLines: (ctx) => (ctx.state.pane.search ? toggle(ctx, 'filter') : ctx.dispatch({ type: 'flash', text: 'search first (/): f then shows only the matching lines' })),
  jsonCompact: (ctx) => toggle(ctx, 'json', 'logs'),
  allContainers: (ctx) => toggle(ctx, 'allContainers', 'logs'),
  since: (ctx) => {
    if (ctx.state.detail !== 'logs') return void ctx.dispatch({ type: 'flash', text: 'that key works in the logs pane' });
    const presets = ['', '1m', '5m', '15m', '1h'] as const;
    ctx.dispatch({ type: 'pane', options: { since: presets[(presets.indexOf(ctx.state.pane.since) + 1) % presets.length] } });
  },
  decode: (ctx) => {
    if (ctx.state.detail !== 'yaml' || objectAt(ctx)?.kind !== 'Secret') return void ctx.dispatch({ type: 'flash', text: 'x decodes a Secret in the YAML pane' });
    ctx.dispatch({ type: 'pane', options: { decode: !ctx.state.pane.decode } });
  },
  savePane: (ctx) => {
    if (!ctx.paneExport) return;
    try {
      ctx.dispatch({ type: 'flash', text: savePane(process.cwd(), ctx.paneExport.fileName, ctx.paneExport.text) });
    } catch (e) {
      ctx.dispatch({ type: 'flash', text: `cannot save: ${(e as Error).message}`, level: 'error' });
    }
  },
  copyPane: (ctx) => {
    if (!ctx.paneExport) return;
    const seq = osc52(ctx.paneExport.text, !!process.env.TMUX);
    if (!seq) return void ctx.dispatch({ type: 'flash', text: 'too large for the clipboard (terminals take about 75 KB): Ctrl-S saves it', level: 'error' });
    ctx.writeRaw(seq);
    ctx.dispatch({ type: 'flash', text: `copied ${ctx.paneExport.text.split('\n').length} lines to the clipboard` });
  },
  confirm: confirmed,
  cancel: (ctx) => ctx.dispatch({ type: 'confirm', action: undefined }),
  warningsOnly: (ctx) => {
    const view = currentView(ctx.state);
    if (view.type !== 'resources' || !view.resource.startsWith('events')) return void ctx.dispatch({ type: 'flash', text: 'W works in the events table (:ev)' });
    ctx.dispatch({ type: 'applyFilter', filter: view.filter === WARNINGS ? '' : WARNINGS });
  },
  routesTo: (ctx) => {
    const obj = ctx.model.objects[cursorOf(ctx)];
    if (obj) applyDrill(ctx, routesToView(obj));
  },
  back: (ctx) => ctx.dispatch({ type: 'back' }),
  commandMode: (ctx) => ctx.dispatch({ type: 'openPrompt', mode: 'command' }),
  filterMode: (ctx) => ctx.dispatch({ type: 'openPrompt', mode: 'filter' }),
  yaml: (ctx) => ctx.dispatch({ type: 'detail', mode: 'yaml' }),
  describe: (ctx) => ctx.dispatch({ type: 'detail', mode: 'describe' }),
  events: (ctx) => ctx.dispatch({ type: 'detail', mode: 'events' }),
  logs: (ctx) => ctx.dispatch({ type: 'detail', mode: 'logs' }),
  focusNext: (ctx) => ctx.dispatch({ type: 'focus', focus: ctx.state.focus === 'table' ? 'detail' : 'table' }),
  zoom: (ctx) => ctx.dispatch({ type: 'zoom' }),
  allNamespaces: (ctx) => {
    const view = currentView(ctx.state);
    if (view.type === 'resources') ctx.dispatch({ type: 'replaceRoot', view: { ...view, namespace: undefined, scope: undefined, cursor: undefined }, namespace: null });
  },
  owner: (ctx) => {
    const obj = ctx.model.objects[cursorOf(ctx)];
    if (obj) applyDrill(ctx, ownerView(ctx.session, obj));
  },
  sortNext: (ctx) => {
    const view = currentView(ctx.state);
    if (view.type === 'resources') sortBy(ctx, ((view.sort?.column ?? 0) + 1) % Math.max(1, ctx.model.headers.length));
  },
  sortReverse: (ctx) => sortBy(ctx, 0, true),
  sortName: (ctx) => sortBy(ctx, ctx.model.headers.indexOf('NAME')),
  sortAge: (ctx) => sortBy(ctx, ctx.model.headers.findIndex((h) => h === 'AGE' || h === 'LAST SEEN')),
  sortStatus: (ctx) => sortBy(ctx, ctx.model.headers.findIndex((h) => h === 'STATUS' || h === 'READY' || h === 'TYPE')),
};

function submitCommand(ctx: KeyContext, text: string): void {
  const cmd = parseCommandLine(text, ctx.session.discovery);
  if (cmd.type === 'error') return void ctx.dispatch({ type: 'promptError', error: cmd.message });
  ctx.dispatch({ type: 'closePrompt', submitted: text.trim() });
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
  const namespace = cmd.namespaced ? (cmd.namespace === 'all' ? undefined : (cmd.namespace ?? ctx.state.namespace)) : undefined;
  ctx.dispatch({ type: 'replaceRoot', view: { type: 'resources', resource: cmd.resource, namespace, title: cmd.title, filter: '' }, namespace: cmd.namespaced && cmd.namespace ? (namespace ?? null) : undefined });
}

function promptKey(ctx: KeyContext, token: KeyToken): void {
  const { name, input, ctrl } = token;
  const p = ctx.state.prompt!;
  if (name === 'escape') {
    if (p.mode === 'filter') ctx.dispatch({ type: 'applyFilter', filter: '' });
    return void ctx.dispatch({ type: 'closePrompt' });
  }
  if (p.mode === 'scale') return scaleKey(ctx, token);
  if (p.mode === 'search') return searchKey(ctx, token);
  if (name === 'enter') {
    if (p.mode === 'command') return submitCommand(ctx, p.text);
    if (p.error) return;
    ctx.dispatch({ type: 'applyFilter', filter: p.text });
    return void ctx.dispatch({ type: 'closePrompt' });
  }
  if (name === 'up' || name === 'down') return void ctx.dispatch({ type: 'promptHistory', step: name === 'up' ? 1 : -1 });
  if (name === 'tab' && p.mode === 'command') return void ctx.dispatch({ type: 'promptText', text: completeCommandLine(p.text, ctx.session.discovery) });
  let text = p.text;
  if (name === 'backspace') text = text.slice(0, -1);
  else if (input && !ctrl && !/[\u0000-\u001f]/.test(input)) text += input;
  else return;
  if (p.mode === 'command') return void ctx.dispatch({ type: 'promptText', text });
  // Filters apply as you type; an invalid one is shown in the prompt and the previous filter stays.
  try {
    compileFilter(text);
    ctx.dispatch({ type: 'promptText', text });
    ctx.dispatch({ type: 'applyFilter', filter: text });
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    ctx.dispatch({ type: 'promptText', text, error: e.message });
  }
}

/** The pane's search prompt: Enter searches and goes to the first match from where the pane is. */
function searchKey(ctx: KeyContext, { name, input, ctrl }: KeyToken): void {
  const p = ctx.state.prompt!;
  if (name === 'enter') {
    ctx.dispatch({ type: 'closePrompt' });
    ctx.dispatch({ type: 'pane', options: { search: p.text } });
    const to = nextMatch(matchingLines(ctx.paneLines, searchPattern(p.text)), ctx.state.detailScroll - 1, true);
    if (to !== undefined) ctx.dispatch({ type: 'scrollDetail', to });
    return;
  }
  if (name === 'backspace') return void ctx.dispatch({ type: 'promptText', text: p.text.slice(0, -1) });
  if (input && !ctrl && !/[\u0000-\u001f]/.test(input)) ctx.dispatch({ type: 'promptText', text: p.text + input });
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
  if (name === 'backspace') return void ctx.dispatch({ type: 'promptText', text: p.text.slice(0, -1) });
  if (/^\d$/.test(input)) ctx.dispatch({ type: 'promptText', text: p.text + input });
}

function handleKey(ctx: KeyContext, token: KeyToken): void {
  const { name } = token;
  if (name === 'ctrl+c') return ctx.exit();
  if (ctx.state.confirm) {
    const command = commandFor(name, ['dialog']);
    if (command) COMMANDS[command](ctx);
    return;
  }
  if (ctx.state.picker) {
    if (name === 'escape') ctx.dispatch({ type: 'picker', picker: undefined });
    return;
  }
  if (ctx.state.help) {
    if (name === 'escape' || name === '?' || name === 'q') ctx.dispatch({ type: 'help', open: false });
    const step = { j: 1, down: 1, k: -1, up: -1, pagedown: 10, pageup: -10, g: -1000, G: 1000 }[name];
    if (step) ctx.dispatch({ type: 'help', open: true, scroll: step });
    return;
  }
  if (ctx.state.prompt) return promptKey(ctx, token);
  const command = commandFor(name, activeScopes(ctx.state));
  if (command) COMMANDS[command](ctx);
}

/** Routes keys by priority: dialogs, then the prompt, then the focused view, then global keys. */
export function useKeys(ctx: KeyContext): void {
  // Keys can arrive before React has rendered the previous one's state: each key must see the
  // state the previous key left, so the dispatcher keeps it here as well as in the reducer.
  const latest = useRef(ctx.state);
  latest.current = ctx.state;
  // Likewise the rows: Ink may call the handler of the previous render before effects update it.
  const current = useRef(ctx);
  current.current = ctx;
  useInput((input, key) => {
    const now = current.current;
    const local: KeyContext = {
      ...now,
      dispatch: (a: UiAction) => {
        latest.current = uiReducer(latest.current, a);
        now.dispatch(a);
      },
    };
    Object.defineProperty(local, 'state', { get: () => latest.current });
    for (const token of keyTokens(input, key)) handleKey(local, token);
  });
}
