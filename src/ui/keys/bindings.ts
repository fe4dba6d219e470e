/** What a key does; components act on commands, never on raw keys. */
export type Command =
  | 'quit'
  | 'help'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'enter'
  | 'back'
  | 'commandMode'
  | 'filterMode'
  | 'yaml'
  | 'describe'
  | 'events'
  | 'logs'
  | 'focusNext'
  | 'zoom'
  | 'allNamespaces'
  | 'owner'
  | 'routesTo'
  | 'warningsOnly'
  | 'rollout'
  | 'restart'
  | 'scale'
  | 'pause'
  | 'undo'
  | 'deleteObject'
  | 'confirm'
  | 'cancel'
  | 'paneSearch'
  | 'searchNext'
  | 'searchPrev'
  | 'managedFields'
  | 'decode'
  | 'wrap'
  | 'savePane'
  | 'copyPane'
  | 'previousLogs'
  | 'timestamps'
  | 'since'
  | 'follow'
  | 'filterLines'
  | 'jsonCompact'
  | 'allContainers'
  | 'sortNext'
  | 'sortName'
  | 'sortAge'
  | 'sortStatus'
  | 'sortReady'
  | 'sortRestarts'
  | 'sortIp'
  | 'sortNode'
  | 'sortCpu'
  | 'sortMemory'
  | 'showNode'
  | 'logsPrevious'
  | 'edit'
  | 'kill'
  | 'cordon'
  | 'uncordon'
  | 'drain'
  | 'propagation'
  | 'shell'
  | 'attach'
  | 'portForward'
  | 'nextContainer'
  | 'stopForward'
  | 'probe'
  | 'plugin'
  | 'hotkey';

/** Where a binding applies, in dispatch order: dialogs, then prompts, then the focused view, then everywhere. */
export type Scope = 'dialog' | 'prompt' | 'table' | 'detail' | 'global';

/**
 * The focused view a key lands in: a table by its resource's plural (`pods`, `deployments`, a CRD's plural...),
 * kdrill's own tables (`containers`, `routes`, `route`, `rollout`, `diff`), or a pane (`logs pane`, `yaml pane`...).
 */
export type ViewName = string;

/** One binding: a command, the keys that trigger it, and what the help screen says. */
export interface Binding {
  command: Command;
  keys: readonly string[];
  description: string;
  scope: Scope;
  /** Shown in the footer hints of its scope. */
  hint?: boolean;
  /** Only in these views (unset: every view of its scope). */
  views?: readonly ViewName[];
  /** Never in these views. */
  notIn?: readonly ViewName[];
  /** The footer's word for it (default: the description up to its first comma or parenthesis). */
  short?: string;
  /** A binding from the user's k9s files: the plugin's or hotkey's name. */
  user?: string;
}

type Unscoped = Omit<Binding, 'scope'>;

/** The tables of workloads that roll out, and what kdrill's rollout keys act on. */
export const WORKLOAD_VIEWS: readonly ViewName[] = ['deployments', 'statefulsets', 'daemonsets'];
// kdrill's own tables, whose rows are not one kind of object.
const OWN_VIEWS: readonly ViewName[] = ['containers', 'routes', 'route', 'diff', 'portforwards'];

// Moving and switching panes work the same in the table and in the detail pane.
const SHARED: readonly Unscoped[] = [
  { command: 'up', keys: ['k', 'up'], description: 'up' },
  { command: 'down', keys: ['j', 'down'], description: 'down' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], description: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], description: 'page down' },
  { command: 'top', keys: ['g', 'home'], description: 'top' },
  { command: 'bottom', keys: ['G', 'end'], description: 'bottom' },
  { command: 'yaml', keys: ['y'], description: 'YAML pane', hint: true, short: 'yaml' },
  { command: 'describe', keys: ['d'], description: 'describe pane', hint: true, short: 'describe' },
  { command: 'logs', keys: ['l'], description: 'logs pane', hint: true, short: 'logs' },
  { command: 'events', keys: ['E'], description: 'events pane', hint: true, short: 'events' },
];

const scoped = (scope: Scope, list: readonly Unscoped[]): Binding[] => list.map((b) => ({ ...b, scope }));

/**
 * The one table of key bindings: it drives dispatch, the footer hints, the `?` help screen and the README's key table.
 * Where k9s binds a key in a view, the binding here does the same or nothing (test/ui/keys/k9s-keys.test.ts).
 * In each scope, the view's own keys come first: the footer shows them first.
 */
