import { useInput } from 'ink';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { drill, drillRollout, drillRoute, ownerView, routesToView } from '../drill.js';
import { bindingFor, commandFor, keyLabel, type Command, type Scope } from '../keys/bindings.js';
import { handingOver, onHandOver } from '../hand-over.js';
import { applyDrill, cursorOf, focusedView, objectAt, type KeyContext } from '../keys/key-context.js';
import { keyTokens, type KeyToken } from '../keys/key-name.js';
import { isUrgent, nextStep } from '../keys/key-queue.js';
import { PANE_COMMANDS, scrollDetail } from '../keys/pane-commands.js';
import { promptKey } from '../keys/prompt-keys.js';
import { OBJECT_COMMANDS } from '../keys/object-commands.js';
import { POD_COMMANDS } from '../keys/pod-commands.js';
import { WORKLOAD_COMMANDS } from '../keys/workload-commands.js';
import { probeRoute } from '../keys/probe-commands.js';
import { K9S_COMMANDS } from '../keys/k9s-commands.js';
import type { UiStore } from '../state/ui-store.js';
import { currentView, routeView, type UiState } from '../state/ui-state.js';
import { noteInput } from './use-idle-work.js';

export type { KeyContext } from '../keys/key-context.js';

/** The scopes that receive keys now, in priority order after dialogs and prompts. */
export function activeScopes(s: UiState): Scope[] {
  if (s.confirm) return ['dialog'];
  return s.detail && s.focus === 'detail' ? ['detail', 'global'] : ['table', 'global'];
}

// Relative to the state when the reducer runs, so that keys arriving in one burst all count.
function moveCursor(ctx: KeyContext, delta: number | 'top' | 'bottom'): void {
  ctx.dispatch({ type: 'cursorBy', delta, keys: ctx.model.keys });
}

// Every table sorts: resources, a pod's containers, lists of routes (a traced route or a rollout is lines, not a table).
const SORTABLE = new Set(['resources', 'containers', 'routes']);

function sortBy(ctx: KeyContext, column: number | undefined, descendingFirst = false): void {
  const view = currentView(ctx.state);
  if (!SORTABLE.has(view.type) || ctx.model.headers.length < 2 || column === undefined || column < 0) return;
  // The same key again reverses the column in force, the kind's default one included (as k9s).
  const cur = ('sort' in view ? view.sort : undefined) ?? ctx.model.sort;
  const descending = cur?.column === column ? !cur.descending : descendingFirst;
  ctx.dispatch({ type: 'sort', sort: { column, descending } });
}

/** Sorts by the first of these columns the table has (again: reverse), or says the table has none. */
function sortColumn(ctx: KeyContext, key: string, headers: readonly string[], descendingFirst = false): void {
  // `headers` in order of preference: a pods table's Shift-S is STATUS, though READY comes first on screen.
  const column = headers.map((h) => ctx.model.headers.indexOf(h)).find((i) => i >= 0) ?? -1;
  if (column < 0) return void ctx.dispatch({ type: 'flash', text: `${keyLabel(key)}: no ${headers[0]} column in ${focusedView(ctx.state)}` });
  sortBy(ctx, column, descendingFirst);
}

// A cell that is exactly "Warning": the TYPE column of an events table.
const WARNINGS = '^Warning$';

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
    if (view.type === 'diff' || view.type === 'portforwards') return;
    const obj = ctx.model.objects[cursorOf(ctx)];
    if (!obj) return;
    if (view.type === 'containers') return void ctx.dispatch({ type: 'detail', mode: 'logs' });
    applyDrill(ctx, drill(ctx.session, view.resource, obj));
  },
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
    const column = ('sort' in view ? view.sort : undefined)?.column ?? ctx.model.sort?.column ?? 0;
    sortBy(ctx, (column + 1) % Math.max(1, ctx.model.headers.length));
  },
  sortName: (ctx) => sortColumn(ctx, 'N', ['NAME', 'HOST']),
  sortAge: (ctx) => sortColumn(ctx, 'A', ['AGE', 'LAST SEEN']),
  sortStatus: (ctx) => sortColumn(ctx, 'S', ['STATUS', 'HEALTH', 'STATE', 'READY', 'TYPE']),
  sortReady: (ctx) => sortColumn(ctx, 'R', ['READY']),
  sortRestarts: (ctx) => sortColumn(ctx, 'T', ['RESTARTS']),
  sortIp: (ctx) => sortColumn(ctx, 'I', ['IP']),
  sortNode: (ctx) => sortColumn(ctx, 'O', ['NODE']),
  // As k9s: usage sorts busiest first; without metrics.k8s.io the table has no such column and says so.
  sortCpu: (ctx) => sortColumn(ctx, 'C', ['CPU'], true),
  sortMemory: (ctx) => sortColumn(ctx, 'M', ['MEM'], true),
  ...WORKLOAD_COMMANDS,
  probe: probeRoute,
  ...K9S_COMMANDS,
  ...OBJECT_COMMANDS,
  ...POD_COMMANDS,
  ...PANE_COMMANDS,
};

