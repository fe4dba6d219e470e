import { Box } from 'ink';
import { Text } from './text.js';
import type { Health } from '../../model/view/row-health.js';
import { columnWidths, fit, sortedHeaders } from '../../model/view/table-layout.js';
import { healthColor, selectionColor, useTheme } from '../theme.js';

/** Props of a table: already-rendered cells; only the visible window is drawn. */
export interface TableProps {
  headers: readonly string[];
  cells: readonly (readonly string[])[];
  health: readonly Health[];
  cursor: number;
  offset: number;
  height: number;
  width: number;
  focused: boolean;
  empty: string;
  /** Columns that changed a moment ago, per row index: shown bold until the mark fades. */
  changed?: (rowIndex: number) => Set<number> | undefined;
  /** A row's cells as of now (clock columns renewed), for the rows on screen; else `cells`. */
  fresh?: (rowIndex: number) => readonly string[];
  /** The sort in force: its column's header shows the direction. */
  sort?: { column: number; descending: boolean };
}

/** A resource table: a header line and `height - 1` rows from `offset`, the cursor row inverted. */
export function Table({ headers: names, cells, health, cursor, offset, height, width, focused, empty, changed, fresh, sort }: TableProps) {
  const headers = sortedHeaders(names, sort);
  const theme = useTheme();
  const end = Math.min(cells.length, offset + Math.max(0, height - 1));
  const visible: (readonly string[])[] = [];
  for (let i = offset; i < end; i++) visible.push(fresh ? fresh(i) : cells[i]);
  // A two-cell gutter marks the cursor row with `>`, so it shows without colours and in captures.
  let widths = columnWidths(headers, visible, width - 2);
  // A sort by a column that gave way (usage, IPs at 80 columns) is named at the header's end, so
  // that the order is explained; in the room left, else the columns make room for it.
  const hiddenSort = sort && !(widths[sort.column] > 0) ? `  by ${headers[sort.column]}` : '';
  const used = widths.reduce((a, b) => a + b, 0) + 2 * Math.max(0, widths.filter((w) => w > 0).length - 1);
  if (hiddenSort && used + hiddenSort.length > width - 2) widths = columnWidths(headers, visible, width - 2 - hiddenSort.length);
  // No padding after the last column: every character costs Ink work on every frame.
  const shown = widths.flatMap((w, i) => (w > 0 ? [i] : []));
  const line = (row: readonly string[]) => shown.map((i) => fit(row[i] ?? '', widths[i])).join('  ').trimEnd();
  const marked = (row: readonly string[], columns: Set<number> | undefined) =>
    !columns
      ? line(row)
      : shown.map((i, k) => (
          <Text key={i} bold={columns.has(i)}>
            {fit(row[i] ?? '', widths[i]) + (k < shown.length - 1 ? '  ' : '')}
          </Text>
        ));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {'  ' + line(headers) + hiddenSort}
      </Text>
      {visible.length === 0 ? <Text dimColor>{empty}</Text> : null}
      {visible.map((row, i) => {
        const index = offset + i;
        const selected = index === cursor;
        return (
          <Text key={index} wrap="truncate" inverse={selected && focused} underline={selected && !focused} color={(selected && focused && selectionColor(theme)) || healthColor(theme, health[index] ?? 'ok')}>
            {selected ? '> ' : '  '}
            {marked(row, changed?.(index))}
          </Text>
        );
      })}
    </Box>
  );
}
