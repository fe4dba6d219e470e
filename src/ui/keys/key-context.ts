import type { Dispatch } from 'react';
import type { K9sRuntime } from '../k9s-context.js';
import type { Binding } from './bindings.js';
import type { ClusterSession } from '../../kube/cluster-session.js';
import type { KubeObject } from '../../model/types.js';
import type { DrillResult } from '../drill.js';
import type { PaneExport } from '../pane-export.js';
import type { ScreenModel } from '../hooks/use-screen-model.js';
import type { UiAction } from '../state/ui-reducer.js';
import { currentView, type UiState } from '../state/ui-state.js';
import type { ViewName } from './bindings.js';

/** What the dispatcher needs to act on a key. */
export interface KeyContext {
  state: UiState;
  dispatch: Dispatch<UiAction>;
  model: ScreenModel;
  pageSize: number;
  /** The lines the detail pane holds (after wrapping). */
  paneLines: readonly string[];
  /** What Ctrl-S saves and c copies: the pane's text and a file name for it. */
  paneExport?: PaneExport;
  /** Writes straight to the terminal (the clipboard sequence). */
  writeRaw: (data: string) => void;
  session: ClusterSession;
  exit: () => void;
  /** Under --readonly writes are refused with a message, without asking. */
  readonly: boolean;
  /** The open picker's items as drawn, and what choosing one does. */
  picker?: PickerModel;
  /** The key that triggered the command (the logs pane's 0-6 pick the time span by it). */
  key?: string;
  /** The binding the key triggered (a k9s plugin or hotkey names its entry). */
  binding?: Binding;
  /** The user's k9s setup (aliases, hotkeys, plugins) and what running a plugin needs. */
  k9s?: K9sRuntime;
  /** The row the last render showed under the cursor. */
  cursorIndex?: number;
}

/** A list to choose from (`:ns`, `:ctx`): its items, the one highlighted, and what choosing does. */
export interface PickerModel {
  title: string;
  items: readonly string[];
  /** The item marked current (the namespace or context in use). */
  current: string;
  /** The highlighted item. */
  cursor: string;
  /** What has been typed to narrow the items (undefined: nothing). */
  typed?: string;
  choose(value: string): void;
}

/** The row the cursor is on, from the state as it is now (keys in a burst move it before Enter runs). */
export function cursorOf(ctx: KeyContext): number {
  const at = ctx.model.keys.indexOf(currentView(ctx.state).cursor ?? '');
  return at >= 0 ? at : (ctx.cursorIndex ?? 0);
}

/** Why a write must not act on the row under the cursor now, if so: the cluster moved it there. */
export function cursorNotChosen(ctx: KeyContext): string | undefined {
  const view = currentView(ctx.state);
  const gone = view.cursor !== undefined && !ctx.model.keys.includes(view.cursor);
  return ctx.state.cursorMovedByCluster || gone ? 'the row under the cursor changed (its object went away): move to the object you mean (j/k), then ask again' : undefined;
}

/** The object under the cursor. */
export const objectAt = (ctx: KeyContext): KubeObject | undefined => ctx.model.objects[cursorOf(ctx)];

/** Acts on what Enter (or another drill) found: a view to open, a namespace, a pane, or a message. */
export function applyDrill(ctx: KeyContext, result: DrillResult): void {
  if ('view' in result) ctx.dispatch({ type: 'push', view: result.view });
  else if ('detail' in result) ctx.dispatch({ type: 'detail', mode: result.detail });
  else if ('namespace' in result) ctx.dispatch({ type: 'replaceRoot', view: { type: 'resources', resource: 'pods', namespace: result.namespace, title: 'pods', filter: '' }, namespace: result.namespace });
  else ctx.dispatch({ type: 'flash', text: result.message });
}

/** The view keys land in: the focused pane (`logs pane`), else the table by its resource's plural or kdrill's own view type. */
export function focusedView(state: UiState): ViewName {
  if (state.detail && state.focus === 'detail') return `${state.detail} pane`;
  const view = currentView(state);
  return view.type === 'resources' ? view.resource.split('.')[0] : view.type;
}

/** Why nothing may be changed, probed or opened here: a snapshot (not live), or `--readonly`. */
export function readonlyWhy(ctx: KeyContext): string {
  const snap = ctx.session.snapshot;
  return snap ? `this is a snapshot taken at ${snap.capturedAt}, not live` : 'read-only mode (--readonly)';
}