const PROMPT_ALT_KEYS = new Set(['b', 'f']);
const PICKER_STEPS: Record<string, number> = { j: 1, down: 1, k: -1, up: -1, pagedown: 10, pageup: -10, g: -1e9, home: -1e9, G: 1e9, end: 1e9 };
// Letters move only until something is typed (and `/` starts typing, for names that begin with j, k or g).
const LETTER_STEPS = new Set(['j', 'k', 'g', 'G']);

/** A key in the `:ns` / `:ctx` picker: move, type to narrow (Backspace), choose with Enter, close with Escape. */
function pickerKey(ctx: KeyContext, token: KeyToken): void {
  const { name, input, ctrl } = token;
  const picker = ctx.picker;
  if (name === 'escape' || !picker) return void ctx.dispatch({ type: 'picker', picker: undefined });
  const at = Math.max(0, picker.items.indexOf(picker.cursor));
  if (name === 'enter') {
    // Nothing matches what was typed: there is nothing to choose, the picker stays.
    if (picker.items[at] === undefined) return;
    ctx.dispatch({ type: 'picker', picker: undefined });
    return picker.choose(picker.items[at]);
  }
  const typing = ctx.state.pickerFilter !== undefined;
  const step = typing && LETTER_STEPS.has(name) ? undefined : PICKER_STEPS[name];
  if (step) return void (picker.items.length && ctx.dispatch({ type: 'pickerCursor', value: picker.items[Math.max(0, Math.min(picker.items.length - 1, at + step))] }));
  const typed = ctx.state.pickerFilter ?? '';
  if (name === 'backspace') return void ctx.dispatch({ type: 'pickerFilter', value: typed.slice(0, -1) });
  if (name === '/' && !typing) return void ctx.dispatch({ type: 'pickerFilter', value: '' });
  if (input && !ctrl && !/[\u0000-\u001f]/.test(input)) ctx.dispatch({ type: 'pickerFilter', value: typed + input });
}

function handleKey(ctx: KeyContext, token: KeyToken): void {
  const { name } = token;
  if (name === 'ctrl+c') return ctx.exit();
  if (ctx.state.confirm) {
    // A question's own keys (p for a delete's propagation, c for a shell's container) apply to it only.
    const command = commandFor(name, ['dialog'], `${ctx.state.confirm.type} question`);
    if (command) COMMANDS[command](ctx);
    return;
  }
  if (ctx.state.picker) return pickerKey(ctx, token);
  if (ctx.state.help) {
    if (name === 'escape' || name === '?' || name === 'q') ctx.dispatch({ type: 'help', open: false });
    const step = { j: 1, down: 1, k: -1, up: -1, pagedown: 10, pageup: -10, g: -1000, G: 1000 }[name];
    if (step) ctx.dispatch({ type: 'help', open: true, scroll: step });
    return;
  }
  if (ctx.state.prompt) return promptKey(ctx, token);
  const view = focusedView(ctx.state);
  const binding = bindingFor(name, activeScopes(ctx.state), view);
  ctx.key = name;
  ctx.binding = binding;
  if (binding) return COMMANDS[binding.command](ctx);
  // A key bound elsewhere (or a k9s key kdrill leaves alone here) says so rather than failing silently.
  if (/^(ctrl\+[a-z]|[!-~])$/.test(name)) ctx.dispatch({ type: 'flash', text: `${keyLabel(name)}: nothing here in ${view}` });
}

