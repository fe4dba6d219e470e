import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { sanitize } from '../../model/sanitize.js';
import { accent, useTheme } from '../theme.js';

/** A list to choose from (`:ns`, `:ctx`), with ink-select-input; escape closes it. */
export function Picker({ title, items, current, height, onSelect }: { title: string; items: string[]; current?: string; height: number; onSelect: (value: string) => void }) {
  const theme = useTheme();
  const choices = items.map((i) => ({ label: sanitize(i, true) + (i === current ? '  (current)' : ''), value: i }));
  const initial = Math.max(0, items.indexOf(current ?? ''));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={accent(theme, 'cyan')}>{`${title} (enter to choose, escape to close)`}</Text>
      {choices.length ? <SelectInput items={choices} initialIndex={initial} limit={Math.max(3, height - 2)} onSelect={(item) => onSelect(item.value)} /> : <Text dimColor>nothing to choose from</Text>}
    </Box>
  );
}
