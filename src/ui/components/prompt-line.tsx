import { forwardPromptText } from '../forward-dialog.js';
import { Text } from './text.js';
import { sanitize } from '../../model/sanitize.js';
import type { Prompt } from '../state/ui-state.js';
import { accent, useTheme } from '../theme.js';

/** The part of a typed line that fits `room` cells with the cursor in it: cut at either end with `…`. */
export function typedWindow(text: string, cursor: number, room: number): { text: string; cursor: number } {
  // One cell for the cursor drawn after the text.
  if (text.length + 1 <= room) return { text, cursor };
  const span = Math.max(1, room - 2);
  const start = Math.max(0, Math.min(cursor - span + 1, text.length + 1 - span));
  const cut = text.slice(start, start + span);
  const head = start > 0 ? '…' : '';
  const tail = start + span < text.length ? '…' : '';
  return { text: head + cut + tail, cursor: cursor - start + head.length };
}

/**
 * The `:` command, `/` filter, pane search or replica count being typed, its error, and (for
 * filters and searches) the match count. The count and the cursor are never cut: a line longer
 * than the terminal shows the part around the cursor.
 */
export function PromptLine({ prompt, matches, total, width = Infinity, context = '' }: { prompt: Prompt; matches?: number; total?: number; width?: number; context?: string }) {
  const theme = useTheme();
  const sigil = prompt.mode === 'command' ? ':' : prompt.mode === 'filter' ? '/' : prompt.mode === 'search' ? 'search /' : prompt.forward ? sanitize(forwardPromptText(prompt.forward, context), true) : `scale ${prompt.scale?.kind.toLowerCase()} ${sanitize(prompt.scale?.name, true)} to replicas: `;
  const count = prompt.mode === 'filter' && matches !== undefined ? `  ${matches}/${total} match` : prompt.mode === 'search' && matches !== undefined ? `  ${matches} line${matches === 1 ? '' : 's'} match` : '';
  const after = prompt.error ? `  ${sanitize(prompt.error, true)}` : count;
  const typed = sanitize(prompt.text, true);
  const shown = typedWindow(typed, Math.max(0, Math.min(typed.length, prompt.cursor ?? typed.length)), width - sigil.length - after.length);
  return (
    <Text wrap="truncate">
      <Text bold color={accent(theme, 'cyan')}>{sigil}</Text>
      {prompt.selected ? (
        <>
          <Text inverse>{shown.text}</Text>
          <Text inverse> </Text>
        </>
      ) : (
        <Typed text={shown.text} cursor={shown.cursor} />
      )}
      {prompt.error ? <Text color={accent(theme, 'red')}>{after}</Text> : null}
      {!prompt.error && count ? <Text dimColor>{count}</Text> : null}
    </Text>
  );
}

/** The typed text (sanitised) with the cursor drawn on the character it is on (a space at the end). */
function Typed({ text, cursor }: { text: string; cursor?: number }) {
  const at = Math.max(0, Math.min(text.length, cursor ?? text.length));
  return (
    <>
      {text.slice(0, at)}
      <Text inverse>{at < text.length ? text[at] : ' '}</Text>
      {text.slice(at + 1)}
    </>
  );
}

/**
 * A question that must fit `room` cells: what follows its `?` (a policy, a hint) gives way first;
 * then it keeps what it starts with (the verb and the object) and the context it ends with ("in
 * context X?"), and what is cut is the end of the part between.
 */
export function fitQuestion(text: string, room: number): string {
  if (text.length <= room) return text;
  const q = text.indexOf('?');
  if (q > 0 && q + 1 < text.length) {
    const question = text.slice(0, q + 1);
    return question.length + 3 <= room ? `${question}${text.slice(q + 1, room - 1).trimEnd()}…` : fitQuestion(question, room);
  }
  const at = text.lastIndexOf(' in context ');
  const tail = at > 0 && text.length - at < room - 10 ? text.slice(at) : '';
  const head = tail ? text.slice(0, at) : text;
  return head.slice(0, Math.max(1, room - tail.length - 1)) + '…' + tail;
}

const ANSWERS = '  y yes  n no';

/** A write waiting for confirmation: the question, and the keys that answer it (left out where they do not fit: the footer says them too). */
export function ConfirmLine({ text, width = Infinity }: { text: string; width?: number }) {
  const theme = useTheme();
  const question = sanitize(text, true);
  const answers = question.length + 2 + ANSWERS.length <= width ? ANSWERS : '';
  return (
    <Text wrap="truncate">
      <Text bold inverse color={accent(theme, 'yellow')}>{` ${fitQuestion(question, width - 2 - answers.length)} `}</Text>
      <Text>{answers}</Text>
    </Text>
  );
}
