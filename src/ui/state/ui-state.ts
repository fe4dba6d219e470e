import type { ProbeRun } from '../../model/probe/probe-verdict.js';
import type { SortSpec } from '../../model/view/table-rows.js';

/** What a drilled-down table is limited to. */
export type Scope =
  | { kind: 'selector'; selector: string }
  | { kind: 'node'; node: string }
  | { kind: 'owner'; uid: string }
  | { kind: 'names'; names: string[] };

/** A table of one kind of resource, perhaps limited by a drill-down. */
export interface ResourceView {
  type: 'resources';
  resource: string;
  /** undefined: all namespaces. */
  namespace: string | undefined;
  title: string;
  scope?: Scope;
  cursor?: string;
  filter: string;
  sort?: SortSpec;
}

/** The containers of one pod. */
export interface ContainersView {
  type: 'containers';
  namespace: string;
  pod: string;
  title: string;
  cursor?: string;
  filter: string;
  sort?: SortSpec;
}

/** Every host of every Ingress (`:routes`), or the hosts and paths that reach one object (`r`). */
export interface RoutesView {
  type: 'routes';
  title: string;
  /** undefined: all namespaces. */
  namespace: string | undefined;
  /** Only the routes to this Pod or Service. */
  to?: { kind: 'Pod' | 'Service'; namespace: string; name: string };
  /** Only the hosts of this Ingress. */
  ingress?: { namespace: string; name: string };
  cursor?: string;
  filter: string;
  sort?: SortSpec;
}

/** One host's route (and optionally a path), traced live from the indexes. */
export interface RouteView {
  type: 'route';
  host: string;
  path?: string;
  /** What the last confirmed probe (`P`) of this route found, shown on its lines. */
  probes?: readonly ProbeRun[];
  namespace: undefined;
  title: string;
  cursor?: string;
  filter: string;
}

/** A workload's rollout (Deployment, StatefulSet, DaemonSet), live. */
export interface RolloutView {
  type: 'rollout';
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  namespace: string;
  name: string;
  title: string;
  cursor?: string;
  filter: string;
}

/** The pod template of a Deployment's revision against its current one. */
export interface DiffView {
  type: 'diff';
  namespace: string;
  deployment: string;
  /** The ReplicaSet of the revision to compare. */
  replicaSet: string;
  title: string;
  cursor?: string;
  filter: string;
}

/** One screen on the drill-down stack. */
export type View = ResourceView | ContainersView | RoutesView | RouteView | RolloutView | DiffView | ForwardsView;

/** kdrill's running port-forwards (`:pf`). */
export interface ForwardsView {
  type: 'portforwards';
  namespace: undefined;
  title: string;
  cursor?: string;
  filter: string;
}

/** The port-forward dialog's target: a pod or Service, its ports, the one chosen and the local port each suggests. */
export interface ForwardDraft {
  kind: 'Pod' | 'Service';
  namespace: string;
  name: string;
  ports: { label: string; port: number }[];
  locals: number[];
  index: number;
}

/** A write waiting for the user to confirm it (or, for scale, to type a number first). */
export type PendingAction =
  | { type: 'restart' | 'pause' | 'resume'; kind: string; namespace: string; name: string }
  | { type: 'scale'; kind: string; namespace: string; name: string; replicas: number }
  | { type: 'undo'; namespace: string; name: string; replicaSet: string; revision: string }
  /** A StatefulSet's or DaemonSet's undo: back to a ControllerRevision. */
  | { type: 'undoRevision'; kind: 'StatefulSet' | 'DaemonSet'; namespace: string; name: string; controllerRevision: string; revision: string }
  | DeleteAction
  | { type: 'kill'; kind: 'Pod'; namespace: string; name: string }
  | { type: 'cordon' | 'uncordon' | 'drain'; kind: 'Node'; namespace: ''; name: string }
  | RevealAction
  | ShellAction
  | ProbeAction
  | PluginAction;

/** A k9s plugin about to run (it says confirm: true): its command and arguments, variables substituted. */
export interface PluginAction {
  type: 'plugin';
  name: string;
  description: string;
  command: string;
  args: string[];
  background: boolean;
}

/** A shell in (or an attach to) a pod's container: asked first, naming the container; `c` picks another of `containers`. */
export type ShellAction = (ShellTarget & { type: 'shell' }) | (ShellTarget & { type: 'attach' });

/** The container a shell or attach goes into. */
export interface ShellTarget {
  kind: 'Pod';
  namespace: string;
  name: string;
  container: string;
  containers: string[];
}

/** Probing a route (`P`): the question names what is sent where, and in which context. */
export interface ProbeAction {
  type: 'probe';
  host: string;
  path?: string;
  question: string;
}

/** How a delete treats what the object owns (as `kubectl delete --cascade`): background by default. */
export type Propagation = 'Background' | 'Foreground' | 'Orphan';

/** Deleting any object: its resource (`deployments.apps`; default: the kind's), and the propagation policy. */
export interface DeleteAction {
  type: 'delete';
  kind: string;
  namespace: string;
  name: string;
  resource?: string;
  propagation?: Propagation;
}

