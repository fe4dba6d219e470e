import { matchingLines, nextMatch, searchPattern } from '../../model/view/pane-text.js';
import { freePath, osc52, savePane, SECRET_FILE_MODE, shownPath, writeNewFile } from '../pane-export.js';
import { paneInForce, type DetailMode, type PaneOptions, type RevealAction } from '../state/ui-state.js';
import type { Command } from './bindings.js';
import { cursorOf, objectAt, type KeyContext } from './key-context.js';

/** Scrolls the detail pane (its follow mode is the reducer's business). */
export function scrollDetail(ctx: KeyContext, delta: number | 'top' | 'bottom'): void {
  ctx.dispatch({ type: 'scrollDetailBy', delta, max: ctx.paneLines.length - 1, page: ctx.pageSize });
}

/** The first line the pane shows (a pane kept at its bottom scrolls by its length). */
export function shownTop(ctx: KeyContext): number {
  return Math.min(ctx.state.detailScroll, Math.max(0, ctx.paneLines.length - ctx.pageSize));
}

/** Moves the pane to the next (or previous) line the search matches. */
function toMatch(ctx: KeyContext, forward: boolean): void {
  const matches = matchingLines(ctx.paneLines, searchPattern(ctx.state.pane.search));
  if (!ctx.state.pane.search) return void ctx.dispatch({ type: 'flash', text: 'no search: / searches the pane' });
  const to = nextMatch(matches, shownTop(ctx), forward);
  if (to === undefined) return void ctx.dispatch({ type: 'flash', text: `no match for ${ctx.state.pane.search}`, level: 'error' });
  ctx.dispatch({ type: 'scrollDetail', to });
}

/** Puts the cursor on the row shown, so that what x or m turn on holds for that row only. */
const pinCursor = (ctx: KeyContext) => ctx.dispatch({ type: 'cursor', key: ctx.model.keys[cursorOf(ctx)] });

// The pane stays on an object the cluster deleted until the user moves: a per-object toggle then has nothing to act on.
const onDeleted = (ctx: KeyContext) =>
  !!ctx.state.detail && !!ctx.state.cursorMovedByCluster && (ctx.dispatch({ type: 'flash', text: 'the pane shows an object that was deleted: move the cursor (j/k) to one that exists first' }), true);

function save(ctx: KeyContext, write: () => string): void {
  try {
    ctx.dispatch({ type: 'flash', text: write() });
  } catch (e) {
    ctx.dispatch({ type: 'flash', text: `cannot save: ${(e as Error).message}`, level: 'error' });
  }
}

function copy(ctx: KeyContext, text: string): void {
  const seq = osc52(text, !!process.env.TMUX);
  if (!seq) return void ctx.dispatch({ type: 'flash', text: 'too large for the clipboard (terminals take about 75 KB): Ctrl-S saves it', level: 'error' });
  ctx.writeRaw(seq);
  ctx.dispatch({ type: 'flash', text: `copied ${text.split('\n').length} lines to the clipboard` });
}

/** The decoded Secret, if the pane shows one and x is still on (keys typed ahead can turn it off before the pane is drawn again). */
function decodedSecret(ctx: KeyContext): { namespace: string; name: string; decoded: string } | undefined {
  const secret = ctx.paneExport?.secret;
  return ctx.state.pane.decode && secret?.decoded !== undefined ? { ...secret, decoded: secret.decoded } : undefined;
}

/** A decoded Secret leaves the screen only after a second yes: asks it (the file named, never overwritten). */
function askReveal(ctx: KeyContext, secret: { namespace: string; name: string }, to: RevealAction['to'], fileName: string): void {
  ctx.dispatch({ type: 'confirm', action: { type: 'reveal', to, namespace: secret.namespace, name: secret.name, path: to === 'file' ? freePath(process.cwd(), fileName) : undefined } });
}

/** After that yes: writes (0600) or copies the decoded Secret as stringData, if the pane still shows that Secret decoded. */
export function revealConfirmed(ctx: KeyContext, a: RevealAction): void {
  const secret = decodedSecret(ctx);
  if (!secret || secret.namespace !== a.namespace || secret.name !== a.name) {
    return void ctx.dispatch({ type: 'flash', text: `secret ${a.namespace}/${a.name} is no longer shown decoded: nothing written`, level: 'error' });
  }
  if (a.to === 'clipboard' || !a.path) return copy(ctx, secret.decoded);
  const path = a.path;
  save(ctx, () => (writeNewFile(path, secret.decoded, SECRET_FILE_MODE), `saved to ${shownPath(path)} (decoded, under stringData, mode 0600)`));
}

