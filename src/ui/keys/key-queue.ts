import { commandFor } from './bindings.js';
import { focusedView } from './key-context.js';
import type { KeyToken } from './key-name.js';
import type { UiState } from '../state/ui-state.js';

/** What the dispatcher knows of the screen when a key is next in line. */
export interface QueueSituation {
  /** The state after every key handled so far. */
  state: UiState;
  /** Whether the last render showed that state (so its rows, cursor and pane lines are its). */
  rendered: boolean;
  /** The rows of the view the last render showed are still being listed. */
  loading: boolean;
  /** Why that view's list failed, if it did. */
  failed?: string;
  /** The terminal is too small: only quitting is possible. */
  tooSmall: boolean;
  /** The key was typed before the open question (a write's confirmation) was on screen. */
  typedBeforeQuestion?: boolean;
  /** The pane shows the cache's slim object while the whole one is being read. */
  paneLoading?: boolean;
}

const PANE_EXPORTS = new Set(['savePane', 'copyPane']);

/** What to do with the key next in line. */
export type QueueStep = 'run' | 'wait-render' | 'wait-rows' | 'wait-pane' | 'drop' | { drop: string };

/** Keys that are answered at once, whatever is on screen or still queued. */
export function isUrgent(token: KeyToken, tooSmall: boolean): boolean {
  return token.name === 'ctrl+c' || (tooSmall && token.name === 'q');
}

/**
 * Decides whether a key runs now. A key acts on the state every earlier key left: when it
 * needs the screen (rows, the cursor's object, the pane's lines) it waits until a render has
 * shown that state, and a key that acts on rows waits for the view's first list.
 * Only typing into a prompt needs no render (Enter in the pane search does: it goes to a match); a dialog is answered only by keys
 * typed after it was drawn.
 */
export function nextStep(token: KeyToken, s: QueueSituation): QueueStep {
  if (s.tooSmall) return 'drop';
  // A question is answered only by a key typed once it was on screen: `ry` or Ctrl-D `y` in one
  // burst must never write without the question having been seen.
  if (s.state.confirm && !s.rendered) return 'wait-render';
  if (s.state.confirm && s.typedBeforeQuestion) return { drop: `${keyLabel(token)} dropped: typed before the question was shown; answer it now` };
  if (s.state.confirm) return 'run';
  // The pane search needs the pane's lines only on Enter (to go to a match): typing into it runs
  // at once, as a paste of any length must (one render per key nests updates past React's limit).
  if (s.state.prompt && (s.state.prompt.mode !== 'search' || token.name !== 'enter')) return 'run';
  if (!s.rendered) return 'wait-render';
  if (s.state.prompt || s.state.picker || s.state.help) return 'run';
  const focus = s.state.detail && s.state.focus === 'detail' ? 'detail' : 'table';
  // Table keys act on rows (the cursor's object, moves, drills, writes); global ones do not.
  if (focus === 'table' && commandFor(token.name, ['table'], focusedView(s.state))) {
    if (s.failed) return { drop: `${keyLabel(token)} dropped: ${s.failed}` };
    if (s.loading) return 'wait-rows';
  }
  // Saving or copying a pane takes the whole object, not the slim one that stands in until it comes.
  if (s.paneLoading && s.state.detail && PANE_EXPORTS.has(commandFor(token.name, focus === 'detail' ? ['detail'] : ['table', 'detail'], focusedView(s.state)) ?? '')) return 'wait-pane';
  return 'run';
}

/** A key as the footer names it. */
export function keyLabel(token: KeyToken): string {
  return token.name === 'enter' ? 'Enter' : token.name;
}