export const BINDINGS: readonly Binding[] = [
  ...scoped('dialog', [
    // Only y: an Enter typed ahead (a double Enter after a scale prompt) must never confirm a write.
    { command: 'confirm', keys: ['y'], description: 'go ahead', hint: true },
    { command: 'cancel', keys: ['n', 'escape'], description: 'cancel', hint: true },
    { command: 'propagation', keys: ['p'], description: 'delete: propagation background, foreground or orphan (as k9s)', views: ['delete question'], short: 'propagation' },
    { command: 'nextContainer', keys: ['c'], description: 'shell, attach: another container of the pod', views: ['shell question', 'attach question'], short: 'container' },
  ]),
  ...scoped('global', [
    { command: 'help', keys: ['?'], description: 'help', hint: true },
    { command: 'commandMode', keys: [':'], description: 'command: a kind (po, deploy, svc...), routes, trace HOST, rollout (of the row under the cursor), ns, ctx', hint: true, short: 'command' },
    { command: 'filterMode', keys: ['/'], description: 'filter: regex, -l label selector, ! to invert', hint: true, short: 'filter' },
    { command: 'back', keys: ['escape'], description: 'back (or close the pane)', hint: true },
    { command: 'quit', keys: ['q'], description: 'quit', hint: true },
    { command: 'quit', keys: ['ctrl+c'], description: 'quit (always)' },
    { command: 'allNamespaces', keys: ['0'], description: 'all namespaces' },
    { command: 'focusNext', keys: ['tab'], description: 'switch focus between table and pane', short: 'focus pane' },
  ]),
  // Listed after the table's own keys: the help screen shows these first.
  ...scoped('table', [
    // Nodes, as k9s: cordon, uncordon, drain.
    { command: 'cordon', keys: ['c'], description: 'cordon the node (asks first)', hint: true, views: ['nodes'], short: 'cordon' },
    { command: 'uncordon', keys: ['u'], description: 'uncordon the node (asks first)', hint: true, views: ['nodes'], short: 'uncordon' },
    { command: 'drain', keys: ['r'], description: 'drain the node: evict its pods, honouring PodDisruptionBudgets (asks first)', hint: true, views: ['nodes'], short: 'drain' },
    // Workloads, as k9s: restart, scale; kdrill's pause and undo on keys k9s leaves free there.
    { command: 'rollout', keys: ['o'], description: 'rollout of this deployment, statefulset or daemonset (live)', hint: true, views: [...WORKLOAD_VIEWS, 'replicasets', 'services', 'route'], short: 'rollout' },
    { command: 'restart', keys: ['r'], description: 'restart a workload (asks first)', hint: true, views: [...WORKLOAD_VIEWS, 'rollout'], short: 'restart' },
    { command: 'scale', keys: ['s'], description: 'scale a deployment or statefulset (asks first)', hint: true, views: ['deployments', 'statefulsets', 'rollout'], short: 'scale' },
    { command: 'pause', keys: ['P'], description: 'pause or resume a deployment (asks first)', views: ['deployments', 'rollout'], short: 'pause' },
    { command: 'undo', keys: ['U'], description: 'undo to the revision under the cursor, or the previous one (asks first)', views: ['replicasets', 'rollout'], short: 'undo' },
    { command: 'undo', keys: ['ctrl+l'], description: 'roll back to this replica set\'s revision (asks first)', views: ['replicasets'], short: 'rollback' },
    // Pods, as k9s: o shows the node, p the previous logs, Ctrl-K kills.
    { command: 'probe', keys: ['P'], description: 'probe the route: one request per hop, innermost first (asks first, says what goes where)', hint: true, views: ['routes', 'route'], short: 'probe' },
    { command: 'routesTo', keys: ['r'], description: 'traffic: the hosts and paths that route to this pod or service', hint: true, views: ['pods', 'services'], short: 'traffic' },
    { command: 'showNode', keys: ['o'], description: 'the node this pod runs on', views: ['pods'], short: 'node' },
    { command: 'logsPrevious', keys: ['p'], description: 'logs of the previous (crashed) container instance', views: ['pods', 'containers'], short: 'previous logs' },
    { command: 'kill', keys: ['ctrl+k'], description: 'kill a pod: delete it now, grace period 0 (asks first)', views: ['pods'], short: 'kill' },
    { command: 'shell', keys: ['s'], description: 'shell in the container (bash, else sh; asks first; exit returns here)', hint: true, views: ['pods', 'containers'], short: 'shell' },
    { command: 'attach', keys: ['a'], description: 'attach to the container\'s main process (asks first; Ctrl-P Ctrl-Q detaches)', views: ['pods', 'containers'], short: 'attach' },
    { command: 'portForward', keys: ['F'], description: 'port-forward to a port of the pod or service, in the background (:pf lists them)', hint: true, views: ['pods', 'containers', 'services'], short: 'port-forward' },
    { command: 'stopForward', keys: ['ctrl+d'], description: 'stop the port-forward', hint: true, views: ['portforwards'], short: 'stop' },
    { command: 'enter', keys: ['enter'], description: 'drill down', hint: true },
    ...SHARED,
    { command: 'edit', keys: ['e'], description: 'edit the object in $KUBE_EDITOR / $EDITOR (as kubectl edit)', hint: true, notIn: OWN_VIEWS, short: 'edit' },
    { command: 'deleteObject', keys: ['ctrl+d'], description: 'delete the object (asks first; propagation background, foreground or orphan)', hint: true, notIn: OWN_VIEWS, short: 'delete' },
    { command: 'owner', keys: ['J'], description: 'jump to owner (on an event: Enter jumps to its object)', short: 'owner' },
    { command: 'warningsOnly', keys: ['W'], description: 'events: only warnings (again: all)', views: ['events'], short: 'warnings' },
    { command: 'sortName', keys: ['N'], description: 'sort by name (again: reverse)' },
    { command: 'sortAge', keys: ['A'], description: 'sort by age (again: reverse)' },
    { command: 'sortStatus', keys: ['S'], description: 'sort by status (again: reverse)' },
    { command: 'sortReady', keys: ['R'], description: 'sort by ready (again: reverse)', views: ['pods', ...WORKLOAD_VIEWS, 'replicasets'] },
    { command: 'sortRestarts', keys: ['T'], description: 'sort by restarts (again: reverse)', views: ['pods', 'containers'] },
    { command: 'sortIp', keys: ['I'], description: 'sort by IP (again: reverse)', views: ['pods'] },
    { command: 'sortNode', keys: ['O'], description: 'sort by node (again: reverse)', views: ['pods'] },
    { command: 'sortNext', keys: ['O'], description: 'sort by the next column (again: reverse)', notIn: ['pods'] },
    { command: 'sortCpu', keys: ['C'], description: 'sort by CPU, busiest first (metrics.k8s.io)', views: ['pods', 'nodes'] },
    { command: 'sortMemory', keys: ['M'], description: 'sort by memory, biggest first (metrics.k8s.io)', views: ['pods', 'nodes'] },
  ]),
  ...scoped('detail', [
    ...SHARED.map((b) => ({ ...b, hint: false })),
    { command: 'zoom', keys: ['f', 'z'], description: 'zoom the pane (full screen)', hint: true, short: 'zoom' },
    { command: 'paneSearch', keys: ['/'], description: 'search the pane', hint: true, short: 'search' },
    { command: 'searchNext', keys: ['n'], description: 'next match' },
    { command: 'searchPrev', keys: ['N'], description: 'previous match' },
    { command: 'wrap', keys: ['w'], description: 'wrap long lines', hint: true, short: 'wrap' },
    { command: 'savePane', keys: ['ctrl+s'], description: 'save the pane to ./KIND-NAMESPACE-NAME.yaml (or .log)', hint: true, short: 'save' },
    { command: 'copyPane', keys: ['c'], description: 'copy the pane to the clipboard (OSC 52: over SSH and tmux)', short: 'copy' },
    { command: 'managedFields', keys: ['m'], description: 'YAML: show or hide managedFields and last-applied-configuration (until the cursor moves)', views: ['yaml pane'], short: 'managedFields' },
    { command: 'decode', keys: ['x'], description: 'YAML: decode a Secret\'s values (until the cursor moves)', views: ['yaml pane'], short: 'decode' },
    { command: 'previousLogs', keys: ['p'], description: 'logs: the previous (crashed) container instance (this pod only, until the cursor moves)', views: ['logs pane'], short: 'previous' },
    { command: 'timestamps', keys: ['t'], description: 'logs: show timestamps', views: ['logs pane'], short: 'timestamps' },
    { command: 'since', keys: ['0', '2', '3', '4', '5', '6'], description: 'logs: the last lines (0), or since 1m, 5m, 15m, 30m, 1h (2-6, as k9s; kept for every log)', views: ['logs pane'], short: 'since' },
    { command: 'follow', keys: ['s'], description: 'logs: follow new lines on or off (k9s\'s autoscroll)', views: ['logs pane'], short: 'autoscroll' },
    { command: 'filterLines', keys: ['F'], description: 'show only the lines the search matches', short: 'only matches' },
    { command: 'jsonCompact', keys: ['J'], description: 'logs: JSON lines as level, message, fields (kept for every log)', views: ['logs pane'], short: 'json' },
    { command: 'allContainers', keys: ['a'], description: 'logs: all containers of the pod (this pod only, until the cursor moves)', views: ['logs pane'], short: 'all containers' },
  ]),
];

