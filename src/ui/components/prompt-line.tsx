import { forwardPromptText } from '../forward-dialog.js';
import { Text } from './text.js';
import { sanitize } from '../../model/sanitize.js';
import type { Prompt } from '../state/ui-state.js';
import { accent, useTheme } from '../theme.js';

/** The `:` command, `/` filter or replica count being typed, its error, and (for filters) the match count. */
export function PromptLine({ prompt, matches, total, context = '' }: { prompt: Prompt; matches?: number; total?: number; context?: string }) {
  const theme = useTheme();
  const sigil = prompt.mode === 'command' ? ':' : prompt.mode === 'filter' ? '/' : prompt.forward ? sanitize(forwardPromptText(prompt.forward, context), true) : `scale ${prompt.scale?.kind.toLowerCase()} ${sanitize(prompt.scale?.name, true)} to replicas: `;
  return (
    <Text wrap="truncate">
      <Text bold color={accent(theme, 'cyan')}>{sigil}</Text>
      {prompt.selected ? (
        <>
          <Text inverse>{sanitize(prompt.text, true)}</Text>
          <Text inverse> </Text>
        </>
      ) : (
        <Typed text={prompt.text} cursor={prompt.cursor} />
      )}
      {prompt.error ? <Text color={accent(theme, 'red')}>{`  ${sanitize(prompt.error, true)}`}</Text> : null}
      {!prompt.error && prompt.mode === 'filter' && matches !== undefined ? <Text dimColor>{`  ${matches}/${total} match`}</Text> : null}
    </Text>
  );
}

/** The typed text with the cursor drawn on the character it is on (a space at the end). */
function Typed({ text, cursor }: { text: string; cursor?: number }) {
  const at = Math.max(0, Math.min(text.length, cursor ?? text.length));
  return (
    <>
      {sanitize(text.slice(0, at), true)}
      <Text inverse>{at < text.length ? sanitize(text[at], true) : ' '}</Text>
      {sanitize(text.slice(at + 1), true)}
    </>
  );
}

/** A write waiting for confirmation: the question, and the keys that answer it. */
export function ConfirmLine({ text }: { text: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      <Text bold inverse color={accent(theme, 'yellow')}>{` ${sanitize(text, true)} `}</Text>
      <Text>{'  y yes  n no'}</Text>
    </Text>
  );
}
