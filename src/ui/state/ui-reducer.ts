import type { ProbeRun } from '../../model/probe/probe-verdict.js';
import type { SortSpec } from '../../model/view/table-rows.js';
import { currentView, type DetailMode, type PaneOptions, type PendingAction, type Prompt, type UiState, type View } from './ui-state.js';

/** Everything that changes UI state. */
export type UiAction =
  | { type: 'push'; view: View }
  | { type: 'back' }
  | { type: 'replaceRoot'; view: View; namespace?: string | null }
  | { type: 'cursor'; key: string | undefined; byCluster?: boolean }
  | { type: 'cursorBy'; delta: number | 'top' | 'bottom'; keys: readonly string[] }
  | { type: 'sort'; sort: SortSpec }
  | { type: 'openPrompt'; mode: Prompt['mode']; scale?: Prompt['scale']; forward?: Prompt['forward']; text?: string }
  | { type: 'confirm'; action: PendingAction | undefined }
  | { type: 'pane'; options: Partial<PaneOptions> }
  | { type: 'promptText'; text: string; cursor?: number; error?: string }
  | { type: 'promptError'; error: string }
  | { type: 'promptHistory'; step: 1 | -1 }
  | { type: 'closePrompt'; submitted?: string }
  | { type: 'applyFilter'; filter: string }
  | { type: 'detail'; mode: DetailMode | undefined }
  | { type: 'scrollDetail'; to: number }
  | { type: 'scrollDetailBy'; delta: number | 'top' | 'bottom'; max: number; page: number }
  | { type: 'focus'; focus: UiState['focus'] }
  | { type: 'zoom' }
  | { type: 'follow'; on: boolean; max: number; page: number }
  | { type: 'help'; open: boolean; scroll?: number }
  | { type: 'picker'; picker: UiState['picker'] }
  | { type: 'pickerCursor'; value: string }
  | { type: 'pickerFilter'; value: string }
  | { type: 'flash'; text: string; level?: 'info' | 'error' }
  | { type: 'probed'; host: string; path?: string; runs: readonly ProbeRun[] };

function updateTop(s: UiState, patch: Partial<View>): UiState {
  const views = [...s.views];
  views[views.length - 1] = { ...views[views.length - 1], ...patch } as View;
  return { ...s, views };
}

// x, m, p and a were asked for one object: they go when another comes under the cursor, the view or the pane changes
// (s, J, t and w are ways of reading any log or pane: they stay).
const FOR_ONE_OBJECT = { decode: false, managedFields: false, previous: false, allContainers: false } as const;

/** A detail pane's scroll that keeps it at its last line, however many lines come (YAML, describe, events after G). */
export const AT_BOTTOM = Number.POSITIVE_INFINITY;

