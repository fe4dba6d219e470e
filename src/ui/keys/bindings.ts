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
  | 'filterLines'
  | 'jsonCompact'
  | 'allContainers'
  | 'sortNext'
  | 'sortReverse'
  | 'sortName'
  | 'sortAge'
  | 'sortStatus'
  | 'sortCpu'
  | 'sortMem';

/** Where a binding applies, in dispatch order: dialogs, then prompts, then the focused view, then everywhere. */
export type Scope = 'dialog' | 'prompt' | 'table' | 'detail' | 'global';

/** One binding: a command, the keys that trigger it, and what the help screen says. */
export interface Binding {
  command: Command;
  keys: readonly string[];
  description: string;
  scope: Scope;
  /** Shown in the footer hints of its scope. */
  hint?: boolean;
}

type Unscoped = Omit<Binding, 'scope'>;

// Moving and switching panes work the same in the table and in the detail pane.
const SHARED: readonly Unscoped[] = [
  { command: 'up', keys: ['k', 'up'], description: 'up' },
  { command: 'down', keys: ['j', 'down'], description: 'down' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], description: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], description: 'page down' },
  { command: 'top', keys: ['g', 'home'], description: 'top' },
  { command: 'bottom', keys: ['G', 'end'], description: 'bottom' },
  { command: 'yaml', keys: ['y'], description: 'YAML pane', hint: true },
  { command: 'describe', keys: ['d'], description: 'describe pane', hint: true },
  { command: 'events', keys: ['e'], description: 'events pane', hint: true },
  { command: 'logs', keys: ['l'], description: 'logs pane' },
];

const scoped = (scope: Scope, list: readonly Unscoped[]): Binding[] => list.map((b) => ({ ...b, scope }));

/** The one table of key bindings: it drives dispatch, the footer hints and the `?` help screen. */
export const BINDINGS: readonly Binding[] = [
  ...scoped('dialog', [
    // Only y: an Enter typed ahead (a double Enter after a scale prompt) must never confirm a write.
    { command: 'confirm', keys: ['y'], description: 'go ahead', hint: true },
    { command: 'cancel', keys: ['n', 'escape'], description: 'cancel', hint: true },
  ]),
  ...scoped('global', [
    { command: 'quit', keys: ['q'], description: 'quit', hint: true },
    { command: 'quit', keys: ['ctrl+c'], description: 'quit (always)' },
    { command: 'help', keys: ['?'], description: 'help', hint: true },
    { command: 'commandMode', keys: [':'], description: 'command: a kind (po, deploy, svc...), routes, trace HOST, ns, ctx', hint: true },
    { command: 'filterMode', keys: ['/'], description: 'filter: regex, -l label selector, ! to invert', hint: true },
    { command: 'allNamespaces', keys: ['0'], description: 'all namespaces' },
    { command: 'back', keys: ['escape'], description: 'back (or close the pane)', hint: true },
    { command: 'focusNext', keys: ['tab'], description: 'switch focus between table and pane' },
  ]),
  // Listed after the table's own keys: the help screen shows these first.
  ...scoped('table', [
    { command: 'enter', keys: ['enter'], description: 'drill down', hint: true },
    { command: 'owner', keys: ['J'], description: 'jump to owner (on an event: Enter jumps to its object)' },
    { command: 'warningsOnly', keys: ['W'], description: 'events: only warnings (again: all)' },
    { command: 'routesTo', keys: ['t'], description: 'traffic: the hosts and paths that route to this pod or service' },
    { command: 'rollout', keys: ['R'], description: 'rollout of this deployment, statefulset or daemonset (live)', hint: true },
    { command: 'restart', keys: ['r'], description: 'restart a workload (asks first)' },
    { command: 'scale', keys: ['s'], description: 'scale a workload (asks first)' },
    { command: 'pause', keys: ['p'], description: 'pause or resume a deployment (asks first)' },
    { command: 'undo', keys: ['U'], description: 'undo to the revision under the cursor, or the previous one (asks first)' },
    { command: 'deleteObject', keys: ['ctrl+d'], description: 'delete a pod (asks first)' },
    { command: 'sortName', keys: ['N'], description: 'sort by name' },
    { command: 'sortAge', keys: ['A'], description: 'sort by age' },
    { command: 'sortStatus', keys: ['S'], description: 'sort by status' },
    { command: 'sortCpu', keys: ['C'], description: 'sort by CPU, busiest first (pods, containers, nodes; when metrics.k8s.io is served)' },
    { command: 'sortMem', keys: ['M'], description: 'sort by memory, biggest first (pods, containers, nodes; when metrics.k8s.io is served)' },
    { command: 'sortNext', keys: ['o'], description: 'sort by the next column' },
    { command: 'sortReverse', keys: ['O'], description: 'reverse the sort' },
    ...SHARED,
  ]),
  ...scoped('detail', [
    ...SHARED.map((b) => ({ ...b, hint: false })),
    { command: 'zoom', keys: ['z'], description: 'zoom the pane', hint: true },
    { command: 'paneSearch', keys: ['/'], description: 'search the pane', hint: true },
    { command: 'searchNext', keys: ['n'], description: 'next match' },
    { command: 'searchPrev', keys: ['N'], description: 'previous match' },
    { command: 'wrap', keys: ['w'], description: 'wrap long lines', hint: true },
    { command: 'savePane', keys: ['ctrl+s'], description: 'save the pane to ./KIND-NAMESPACE-NAME.yaml (or .log)', hint: true },
    { command: 'copyPane', keys: ['c'], description: 'copy the pane to the clipboard (OSC 52: over SSH and tmux)' },
    { command: 'managedFields', keys: ['m'], description: 'YAML: show or hide managedFields and last-applied-configuration (until the cursor moves)' },
    { command: 'decode', keys: ['x'], description: 'YAML: decode a Secret\'s values (until the cursor moves)' },
    { command: 'previousLogs', keys: ['p'], description: 'logs: the previous (crashed) container instance (this pod only, until the cursor moves)' },
    { command: 'timestamps', keys: ['t'], description: 'logs: show timestamps' },
    { command: 'since', keys: ['s'], description: 'logs: since 1m, 5m, 15m, 1h, or the last lines (kept for every log)' },
    { command: 'filterLines', keys: ['f'], description: 'show only the lines the search matches' },
    { command: 'jsonCompact', keys: ['J'], description: 'logs: JSON lines as level, message, fields (kept for every log)' },
    { command: 'allContainers', keys: ['a'], description: 'logs: all containers of the pod (this pod only, until the cursor moves)' },
  ]),
];

/** The command a key triggers in the given scopes (searched in order). */
export function commandFor(key: string, scopes: readonly Scope[]): Command | undefined {
  for (const scope of scopes) {
    const b = BINDINGS.find((x) => x.scope === scope && x.keys.includes(key));
    if (b) return b.command;
  }
  return undefined;
}

/** Footer hints for the active scopes: `key description` pairs. */
export function hintsFor(scopes: readonly Scope[]): string[] {
  return BINDINGS.filter((b) => b.hint && scopes.includes(b.scope)).map((b) => `${b.keys[0]} ${b.description}`);
}
