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
}

/** One host's route (and optionally a path), traced live from the indexes. */
export interface RouteView {
  type: 'route';
  host: string;
  path?: string;
  namespace: undefined;
  title: string;
  cursor?: string;
  filter: string;
}

/** One screen on the drill-down stack. */
export type View = ResourceView | ContainersView | RoutesView | RouteView;

/** The view that traces a host (and path). */
export function routeView(host: string, path?: string): RouteView {
  return { type: 'route', host, path, namespace: undefined, title: `route ${host}${path ?? ''}`, filter: '' };
}

/** What the detail pane shows. */
export type DetailMode = 'yaml' | 'describe' | 'events' | 'logs';

/** A line being typed after `:` or `/`. */
export interface Prompt {
  mode: 'command' | 'filter';
  text: string;
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
  /** The logs pane sticks to the newest line until scrolled up. */
  follow: boolean;
  focus: 'table' | 'detail';
  zoom: boolean;
  help: boolean;
  picker?: 'namespace' | 'context';
  flash?: { text: string; level: 'info' | 'error' };
  history: string[];
}

/** The first state: a table of pods in the starting namespace, or a host's route over the list of routes. */
export function initialState(namespace: string | undefined, trace?: { host: string; path?: string }): UiState {
  return {
    views: trace ? [{ type: 'routes', title: 'routes', namespace: undefined, filter: '', cursor: trace.host }, routeView(trace.host, trace.path)] : [{ type: 'resources', resource: 'pods', namespace, title: 'pods', filter: '' }],
    namespace,
    detailScroll: 0,
    follow: true,
    focus: 'table',
    zoom: false,
    help: false,
    history: [],
  };
}

/** The view on top of the stack. */
export function currentView(s: UiState): View {
  return s.views[s.views.length - 1];
}