/** The UI reducer: pure, one place for every state transition. */
export function uiReducer(s: UiState, a: UiAction): UiState {
  switch (a.type) {
    case 'push':
      return { ...s, views: [...s.views, a.view], flash: undefined, detailScroll: 0, pane: { ...s.pane, ...FOR_ONE_OBJECT } };
    case 'back':
      if (s.help) return { ...s, help: false };
      if (s.zoom) return { ...s, zoom: false };
      if (s.detail) return { ...s, detail: undefined, focus: 'table', detailScroll: 0 };
      if (currentView(s).filter) return updateTop(s, { filter: '' });
      // Going back restores the previous view with its cursor as it was.
      return s.views.length > 1 ? { ...s, views: s.views.slice(0, -1), flash: undefined, pane: { ...s.pane, ...FOR_ONE_OBJECT } } : s;
    case 'replaceRoot':
      return { ...s, views: [a.view], namespace: a.namespace === null ? undefined : (a.namespace ?? s.namespace), detailScroll: 0, flash: undefined, pane: { ...s.pane, ...FOR_ONE_OBJECT } };
    case 'cursor': {
      const moved = !!a.byCluster;
      if (currentView(s).cursor === a.key) return s.cursorMovedByCluster === moved || moved ? s : { ...s, cursorMovedByCluster: false };
      return { ...updateTop(s, { cursor: a.key }), cursorMovedByCluster: moved, detailScroll: 0, pane: { ...s.pane, ...FOR_ONE_OBJECT } };
    }
    case 'cursorBy': {
      if (!a.keys.length) return s;
      const at = Math.max(0, a.keys.indexOf(currentView(s).cursor ?? ''));
      const to = a.delta === 'top' ? 0 : a.delta === 'bottom' ? a.keys.length - 1 : Math.max(0, Math.min(a.keys.length - 1, at + a.delta));
      return uiReducer(s, { type: 'cursor', key: a.keys[to] });
    }
    case 'sort':
      return updateTop(s, { sort: a.sort } as Partial<View>);
    case 'openPrompt':
    {
      const text = a.text ?? (a.mode === 'filter' ? currentView(s).filter : '');
      return { ...s, prompt: { mode: a.mode, scale: a.scale, forward: a.forward, text, selected: text !== '' } };
    }
    case 'confirm':
      // A probe answered no (or yes): the requests marked as about to be sent are no longer so.
      if (!a.action && s.confirm?.type === 'probe') return { ...s, confirm: undefined, views: s.views.map((v) => (v.type === 'route' && v.probes?.every((r) => r.result.outcome === 'planned') ? { ...v, probes: undefined } : v)) };
      return { ...s, confirm: a.action };
    case 'pane':
      return { ...s, pane: { ...s.pane, ...a.options } };
    case 'promptText':
      return s.prompt ? { ...s, prompt: { ...s.prompt, text: a.text, cursor: a.cursor, error: a.error, historyIndex: undefined, selected: false } } : s;
    case 'promptError':
      return s.prompt ? { ...s, prompt: { ...s.prompt, error: a.error } } : s;
    case 'promptHistory': {
      if (!s.prompt || s.prompt.mode !== 'command' || s.history.length === 0) return s;
      const at = s.prompt.historyIndex ?? s.history.length;
      const next = Math.max(0, Math.min(s.history.length, at - a.step));
      return { ...s, prompt: { ...s.prompt, historyIndex: next, text: s.history[next] ?? '', cursor: undefined } };
    }
    case 'closePrompt': {
      const history = a.submitted && s.prompt?.mode === 'command' ? [...s.history.filter((h) => h !== a.submitted), a.submitted].slice(-50) : s.history;
      return { ...s, prompt: undefined, history };
    }
    case 'applyFilter':
      return updateTop(s, { filter: a.filter });
    case 'detail':
      return { ...s, detail: a.mode, focus: a.mode ? s.focus : 'table', detailScroll: 0, follow: true, zoom: a.mode ? s.zoom : false, pane: { ...s.pane, ...FOR_ONE_OBJECT, search: '' } };
    case 'scrollDetail':
      return { ...s, detailScroll: Math.max(0, a.to) };
    case 'scrollDetailBy': {
      const bottom = Math.max(0, a.max - a.page + 1);
      // While following (logs), or kept at the bottom (G), the pane shows the bottom, whatever detailScroll says.
      const from = (s.detail === 'logs' && s.follow) || s.detailScroll === AT_BOTTOM ? bottom : s.detailScroll;
      // G on a pane that is still growing (the whole object, events coming in) stays at its end, as it is when they come.
      if (a.delta === 'bottom' && s.detail !== 'logs') return { ...s, detailScroll: AT_BOTTOM, follow: true };
      const to = a.delta === 'top' ? 0 : a.delta === 'bottom' ? bottom : from + a.delta;
      const detailScroll = Math.max(0, Math.min(Math.max(0, a.max), to));
      return { ...s, detailScroll, follow: detailScroll >= bottom };
    }
    case 'focus':
      return { ...s, focus: s.detail ? a.focus : 'table' };
    case 'zoom':
      return s.detail ? { ...s, zoom: !s.zoom } : s;
    case 'follow':
      // Off: the pane stays where following left it (the bottom), and new lines no longer move it.
      return { ...s, follow: a.on, detailScroll: a.on || !s.follow ? s.detailScroll : Math.max(0, a.max - a.page + 1) };
    case 'help':
      return { ...s, help: a.open, helpScroll: a.scroll === undefined ? 0 : Math.max(0, s.helpScroll + a.scroll) };
    case 'picker':
      return { ...s, picker: a.picker, pickerCursor: undefined, pickerFilter: undefined };
    case 'pickerCursor':
      return { ...s, pickerCursor: a.value };
    case 'pickerFilter':
      // The highlight goes back to the current item if it still matches, else the first that does.
      return { ...s, pickerFilter: a.value, pickerCursor: undefined };
    case 'flash':
      return { ...s, flash: { text: a.text, level: a.level ?? 'info' } };
    case 'probed':
      // Every open view of that route shows the results.
      return { ...s, views: s.views.map((v) => (v.type === 'route' && v.host === a.host && v.path === a.path ? { ...v, probes: a.runs } : v)) };
  }
}
