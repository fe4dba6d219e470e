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
  | 'sortNext'
  | 'sortReverse'
  | 'sortName'
  | 'sortAge'
  | 'sortStatus';

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

/** The one table of key bindings: it drives dispatch, the footer hints and the `?` help screen. */
export const BINDINGS: readonly Binding[] = [
  { command: 'quit', keys: ['q'], description: 'quit', scope: 'global', hint: true },
  { command: 'quit', keys: ['ctrl+c'], description: 'quit (always)', scope: 'global' },
  { command: 'help', keys: ['?'], description: 'help', scope: 'global', hint: true },
  { command: 'commandMode', keys: [':'], description: 'command: a kind (po, deploy, svc...), ns, ctx', scope: 'global', hint: true },
  { command: 'filterMode', keys: ['/'], description: 'filter: regex, -l label selector, ! to invert', scope: 'global', hint: true },
  { command: 'allNamespaces', keys: ['0'], description: 'all namespaces', scope: 'global' },
  { command: 'back', keys: ['escape'], description: 'back (or close the pane)', scope: 'global', hint: true },
  { command: 'focusNext', keys: ['tab'], description: 'switch focus between table and pane', scope: 'global' },
  { command: 'up', keys: ['k', 'up'], description: 'up', scope: 'table' },
  { command: 'down', keys: ['j', 'down'], description: 'down', scope: 'table' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], description: 'page up', scope: 'table' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], description: 'page down', scope: 'table' },
  { command: 'top', keys: ['g', 'home'], description: 'first row', scope: 'table' },
  { command: 'bottom', keys: ['G', 'end'], description: 'last row', scope: 'table' },
  { command: 'enter', keys: ['enter'], description: 'drill down', scope: 'table', hint: true },
  { command: 'owner', keys: ['J'], description: 'jump to owner', scope: 'table' },
  { command: 'yaml', keys: ['y'], description: 'YAML pane', scope: 'table', hint: true },
  { command: 'describe', keys: ['d'], description: 'describe pane', scope: 'table', hint: true },
  { command: 'events', keys: ['e'], description: 'events pane', scope: 'table', hint: true },
  { command: 'logs', keys: ['l'], description: 'logs pane', scope: 'table' },
  { command: 'sortName', keys: ['N'], description: 'sort by name', scope: 'table' },
  { command: 'sortAge', keys: ['A'], description: 'sort by age', scope: 'table' },
  { command: 'sortStatus', keys: ['S'], description: 'sort by status', scope: 'table' },
  { command: 'sortNext', keys: ['o'], description: 'sort by the next column', scope: 'table' },
  { command: 'sortReverse', keys: ['O'], description: 'reverse the sort', scope: 'table' },
  { command: 'up', keys: ['k', 'up'], description: 'scroll up', scope: 'detail' },
  { command: 'down', keys: ['j', 'down'], description: 'scroll down', scope: 'detail' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], description: 'page up', scope: 'detail' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], description: 'page down', scope: 'detail' },
  { command: 'top', keys: ['g', 'home'], description: 'top', scope: 'detail' },
  { command: 'bottom', keys: ['G', 'end'], description: 'bottom', scope: 'detail' },
  { command: 'zoom', keys: ['z'], description: 'zoom the pane', scope: 'detail', hint: true },
  { command: 'yaml', keys: ['y'], description: 'YAML', scope: 'detail' },
  { command: 'describe', keys: ['d'], description: 'describe', scope: 'detail' },
  { command: 'events', keys: ['e'], description: 'events', scope: 'detail' },
  { command: 'logs', keys: ['l'], description: 'logs', scope: 'detail' },
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
