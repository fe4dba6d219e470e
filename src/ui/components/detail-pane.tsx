import { Box, Text } from 'ink';
import { fit } from '../../model/view/table-layout.js';
import type { DetailMode } from '../state/ui-state.js';
import { accent, useTheme } from '../theme.js';

/** Props of the detail pane: its lines are computed by the caller from the live object. */
export interface DetailPaneProps {
  mode: DetailMode;
  title: string;
  lines: readonly string[];
  scroll: number;
  height: number;
  width: number;
  focused: boolean;
}

const MODES: DetailMode[] = ['yaml', 'describe', 'events', 'logs'];

/** The inspector beside (or under) the table: a title bar with the modes, and a scrolled window of lines. */
export function DetailPane({ mode, title, lines, scroll, height, width, focused }: DetailPaneProps) {
  const theme = useTheme();
  const body = Math.max(0, height - 1);
  const top = Math.min(scroll, Math.max(0, lines.length - body));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate" inverse={focused} color={focused ? undefined : accent(theme, 'cyan')}>
        {fit(` ${MODES.map((m) => (m === mode ? `[${m}]` : m)).join(' ')}  ${title}  ${lines.length ? `${top + 1}-${Math.min(lines.length, top + body)}/${lines.length}` : ''}`, width)}
      </Text>
      {lines.slice(top, top + body).map((l, i) => (
        <Text key={top + i} wrap="truncate">
          {l || ' '}
        </Text>
      ))}
    </Box>
  );
}