let userFirst: readonly Binding[] = [];
let userLast: readonly Binding[] = [];

/**
 * Adds the user's k9s hotkeys and plugins to the table: `first` come before kdrill's own bindings (k9s
 * `override: true`), `last` after them (kdrill's key wins where both bind it).
 */
export function setUserBindings(first: readonly Binding[], last: readonly Binding[]): void {
  userFirst = first;
  userLast = last;
}

/** kdrill's bindings with the user's k9s ones, in dispatch order. */
export function allBindings(): readonly Binding[] {
  return userFirst.length || userLast.length ? [...userFirst, ...BINDINGS, ...userLast] : BINDINGS;
}

/** Whether a binding applies in a view (no view given: only bindings that apply everywhere). */
export function appliesIn(b: Binding, view: ViewName | undefined): boolean {
  if (view === undefined) return !b.views && !b.notIn;
  return (!b.views || b.views.includes(view)) && !b.notIn?.includes(view);
}

/** The binding a key triggers in the given scopes (searched in order) and the focused view. */
export function bindingFor(key: string, scopes: readonly Scope[], view?: ViewName): Binding | undefined {
  for (const scope of scopes) {
    const b = allBindings().find((x) => x.scope === scope && x.keys.includes(key) && appliesIn(x, view));
    if (b) return b;
  }
  return undefined;
}

