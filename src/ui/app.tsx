import { Box, useApp, useStdout } from 'ink';
import { Text } from './components/text.js';
import { useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { K9sContext } from './k9s-context.js';
import { describe, eventsUnavailable } from '../model/describe/describe.js';
import { compactJson, matchingLines, searchPattern, wrapLines } from '../model/view/pane-text.js';
import { paneFileName, type PaneExport } from './pane-export.js';
import { sanitize } from '../model/sanitize.js';
import { eventLines, yamlLines } from '../model/view/detail-text.js';
import { scrollOffset, trailLine } from '../model/view/table-layout.js';
import { useSession } from './cluster-context.js';
import { EVENT_RESOURCES, useEventsOnDemand } from './hooks/use-events-on-demand.js';
import { DetailPane } from './components/detail-pane.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { HelpScreen } from './components/help-screen.js';
import { Picker } from './components/pickers.js';
import { focusedView, type PickerModel } from './keys/key-context.js';
import { ConfirmLine, PromptLine } from './components/prompt-line.js';
import { question } from './run-action.js';
import { Table } from './components/table.js';
import type { LogState, LogTarget } from '../kube/log-stream.js';
import { useCache } from './hooks/use-cache.js';
import { useHandOverScreen } from './hooks/use-hand-over-screen.js';
import { useChangedLines } from './hooks/use-changed-lines.js';
import { containerTargets, logTargetOf, podsForLogs, useLogs, useMergedLogs, type LogOptions } from './hooks/use-logs.js';
import { activeScopes, useKeys } from './hooks/use-keys.js';
import { usePaneObject } from './hooks/use-pane-object.js';
import { useFullObject } from './hooks/use-full-object.js';
import { useScreenModel } from './hooks/use-screen-model.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { layout, MIN_SIZE } from './layout.js';
import { useUiStore } from './state/ui-store.js';
import { currentView, initialState, paneInForce, viewNamespace, type PaneOptions, type View } from './state/ui-state.js';
import { whyNoPods } from '../model/route/selector-why.js';
import { parseSelector } from '../model/label-selector.js';
import type { ClusterSession } from '../kube/cluster-session.js';
import type { RouteNode } from '../model/route/route-types.js';

/** A one-line message for the footer. */
export interface Notice {
  text: string;
  level: 'info' | 'error';
}

/** Props of the explorer. */
export interface AppProps {
  version: string;
  namespace: string | undefined;
  readonly: boolean;
  contexts: string[];
  onSwitchContext: (name: string) => void;
  /** A message from outside the explorer (a context switch's progress or failure), shown in the footer. */
  notice?: Notice;
  /** Open on this host's route, over the list of routes. */
  trace?: { host: string; path?: string };
  logs?: LogOptions;
}

const NO_LINES: readonly string[] = [];
const SINCE: Record<PaneOptions['since'], number | undefined> = { '': undefined, '1m': 60, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600 };
const noSubscribe = () => () => {};

/** What the pane title says beyond the name: the search's matches and the toggles that are on. */
function paneNotes(p: PaneOptions, matches: number): string {
  const notes = [p.search ? `/${p.search}: ${matches} match${matches === 1 ? '' : 'es'}${p.filter ? ' (only these)' : ''}` : '', p.wrap ? 'wrap' : '', p.managedFields ? 'managedFields' : '', p.decode ? 'DECODED' : '', p.timestamps ? 'timestamps' : '', p.since ? `since ${p.since}` : '', p.json ? 'json' : '', p.allContainers ? 'all containers' : ''].filter(Boolean);
  return notes.length ? `  [${notes.join(', ')}]` : '';
}

/** The log pane's lines: the log, and a last line saying why it is not (or no longer) live. */
function logPaneLines(target: LogTarget | undefined, lines: readonly string[], state: LogState | undefined): readonly string[] {
  if (!target) return ['logs are shown for pods and containers: select one'];
  const note =
    state?.phase === 'failed' ? `-- cannot read the log: ${sanitize(state.reason, true)}` :
    state?.phase === 'retrying' ? `-- reconnecting: ${sanitize(state.reason, true)}` :
    state?.phase === 'ended' ? '-- the container has stopped; its log ends here' :
    state?.phase === 'loading' && lines.length === 0 ? 'loading…' : undefined;
  return note ? [...lines, note] : lines;
}

/** The pane of a route's line whose object does not exist (a backend Service missing): says so, and why it matters. */
function missingLines(node: RouteNode | undefined): string[] {
  if (!node?.ref) return [];
  const { kind, namespace, name } = node.ref;
  return [sanitize(`${kind} ${namespace ? `${namespace}/` : ''}${name} does not exist`, true), ...node.diagnostics.map((d) => sanitize(`${d.severity}: ${d.message}`, true))];
}

/** Whether a view is a drilled-down table of pods by selector (a Service's, a workload's), which says why when it is empty. */
function explainsNoPods(view: View): view is Extract<View, { type: 'resources' }> & { scope: { kind: 'selector'; selector: string } } {
  return view.type === 'resources' && view.resource === 'pods' && view.scope?.kind === 'selector';
}

/**
 * Why a drilled-down table of pods is empty: its selector, and the labels the pods there carry;
 * `loading…` until the relation indexes hold that namespace's pods (before, "no pods there" would be a guess).
 */
function noPodsWhy(view: View, session: ClusterSession): string | undefined {
  const indexes = session.indexes;
  if (!explainsNoPods(view)) return undefined;
  const pods = session.relationState('pods', view.namespace);
  // Pods that cannot be read say nothing here; pods on their way say so rather than guess.
  if (pods !== 'loaded') return pods === 'loading' ? 'loading…' : undefined;
  try {
    return whyNoPods(parseSelector(view.scope.selector), indexes.pods.all(view.namespace), view.namespace);
  } catch {
    return undefined;
  }
}

/** The explorer: header, breadcrumbs, the table of the current view, the detail pane, prompt and footer. */
export function App({ version, namespace, readonly, contexts, onSwitchContext, notice, trace, logs: logOptions }: AppProps) {
  const session = useSession();
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  useHandOverScreen();
  const [state, store] = useUiStore(() => initialState(namespace, trace));
  const dispatch = store.dispatch;
  const view = currentView(state);
  // Metrics are polled only while the table is on screen: not behind a zoomed pane or the help.
  const model = useScreenModel(view, width >= 100, !state.help && !(state.zoom && !!state.detail));
  const namespaces = useCache('namespaces', undefined);
  const box = layout(width, height, { detail: !!state.detail, zoom: state.zoom, prompt: !!state.prompt || !!state.confirm });
  const found = view.cursor !== undefined ? model.keys.indexOf(view.cursor) : -1;
  // A cursor whose row went away stays where it was on screen (the next row), never the first.
  const lastCursor = useRef(0);
  const cursor = Math.max(0, Math.min(model.keys.length - 1, found >= 0 ? found : view.cursor === undefined ? 0 : lastCursor.current));
  lastCursor.current = cursor;
  const vanished = view.cursor !== undefined && found < 0 && model.keys.length > 0 && !model.loading;
  useEffect(() => {
    if (vanished) dispatch({ type: 'cursor', key: model.keys[cursor], byCluster: true });
  }, [vanished, model.keys, cursor]);
  const tableRows = Math.max(1, (box.table?.height ?? 2) - 1);
  const offsetRef = useRef(0);
  offsetRef.current = scrollOffset(cursor, offsetRef.current, tableRows, model.keys.length);
  // A pane never changes object on its own: a deleted object stays in it, said so, until the user moves.
  const held = usePaneObject({ open: !!state.detail, vanished, movedByCluster: !!state.cursorMovedByCluster, view, depth: state.views.length, shown: model.objects[cursor], pane: paneInForce(state, model.keys[cursor]) });
  const selected = held.object;
  const pane = held.pane;
  // The caches keep slim objects: YAML and describe show the whole one, read and followed while they are open.
  const whole = useFullObject(selected, session.slim && (state.detail === 'yaml' || state.detail === 'describe'));
  const shownWhole = whole.object;
  const logContainer = view.type === 'containers' ? model.keys[cursor] : model.routeRows?.[cursor]?.node?.ref?.container;
  const sinceSeconds = SINCE[pane.since];
  // An empty table of a selector's pods says why, from the pods index: it follows the index as it loads.
  const explains = explainsNoPods(view) && model.total === 0;
  useSyncExternalStore(explains ? session.indexes.subscribe : noSubscribe, () => (explains ? session.indexes.versionOf(['pods']) : 0));
  // A pod's containers merged (a), or a workload, Service or ReplicaSet: the logs of all its pods,
  // merged, following the pods as they come and go.
  const podsVersion = useSyncExternalStore(state.detail === 'logs' ? session.indexes.subscribe : noSubscribe, () => (state.detail === 'logs' ? session.indexes.versionOf(['pods']) : 0));
  const allContainers = state.detail === 'logs' && pane.allContainers && selected?.kind === 'Pod' && view.type !== 'containers';
  const mergedPods = useMemo(() => (state.detail === 'logs' ? (allContainers ? [selected!] : podsForLogs(selected, (ns, sel) => session.indexes.podsFor(ns, sel))) : undefined), [state.detail, selected, podsVersion, allContainers]);
  const mergedTargets = useMemo(
    () => mergedPods?.flatMap((p) => (allContainers ? containerTargets(p) : [logTargetOf(p)])).filter((t): t is LogTarget => !!t).map((t) => ({ ...t, sinceSeconds })),
    [mergedPods, allContainers, sinceSeconds],
  );
  const merged = useMergedLogs(mergedPods ? `${selected?.kind}/${selected?.metadata?.namespace}/${selected?.metadata?.name}/${allContainers}/${pane.since}` : undefined, mergedTargets, state.pane.timestamps, allContainers ? (t) => t.container : undefined, logOptions);
  const single = state.detail === 'logs' && !mergedPods ? logTargetOf(selected, logContainer, pane.previous) : undefined;
  const logTarget = single ? { ...single, sinceSeconds } : undefined;
  const logs = useLogs(logTarget, selected, state.pane.timestamps, logOptions);
  // Events and describe follow the relation indexes too: a repeated event only bumps its count,
  // and a Deployment's describe names its ReplicaSets.
  const follows = state.detail === 'events' || state.detail === 'describe';
  // Events are read where a pane shows them (cluster-scoped objects' are in default, as the API server files them).
  const eventsLoading = useEventsOnDemand(follows && selected ? (selected.metadata?.namespace ?? 'default') : undefined);
  const relationsVersion = useSyncExternalStore(follows ? session.indexes.subscribe : noSubscribe, () =>
    state.detail === 'events' ? session.indexes.versionOf(EVENT_RESOURCES) : state.detail === 'describe' ? session.indexes.getVersion() : 0,
  );
  const detailLines = useMemo(() => {
    if (state.detail === 'logs' && mergedPods) return merged.lines.length ? merged.lines : [mergedPods.length ? `following ${mergedPods.length} pods…` : 'no running pods to follow'];
    if (state.detail === 'logs') return logPaneLines(logTarget, logs.lines, logs.state);
    if (!state.detail) return [];
    if (!selected) return missingLines(model.routeRows?.[cursor]?.node);
    if (!shownWhole) return [];
    if (state.detail === 'yaml') return yamlLines(shownWhole, { managedFields: pane.managedFields, secretValues: pane.decode ? 'decoded' : 'sizes' });
    if (state.detail === 'events') return eventLines(session.indexes.eventsOfTree(selected), session.now(), selected, eventsUnavailable(session.indexes, selected.metadata?.namespace, eventsLoading));
    return describe(shownWhole, session.indexes, session.now(), { eventsLoading })
      .trimEnd()
      .split('\n')
      .map((l) => sanitize(l, true));
  }, [state.detail, selected, shownWhole, whole.loading, relationsVersion, eventsLoading, logs.lines, logs.state, logTarget?.container, pane.managedFields, pane.decode, mergedPods, merged.lines]);
  const paneWidth = box.detail?.width ?? width;
  const search = useMemo(() => searchPattern(state.pane.search), [state.pane.search]);
  const paneLines = useMemo(() => {
    let lines = state.detail === 'logs' && state.pane.json ? detailLines.map(compactJson) : detailLines;
    if (state.pane.filter && search) lines = lines.filter((l) => ((search.lastIndex = 0), search.test(l)));
    return state.pane.wrap ? wrapLines(lines, paneWidth) : lines;
  }, [detailLines, state.pane.wrap, state.pane.json, state.pane.filter, state.detail, search, paneWidth]);
  const matches = useMemo(() => matchingLines(paneLines, search), [paneLines, search]);
  // While a pane search is typed, how many lines it would find.
  const typing = state.prompt?.mode === 'search' ? state.prompt.text : undefined;
  const typedMatches = useMemo(() => (typing ? matchingLines(paneLines, searchPattern(typing)).length : undefined), [paneLines, typing]);
  // YAML and describe mark what changed when the object does (logs and events only grow).
  // The whole object replacing the cached one that stood in for it is no change of the object.
  const changedLines = useChangedLines(state.detail === 'yaml' || state.detail === 'describe' ? paneLines : NO_LINES, `${state.detail}/${selected?.metadata?.uid ?? ''}/${whole.loading}`);
  const paneExport = useMemo((): PaneExport | undefined => {
    if (!state.detail || !selected) return undefined;
    // Until the whole object has come, the pane shows the cache's slim one: nothing of it is saved or copied.
    if (whole.loading) return undefined;
    const fileName = mergedPods ? paneFileName([String(selected.kind), selected.metadata?.namespace, selected.metadata?.name], 'log') : logTarget ? paneFileName([logTarget.pod, logTarget.container], 'log') : paneFileName([String(selected.kind), selected.metadata?.namespace, selected.metadata?.name], state.detail === 'yaml' ? 'yaml' : 'txt');
    // The text is joined when saved or copied, not at each render: a followed log's 10,000 lines
    // made a 2.5 MB string on every batch, and a render's two fibers held two of them.
    if (selected.kind !== 'Secret') return { text: () => detailLines.join('\n') + '\n', fileName };
    // A Secret's YAML leaves as the API returns it (base64); decoded, as stringData, only while x is on.
    const yamlOf = (secretValues: 'api' | 'stringData') => yamlLines(shownWhole ?? selected, { managedFields: pane.managedFields, secretValues }).join('\n') + '\n';
    const secret = { namespace: String(selected.metadata?.namespace ?? ''), name: String(selected.metadata?.name ?? ''), decoded: state.detail === 'yaml' && pane.decode ? yamlOf('stringData') : undefined };
    return { text: () => (state.detail === 'yaml' ? yamlOf('api') : detailLines.join('\n') + '\n'), fileName, secret };
  }, [state.detail, selected, shownWhole, whole.loading, detailLines, mergedPods, logTarget?.pod, logTarget?.container, pane.managedFields, pane.decode]);
  const { stdout } = useStdout();
  useEffect(() => {
    if (notice) dispatch({ type: 'flash', ...notice });
  }, [notice]);
  // k9s keys that clash with kdrill's are said once, when the explorer opens on this context.
  const k9s = useContext(K9sContext);
  useEffect(() => {
    if (k9s?.clashes) dispatch({ type: 'flash', text: k9s.clashes, level: 'error' });
  }, []);
  // The relation indexes follow the namespace in view: a namespace-scoped user's caches are opened
  // there, an admin's cluster-wide ones already cover it (nothing new is opened).
  useEffect(() => {
    const indexes = session.indexes;
    const scope = state.namespace;
    void session.reviewed.then(() => session.indexes === indexes && session.addRelations(indexes.resources, [scope]));
    // Leaving a namespace lets go of the caches only it needed. Cluster-wide ones are kept: they
    // serve every namespace, and relisting a large cluster on each return would cost far more.
    return () => void (scope !== undefined && session.reviewed.then(() => session.indexes === indexes && session.releaseRelations(scope)));
  }, [session, state.namespace]);
  const picker = useMemo((): PickerModel | undefined => {
    if (!state.picker) return undefined;
    const isNs = state.picker === 'namespace';
    const all = isNs ? ['all', ...(namespaces.cache?.list().map((n) => String(n.metadata?.name)) ?? []).sort()] : contexts;
    const typed = state.pickerFilter?.toLowerCase() ?? '';
    const items = typed ? all.filter((i) => i.toLowerCase().includes(typed)) : all;
    const current = isNs ? (state.namespace ?? 'all') : session.info.context;
    const cursor = state.pickerCursor ?? (items.includes(current) ? current : (items[0] ?? current));
    const choose = (value: string) => {
      if (!isNs) return onSwitchContext(value);
      const ns = value === 'all' ? undefined : value;
      dispatch({ type: 'replaceRoot', view: { type: 'resources', resource: 'pods', namespace: ns, title: 'pods', filter: '' }, namespace: ns ?? null });
    };
    return { title: isNs ? 'namespaces' : 'contexts', items, current, cursor, choose, typed: state.pickerFilter };
  }, [state.picker, state.pickerCursor, state.pickerFilter, state.namespace, namespaces.version, contexts, session]);

  const waiting = useKeys({ state, store, picker, cursorIndex: cursor, failed: model.failed, tooSmall: !!box.tooSmall, model, pageSize: Math.max(1, (state.focus === 'detail' ? (box.detail?.height ?? 2) : tableRows) - 1), paneLines, paneExport, writeRaw: (d) => stdout.write(d), session, exit, readonly: readonly || !!session.snapshot, k9s, paneLoading: whole.loading });

  if (box.tooSmall) {
    return <Text>{`terminal too small: ${width}x${height}, kdrill needs at least ${MIN_SIZE.width}x${MIN_SIZE.height} (q quits)`}</Text>;
  }
  // The header's namespace is the user's choice (0, :ns, -n); a drill into another namespace says so here.
  const at = viewNamespace(view);
  const crumbs = state.views.map((v) => v.title).join(' › ') + (view.filter ? `  /${view.filter}` : '');
  // After the count, which a long trail must not cut.
  const elsewhere = at !== undefined && at !== state.namespace ? `  · ns ${at}` : '';
  const body = () => {
    if (state.help) return <HelpScreen height={box.main} width={width} scroll={state.helpScroll} />;
    if (picker) return <Picker picker={picker} height={box.main} />;
    const sideBySide = box.table && box.detail && box.table.height === box.detail.height;
    return (
      <Box flexDirection={sideBySide ? 'row' : 'column'} height={box.main}>
        {box.table ? (
          <Table
            headers={model.headers}
            cells={model.cells}
            health={model.health}
            cursor={cursor}
            offset={offsetRef.current}
            height={box.table.height}
            width={box.table.width}
            focused={state.focus === 'table'}
            empty={model.failed ?? (model.loading ? 'loading…' : view.filter ? 'no rows match the filter' : (noPodsWhy(view, session) ?? 'no resources'))}
            changed={(i) => model.changed.get(model.keys[i])}
            fresh={model.fresh}
            sort={'sort' in model ? model.sort : undefined}
          />
        ) : null}
        {sideBySide ? <Box width={1} /> : null}
        {box.detail && state.detail ? (
          <DetailPane
            mode={state.detail}
            title={sanitize(mergedPods ? `${String(selected?.kind).toLowerCase()} ${selected?.metadata?.name}: ${merged.pods} ${allContainers ? 'containers' : 'pods'}` : logTarget ? `${logTarget.pod}/${logTarget.container}${logTarget.previous ? ' (previous)' : ''}` : (selected?.metadata?.name ?? ''), true) + (held.deleted ? ' (deleted)' : '') + paneNotes(pane, matches.length)}
            lines={paneLines}
            search={search}
            changed={changedLines}
            scroll={state.detail === 'logs' && state.follow ? paneLines.length : state.detailScroll}
            height={box.detail.height}
            width={box.detail.width}
            focused={state.focus === 'detail'}
          />
        ) : null}
      </Box>
    );
  };
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header version={version} namespace={state.namespace} readonly={readonly} width={width} />
      <Text wrap="truncate" dimColor>{trailLine(sanitize(crumbs, true), `  (${model.keys.length}${model.keys.length !== model.total ? ` of ${model.total}` : ''})${sanitize(elsewhere, true)}`, width)}</Text>
      {body()}
      {state.prompt ? <PromptLine prompt={state.prompt} matches={state.prompt.mode === 'search' ? typedMatches : model.keys.length} total={model.total} width={width} context={session.info.context} /> : null}
      {state.confirm ? <ConfirmLine text={question(state.confirm, session.info.context)} width={width} /> : null}
      <Footer scopes={activeScopes(state)} view={state.confirm ? `${state.confirm.type} question` : focusedView(state)} flash={waiting ? { text: waiting, level: 'info' } : state.flash} width={width} />
    </Box>
  );
}