/** A decoded Secret about to leave the screen (a file at `path`, or the clipboard): asked again, whatever x said. */
export interface RevealAction {
  type: 'reveal';
  to: 'file' | 'clipboard';
  namespace: string;
  name: string;
  path?: string;
}

/** The rollout view of a workload. */
export function rolloutView(w: { kind?: string; metadata?: { namespace?: string; name?: string } }): RolloutView {
  const name = String(w.metadata?.name ?? '');
  return { type: 'rollout', kind: w.kind as RolloutView['kind'], namespace: String(w.metadata?.namespace ?? ''), name, title: `${String(w.kind).toLowerCase()} ${name} › rollout`, filter: '' };
}

/** The view that traces a host (and path). */
export function routeView(host: string, path?: string): RouteView {
  return { type: 'route', host, path, namespace: undefined, title: `route ${host}${path ?? ''}`, filter: '' };
}

/** What the detail pane shows. */
export type DetailMode = 'yaml' | 'describe' | 'events' | 'logs';

/** How the detail pane shows what it shows (toggled by keys while it has the focus). */
export interface PaneOptions {
  managedFields: boolean;
  /** A Secret's values decoded: asked for with a key, dropped when the cursor or the pane changes (as managedFields is). */
  decode: boolean;
  wrap: boolean;
  /** The pane's `/` search (n / N move between matches). */
  search: string;
  /** Logs: the previous (crashed) instance of the container, and the API server's timestamps. */
  previous: boolean;
  timestamps: boolean;
  /** Logs: start this far back (`''`: the last lines), cycled through presets. */
  since: '' | '1m' | '5m' | '15m' | '30m' | '1h';
  /** Show only the lines the search matches. */
  filter: boolean;
  /** Logs: JSON lines as `level message key=value...`. */
  json: boolean;
  /** Logs of a pod: all its containers, merged. */
  allContainers: boolean;
}

/** A line being typed after `:` or `/`, the replica count of a scale, or a search in the pane. */
export interface Prompt {
  mode: 'command' | 'filter' | 'scale' | 'search' | 'portForward';
  /** For `portForward`: what is forwarded. */
  forward?: ForwardDraft;
  /** For `scale`: what is being scaled. */
  scale?: { kind: string; namespace: string; name: string };
  text: string;
  /** Where the cursor is in the text (undefined: at its end). */
  cursor?: number;
  /** The text was filled in when the prompt opened (the replica count, the current filter): typing replaces it. */
  selected?: boolean;
  error?: string;
  /** Position in the command history while browsing it with up/down. */
  historyIndex?: number;
}

/** All UI state; cluster state lives in the caches, not here. */
export interface UiState {
  views: View[];
  namespace: string | undefined;
  prompt?: Prompt;
  detail?: DetailMode;
  detailScroll: number;
  pane: PaneOptions;
  /** The logs pane sticks to the newest line until scrolled up. */
  follow: boolean;
  focus: 'table' | 'detail';
  zoom: boolean;
  help: boolean;
  /** How far the help screen is scrolled (it can be longer than the terminal). */
  helpScroll: number;
  picker?: 'namespace' | 'context';
  /** The picker's highlighted item (undefined: the current namespace or context). */
  pickerCursor?: string;
  /** What has been typed to narrow the picker (undefined: nothing yet, j/k still move). */
  pickerFilter?: string;
  /** A write waiting for y (or Enter) to go ahead, n (or Esc) to drop it. */
  confirm?: PendingAction;
  flash?: { text: string; level: 'info' | 'error' };
  /** The cluster moved the cursor (its row went away): writes wait until the user moves it. */
  cursorMovedByCluster?: boolean;
  history: string[];
}

/** The first state: a table of pods in the starting namespace, or a host's route over the list of routes. */
export function initialState(namespace: string | undefined, trace?: { host: string; path?: string }): UiState {
  return {
    views: trace ? [{ type: 'routes', title: 'routes', namespace: undefined, filter: '', cursor: trace.host }, routeView(trace.host, trace.path)] : [{ type: 'resources', resource: 'pods', namespace, title: 'pods', filter: '' }],
    namespace,
    detailScroll: 0,
    pane: { managedFields: false, decode: false, wrap: false, search: '', previous: false, timestamps: false, since: '', filter: false, json: false, allContainers: false },
    follow: true,
    focus: 'table',
    zoom: false,
    help: false,
    helpScroll: 0,
    history: [],
  };
}

/**
 * The pane options in force for the row shown: x, m, p and a hold only while the row under the
 * cursor is the one they were asked on (a filter, a deletion or a new first row can put another there).
 */
export function paneInForce(s: UiState, shownKey: string | undefined): PaneOptions {
  const cursor = currentView(s).cursor;
  return cursor !== undefined && cursor === shownKey ? s.pane : { ...s.pane, decode: false, managedFields: false, previous: false, allContainers: false };
}

/** The view on top of the stack. */
export function currentView(s: UiState): View {
  return s.views[s.views.length - 1];
}

/** The namespace what a view shows lives in (a list of routes to a Service: the Service's), undefined for all or none. */
export function viewNamespace(view: View): string | undefined {
  if (view.type === 'routes') return view.namespace ?? view.to?.namespace ?? view.ingress?.namespace;
  return view.namespace;
}