/** The command a key triggers in the given scopes (searched in order) and the focused view. */
export function commandFor(key: string, scopes: readonly Scope[], view?: ViewName): Command | undefined {
  return bindingFor(key, scopes, view)?.command;
}

/** How a key is written for people: `Ctrl-D`, `Shift-F` for `F`... as the README and k9s write them. */
export function keyLabel(key: string): string {
  if (key.startsWith('ctrl+')) return `Ctrl-${key.length === 6 ? key.slice(5).toUpperCase() : key[5].toUpperCase() + key.slice(6)}`;
  if (/^[A-Z]$/.test(key)) return `Shift-${key}`;
  const named: Record<string, string> = { enter: 'Enter', escape: 'Esc', tab: 'Tab', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End', up: 'Up', down: 'Down' };
  return named[key] ?? key;
}

// Short, as k9s's menu writes them: ctrl-d, esc.
const footerKey = (key: string) => (key === 'escape' ? 'esc' : key.replace('ctrl+', 'ctrl-'));

/** The footer's word for a binding. */
export const shortOf = (b: Binding): string => b.short ?? b.description.split(/[,(:]/)[0].trim();

/**
 * Footer hints for the focused view, most useful first (the view's own keys, then the scope's, then the
 * global ones; hinted before the rest), as many as fit in `width` columns.
 */
export function hintsFor(scopes: readonly Scope[], view?: ViewName, width = Infinity): string[] {
  const live = allBindings().filter((b) => scopes.includes(b.scope) && appliesIn(b, view) && !['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom'].includes(b.command));
  // The first binding of each key wins (as dispatch does), and each command is named once.
  const taken = new Set<string>();
  const seen = new Set<string>();
  const order = (b: Binding) => (b.hint ? 0 : 3) + (b.views ? 0 : b.scope === 'global' ? 2 : 1);
  const hints: string[] = [];
  // `? help` always shows, last: everything else is one key away from it.
  const help = live.some((b) => b.command === 'help') ? '? help' : '';
  let used = help.length;
  for (const b of [...live].sort((a, c) => order(a) - order(c) || scopes.indexOf(a.scope) - scopes.indexOf(c.scope))) {
    const key = b.keys.find((k) => !taken.has(k));
    if (!key || seen.has(b.command)) continue;
    b.keys.forEach((k) => taken.add(k));
    seen.add(b.command);
    if (b.command === 'help') continue;
    const text = `${footerKey(key)} ${shortOf(b)}`;
    if (used + text.length + 2 > width) continue;
    used += text.length + 2;
    hints.push(text);
  }
  return help ? [...hints, help] : hints;
}