// As k9s's log view: 0 the last lines, 2-6 a time span.
const SINCE_KEYS: Record<string, PaneOptions['since']> = { '0': '', '2': '1m', '3': '5m', '4': '15m', '5': '30m', '6': '1h' };

const toggle = (ctx: KeyContext, option: 'managedFields' | 'wrap' | 'previous' | 'timestamps' | 'filter' | 'json' | 'allContainers', only?: DetailMode) => {
  if (only && ctx.state.detail !== only) return void ctx.dispatch({ type: 'flash', text: `that key works in the ${only} pane` });
  // What is toggled is what the pane shows now: a per-object toggle left on another row counts as off here.
  ctx.dispatch({ type: 'pane', options: { [option]: !paneInForce(ctx.state, ctx.model.keys[cursorOf(ctx)])[option] } });
};

/** The detail pane's own commands: search, toggles, save and copy. */
export const PANE_COMMANDS: Pick<Record<Command, (ctx: KeyContext) => void>, 'paneSearch' | 'searchNext' | 'searchPrev' | 'managedFields' | 'wrap' | 'previousLogs' | 'timestamps' | 'filterLines' | 'jsonCompact' | 'allContainers' | 'since' | 'follow' | 'decode' | 'savePane' | 'copyPane'> = {
  paneSearch: (ctx) => ctx.dispatch({ type: 'openPrompt', mode: 'search', text: ctx.state.pane.search }),
  searchNext: (ctx) => toMatch(ctx, true),
  searchPrev: (ctx) => toMatch(ctx, false),
  managedFields: (ctx) => {
    if (onDeleted(ctx)) return;
    if (ctx.state.detail === 'yaml') pinCursor(ctx);
    toggle(ctx, 'managedFields', 'yaml');
  },
  wrap: (ctx) => toggle(ctx, 'wrap'),
  previousLogs: (ctx) => {
    if (onDeleted(ctx)) return;
    if (ctx.state.detail === 'logs') pinCursor(ctx);
    toggle(ctx, 'previous', 'logs');
  },
  timestamps: (ctx) => toggle(ctx, 'timestamps', 'logs'),
  filterLines: (ctx) => (ctx.state.pane.search ? toggle(ctx, 'filter') : ctx.dispatch({ type: 'flash', text: 'search first (/): F then shows only the matching lines' })),
  jsonCompact: (ctx) => toggle(ctx, 'json', 'logs'),
  allContainers: (ctx) => {
    if (onDeleted(ctx)) return;
    if (ctx.state.detail === 'logs') pinCursor(ctx);
    toggle(ctx, 'allContainers', 'logs');
  },
  since: (ctx) => {
    if (ctx.state.detail !== 'logs') return void ctx.dispatch({ type: 'flash', text: 'that key works in the logs pane' });
    const since = SINCE_KEYS[ctx.key ?? ''];
    if (since !== undefined) ctx.dispatch({ type: 'pane', options: { since } });
  },
  follow: (ctx) => ctx.dispatch({ type: 'follow', on: !ctx.state.follow, max: ctx.paneLines.length - 1, page: ctx.pageSize }),
  decode: (ctx) => {
    if (onDeleted(ctx)) return;
    if (ctx.state.detail !== 'yaml' || objectAt(ctx)?.kind !== 'Secret') return void ctx.dispatch({ type: 'flash', text: 'x decodes a Secret in the YAML pane' });
    pinCursor(ctx);
    ctx.dispatch({ type: 'pane', options: { decode: !paneInForce(ctx.state, ctx.model.keys[cursorOf(ctx)]).decode } });
  },
  // A Secret is saved and copied as the API returns it (base64), decoded only after a second yes.
  savePane: (ctx) => {
    const ex = ctx.paneExport;
    if (!ex) return;
    const secret = decodedSecret(ctx);
    if (secret) return askReveal(ctx, secret, 'file', ex.fileName);
    save(ctx, () => savePane(process.cwd(), ex.fileName, ex.text(), ex.secret ? SECRET_FILE_MODE : undefined));
  },
  copyPane: (ctx) => {
    const ex = ctx.paneExport;
    if (!ex) return;
    const secret = decodedSecret(ctx);
    if (secret) return askReveal(ctx, secret, 'clipboard', ex.fileName);
    copy(ctx, ex.text());
  },
};