/** What the dispatcher adds to the key context: the UI store, and whether the screen can take keys. */
export interface KeySource extends Omit<KeyContext, 'dispatch'> {
  store: UiStore;
  /** Why row keys cannot act: the view's list failed. */
  failed?: string;
  /** The terminal is too small: every key but q and Ctrl-C is ignored. */
  tooSmall: boolean;
  /** The pane shows the cache's slim object while the whole one is being read (save and copy wait). */
  paneLoading?: boolean;
}

/**
 * Routes keys by priority: dialogs, then the prompt, then the focused view, then global keys.
 * Keys are queued and each acts on the state every earlier key left, never on a screen that
 * has not caught up (see `nextStep`); returns what the queue waits for, for the footer.
 */
export function useKeys(source: KeySource): string | undefined {
  const queue = useRef<{ token: KeyToken; at: number }[]>([]);
  // Input events so far, and how many had arrived when the open question was first drawn.
  const inputs = useRef(0);
  const questionShownAt = useRef<number | undefined>(undefined);
  const current = useRef(source);
  current.current = source;
  const [waiting, setWaiting] = useState<string | undefined>();
  const waitingFor = useRef(waiting);
  waitingFor.current = waiting;
  const drain = () => {
    const now = current.current;
    const { store } = now;
    const ctx: KeyContext = { ...now, dispatch: store.dispatch };
    Object.defineProperty(ctx, 'state', { get: store.get });
    let wait: string | undefined;
    while (queue.current.length) {
      const { token, at } = queue.current[0];
      const shown = questionShownAt.current;
      const step = nextStep(token, { state: store.get(), rendered: now.state === store.get(), loading: now.model.loading, failed: now.failed, tooSmall: now.tooSmall, typedBeforeQuestion: shown === undefined || at <= shown, paneLoading: now.paneLoading });
      if (step === 'wait-render') break;
      if (step === 'wait-pane') {
        wait = `waiting for the pane's whole object (${queue.current.length} key${queue.current.length === 1 ? '' : 's'} typed ahead; Esc drops them)`;
        break;
      }
      if (step === 'wait-rows') {
        wait = `waiting for ${currentView(store.get()).title || 'the rows'} to load (${queue.current.length} key${queue.current.length === 1 ? '' : 's'} typed ahead; Esc drops them)`;
        break;
      }
      queue.current.shift();
      if (step === 'drop') continue;
      if (typeof step === 'object') {
        store.dispatch({ type: 'flash', text: step.drop, level: 'error' });
        continue;
      }
      // In a prompt, ESC read together with b or f is Alt-B or Alt-F (a word back or forward), not Escape then a letter.
      const next = queue.current[0]?.token;
      if (token.alt !== undefined && PROMPT_ALT_KEYS.has(token.alt) && store.get().prompt && next?.name === token.alt) {
        queue.current.shift();
        handleKey(ctx, { name: `alt+${token.alt}`, input: '', ctrl: false });
        continue;
      }
      handleKey(ctx, token);
    }
    setWaiting(wait);
  };
  // Each commit that shows a question marks how many inputs had arrived when it was drawn.
  useLayoutEffect(() => {
    questionShownAt.current = source.state.confirm ? (questionShownAt.current ?? inputs.current) : undefined;
  });
  // After every render: the keys that waited for this screen go on.
  useEffect(drain);
  // Keys typed ahead of a hand-over (a shell, an editor) were meant for the screen that is going: dropped.
  useEffect(() => onHandOver(() => void (queue.current = [])), []);
  useInput((input, key) => {
    // While the terminal is handed over, keys are the other program's, never kdrill's.
    if (handingOver()) return;
    noteInput();
    const now = current.current;
    const at = ++inputs.current;
    for (const token of keyTokens(input, key)) {
      if (isUrgent(token, now.tooSmall)) {
        queue.current = [];
        return now.exit();
      }
      // Escape while keys wait for a list drops them, and does nothing else.
      if (token.name === 'escape' && waitingFor.current) {
        queue.current = [];
        continue;
      }
      queue.current.push({ token, at });
    }
    drain();
  });
  return waiting;
}
