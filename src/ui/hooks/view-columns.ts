import { COLUMN_SETS, columnsFor, crdColumns } from '../../model/columns/index.js';
import type { Column } from '../../model/columns/column.js';
import { withMetricsColumns } from '../../model/columns/metrics-columns.js';
import type { MetricsData } from '../../model/metrics/usage-data.js';
import type { TableMemo } from '../../model/view/table-memo.js';
import { columnPicks, visibleColumns, type RowCache, type RowSource } from '../../model/view/table-rows.js';
import type { KubeObject } from '../../model/types.js';

const NO_USAGE: MetricsData = { pods: new Map(), nodes: new Map(), stamp: -1 };

/** What decides a table's columns: the kind's id, its CRD (custom resources), the namespaces shown, wide, and this poll's usage. */
export interface ColumnsOf {
  id: string;
  /** The kind's CRD and served version, for a custom resource; its key says which state of the CRD. */
  crd?: { object: KubeObject; version: string | undefined; key: string };
  allNamespaces: boolean;
  wide: boolean;
  metrics: MetricsData | undefined;
}

/**
 * A table's columns and the row cache that belongs to them, from the memo: the same layout is
 * the same columns, so rows built for it (on screen or ahead of time) are found again.
 */
export function viewColumns(memo: TableMemo, { id, crd, allNamespaces, wide, metrics }: ColumnsOf): { columns: Column[]; rows: RowCache; source?: RowSource } {
  // Not the poll: rows hold no usage (live) cells, so a metrics poll builds no row again.
  const layout = `${id}|${crd?.key ?? ''}|${allNamespaces}|${wide}|`;
  const key = layout + (metrics ? 'metrics' : '-');
  const make = (m: MetricsData | undefined) => {
    const set = crd ? crdColumns(crd.object, crd.version) : withMetricsColumns(columnsFor(id), id, m);
    return visibleColumns(set, allNamespaces, (c) => wide && id === 'pods' && (c.name === 'IP' || c.name === 'NODE'));
  };
  // The memo keeps the layout's columns over no usage: a poll's data is not held past its time.
  const made = memo.columns(key, () => make(metrics && NO_USAGE));
  // Rows of the same table with (or without) usage columns lend their cells: metrics arriving,
  // or pending again after a switch back, cost no row built again.
  const other = memo.peekColumns(layout + (metrics ? '-' : 'metrics'));
  const picks = other && columnPicks(other.columns, made.columns);
  const source = picks ? { rows: other.rows, picks } : undefined;
  // The same layout with this poll's usage behind its live columns.
  return metrics && !crd ? { columns: make(metrics), rows: made.rows, source } : { ...made, source };
}

/** Whether a kind has built-in columns (else a CRD's decide). */
export const hasBuiltInColumns = (id: string): boolean => Object.hasOwn(COLUMN_SETS, id);
