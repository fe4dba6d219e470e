import { Box } from 'ink';
import { Text } from './text.js';
import { sanitize } from '../../model/sanitize.js';
import type { PickerModel } from '../keys/key-context.js';
import { accent, useTheme } from '../theme.js';

/** A list to choose from (`:ns`, `:ctx`); its keys go through the dispatcher like every other key. */
export function Picker({ picker, height }: { picker: PickerModel; height: number }) {
  const theme = useTheme();
  const rows = Math.max(1, height - 1);
  const at = Math.max(0, picker.items.indexOf(picker.cursor));
  const from = Math.max(0, Math.min(at - Math.floor(rows / 2), picker.items.length - rows));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={accent(theme, 'cyan')}>{`${picker.title} (enter to choose, escape to close)  ${picker.typed !== undefined ? `/${sanitize(picker.typed, true)}` : 'type to narrow'}`}</Text>
      {picker.items.length === 0 ? <Text dimColor>{picker.typed ? 'nothing matches what is typed (backspace to widen)' : 'nothing to choose from'}</Text> : null}
      {picker.items.slice(from, from + rows).map((item, i) => (
        <Text key={item} wrap="truncate" color={from + i === at ? accent(theme, 'cyan') : undefined}>
          {`${from + i === at ? '❯' : ' '} ${sanitize(item, true)}${item === picker.current ? '  (current)' : ''}`}
        </Text>
      ))}
    </Box>
  );
}
