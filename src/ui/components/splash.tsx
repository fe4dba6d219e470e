import { useInput, useApp } from 'ink';
import { Text } from './text.js';
import { sanitize } from '../../model/sanitize.js';

/** What kdrill shows while it connects: one line, and q or Ctrl-C already quit. */
export function Splash({ text, color }: { text: string; color: boolean }) {
  const { exit } = useApp();
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) exit();
  });
  return (
    <Text>
      <Text bold color={color ? 'cyan' : undefined}>
        kdrill
      </Text>
      {`  ${sanitize(text, true)}`}
    </Text>
  );
}
