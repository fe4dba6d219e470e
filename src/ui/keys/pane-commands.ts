import { matchingLines, nextMatch, searchPattern } from '../../model/view/pane-text.js';
import { osc52, savePane } from '../pane-export.js';
import type { DetailMode } from '../state/ui-state.js';
import type { Command } from './bindings.js';
import { objectAt, type KeyContext } from './key-context.js';

/** Scrolls the detail pane (its follow mode is the reducer's business). */
export function scrollDetail(ctx: KeyContext, delta: number | 'top' | 'bottom'): void {
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

/** The detail pane's own commands: search, toggles, save and copy. */
export const PANE_COMMANDS: Pick<Record<Command, (ctx: KeyContext) => void>, 'paneSearch' | 'searchNext' | 'searchPrev' | 'managedFields' | 'wrap' | 'previousLogs' | 'timestamps' | 'filterLines' | 'jsonCompact' | 'allContainers' | 'since' | 'decode' | 'savePane' | 'copyPane'> = {
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
};
