import { Box } from 'ink';
import { Text } from './text.js';
import { memo, type ReactNode } from 'react';
import { POD_SEPARATOR } from '../../model/view/merged-log.js';
import { yamlSegments, type YamlKind } from '../../model/view/pane-text.js';
import { fit } from '../../model/view/table-layout.js';
import type { DetailMode } from '../state/ui-state.js';
import { accent, useTheme, type Theme } from '../theme.js';

/** Props of the detail pane: its lines are computed by the caller from the live object. */
export interface DetailPaneProps {
  mode: DetailMode;
  title: string;
  lines: readonly string[];
  scroll: number;
  height: number;
  width: number;
  focused: boolean;
  /** The pane's search: its matches are shown inverted. */
  search?: RegExp;
  /** Lines that changed a moment ago: shown bold. */
  changed?: ReadonlySet<number>;
}

const MODES: DetailMode[] = ['yaml', 'describe', 'events', 'logs'];
const YAML_COLOURS: Record<YamlKind, Parameters<typeof accent>[1] | undefined> = { key: 'cyan', string: 'green', number: 'magenta', bool: 'yellow', text: undefined };

/** A line's text with the search's matches inverted (pieces of plain text otherwise). */
function highlighted(text: string, search: RegExp | undefined, key: string) {
  if (!search) return text;
  const out: ReactNode[] = [];
  let last = 0;
  search.lastIndex = 0;
  for (let m = search.exec(text); m; m = search.exec(text)) {
    if (m[0] === '') {
      search.lastIndex++;
      continue;
    }
    out.push(text.slice(last, m.index), <Text key={`${key}:${m.index}`} inverse>{m[0]}</Text>);
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

const POD_COLOURS = ['cyan', 'green', 'magenta', 'yellow', 'blue'] as const;

/** A stable colour per pod name, so a pod keeps its colour in a merged log. */
function podColour(name: string): (typeof POD_COLOURS)[number] {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return POD_COLOURS[h % POD_COLOURS.length];
}

/** One line of the pane: YAML in colours, a merged log's pod in its colour, any mode with search matches marked. */
const PaneLine = memo(function PaneLine({ text, yaml, logs, search, theme, bold }: { text: string; yaml: boolean; logs: boolean; search?: RegExp; theme: Theme; bold: boolean }) {
  if (!text) return <Text> </Text>;
  if (bold) return <Text wrap="truncate" bold>{highlighted(text, search, 'l')}</Text>;
  const sep = logs && theme.color ? text.indexOf(POD_SEPARATOR) : -1;
  if (sep > 0) {
    const pod = text.slice(0, sep);
    return (
      <Text wrap="truncate">
        <Text color={accent(theme, podColour(pod))}>{pod}</Text>
        {highlighted(text.slice(sep), search, 'l')}
      </Text>
    );
  }
  if (!yaml || !theme.color) return <Text wrap="truncate">{highlighted(text, search, 'l')}</Text>;
  return (
    <Text wrap="truncate">
      {yamlSegments(text).map((s, i) => (
        <Text key={i} color={YAML_COLOURS[s.kind] ? accent(theme, YAML_COLOURS[s.kind]!) : undefined}>
          {highlighted(s.text, search, String(i))}
        </Text>
      ))}
    </Text>
  );
});

/** The inspector beside (or under) the table: a title bar with the modes, and a scrolled window of lines. */
export function DetailPane({ mode, title, lines, scroll, height, width, focused, search, changed }: DetailPaneProps) {
  const theme = useTheme();
  const body = Math.max(0, height - 1);
  const top = Math.min(scroll, Math.max(0, lines.length - body));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate" inverse={focused} color={focused ? undefined : accent(theme, 'cyan')}>
        {fit(`${focused ? '▶ ' : '  '}${MODES.map((m) => (m === mode ? `[${m}]` : m)).join(' ')}  ${title}  ${lines.length ? `${top + 1}-${Math.min(lines.length, top + body)}/${lines.length}` : ''}`, width)}
      </Text>
      {lines.slice(top, top + body).map((l, i) => (
        <PaneLine key={top + i} text={l} yaml={mode === 'yaml'} logs={mode === 'logs'} search={search} theme={theme} bold={!!changed?.has(top + i)} />
      ))}
    </Box>
  );
}
