/** CPU and memory columns from metrics.k8s.io, as k9s shows them on pods, containers and nodes. */
import type { Column, ColumnSet, LiveRow } from './column.js';
import { parseQuantity } from '../format/quantity.js';
import type { MetricsData, PodUsage, Usage } from '../metrics/usage-data.js';
import type { KubeObject } from '../types.js';
import { at, list } from './read.js';
import { flatKey } from '../flat-key.js';

const MI = 1024 * 1024;

/** Millicores as `kubectl top` prints them: `108m`. */
export const cpuText = (milli: number): string => (milli ? `${milli}m` : '0');
/** Bytes as `kubectl top` prints them: `183Mi` (whole mebibytes, rounded down). */
export const memText = (bytes: number): string => (bytes ? `${Math.floor(bytes / MI)}Mi` : '0');

// Numbers as JavaScript prints them, exponent forms (of the absurdly large or small) included, and
// Infinity and NaN: a quantity of 310 digits reads as Infinity, a percentage of it as Infinity or NaN.
const NUMBER_CHARS = '0123456789.e+-InfityNa';
/** Every character cpuText can write (a property test holds it to that). */
export const CPU_CHARS = `${NUMBER_CHARS}m`;
/** Every character memText can write. */
export const MEM_CHARS = `${NUMBER_CHARS}Mi`;
/** Every character percentText can write. */
export const PERCENT_CHARS = `${NUMBER_CHARS}n/a`;

/** k9s's ToPercentageStr: a whole percentage rounded down, `n/a` without a base. */
export function percentText(value: number, base: number): string {
  return base > 0 ? String(Math.floor((value / base) * 100)) : 'n/a';
}
// n/a sorts below every percentage.
const percentSort = (value: number, base: number): number => (base > 0 ? value / base : -1);

type Amount = (o: KubeObject) => number;

// Usage changes with every poll, not with the object: such a column is live (see Column.live).
function metricColumn(name: string, text: (o: KubeObject) => string, sort: Amount, description: string, liveChars: string | false): Column {
  return { name, type: 'number', priority: 0, description, text, sort, live: liveChars !== false, ...(liveChars ? { liveChars } : {}) };
}

/** What a pod's containers request or limit in sum (k9s counts the app containers, not init ones). */
export function containerResources(containers: unknown, field: 'requests' | 'limits'): Usage {
  let cpu = 0;
  let mem = 0;
  for (const c of list(containers)) {
    cpu += Number(parseQuantity(at(c, 'resources', field, 'cpu'))?.milli ?? 0n);
    mem += Number((parseQuantity(at(c, 'resources', field, 'memory'))?.milli ?? 0n) / 1000n);
  }
  return { cpuMilli: cpu, memBytes: mem };
}

/** CPU, %CPU/R, %CPU/L, MEM, %MEM/R, %MEM/L of something whose usage and resources the getters give. */
function usageColumns(usage: (o: KubeObject) => Usage | undefined, resources: (o: KubeObject, f: 'requests' | 'limits') => Usage, byRow?: (row: LiveRow) => Usage | undefined): Column[] {
  // A row's cells are computed column after column for one object: its usage is looked up once.
  let last: KubeObject | undefined;
  let lastUse: Usage = { cpuMilli: 0, memBytes: 0 };
  const use = (o: KubeObject) => (o === last ? lastUse : ((last = o), (lastUse = usage(o) ?? { cpuMilli: 0, memBytes: 0 })));
  const pct = (name: string, pick: (u: Usage) => number, field: 'requests' | 'limits', what: string) =>
    metricColumn(name, (o) => percentText(pick(use(o)), pick(resources(o, field))), (o) => percentSort(pick(use(o)), pick(resources(o, field))), `${what} usage as a share of the ${field}.`, PERCENT_CHARS);
  return [
    { ...metricColumn('CPU', (o) => cpuText(use(o).cpuMilli), (o) => use(o).cpuMilli, 'CPU usage (metrics.k8s.io), in millicores.', CPU_CHARS), liveSortOf: byRow && ((r) => byRow(r)?.cpuMilli ?? 0) },
    pct('%CPU/R', (u) => u.cpuMilli, 'requests', 'CPU'),
    pct('%CPU/L', (u) => u.cpuMilli, 'limits', 'CPU'),
    { ...metricColumn('MEM', (o) => memText(use(o).memBytes), (o) => use(o).memBytes, 'Memory working set (metrics.k8s.io), in MiB.', MEM_CHARS), liveSortOf: byRow && ((r) => byRow(r)?.memBytes ?? 0) },
    pct('%MEM/R', (u) => u.memBytes, 'requests', 'Memory'),
    pct('%MEM/L', (u) => u.memBytes, 'limits', 'Memory'),
  ];
}

// A pod's requests and limits, read once per object state: every poll shows them again.
const podResources = new WeakMap<KubeObject, Record<'requests' | 'limits', Usage>>();
function podResource(o: KubeObject, field: 'requests' | 'limits'): Usage {
  let r = podResources.get(o);
  if (!r) podResources.set(o, (r = { requests: containerResources(at(o, 'spec', 'containers'), 'requests'), limits: containerResources(at(o, 'spec', 'containers'), 'limits') }));
  return r[field];
}

// A pod's `namespace/name`, made once per object state: each poll looks it up again (30,000 times to sort).
const podKeys = new WeakMap<KubeObject, string>();
function podKey(o: KubeObject): string {
  let k = podKeys.get(o);
  if (k === undefined) podKeys.set(o, (k = flatKey(o.metadata?.namespace ?? '', o.metadata?.name ?? '')));
  return k;
}

/** The pods table's metrics columns. */
export function podMetricsColumns(m: MetricsData): Column[] {
  // A pods row's key is its pod's `namespace/name`, the key usage is kept by. A row keeps its pod's
  // usage object: while polls reuse it (stamped with this poll), its figures need no lookup.
  const byRow = (r: LiveRow): PodUsage | undefined => {
    const held = r.liveRef as PodUsage | undefined;
    if (held?.stamp === m.stamp) return held;
    return (r.liveRef = m.pods.get(r.key));
  };
  return usageColumns((o) => m.pods.get(podKey(o)), podResource, byRow);
}

/** The nodes table's metrics columns: usage, allocatable, and usage as a share of allocatable (k9s: CPU, CPU/A, %CPU...). */
export function nodeMetricsColumns(m: MetricsData): Column[] {
  const use = (o: KubeObject) => m.nodes.get(String(o.metadata?.name ?? '')) ?? { cpuMilli: 0, memBytes: 0 };
  const alloc = (o: KubeObject): Usage => ({
    cpuMilli: Number(parseQuantity(at(o, 'status', 'allocatable', 'cpu'))?.milli ?? 0n),
    memBytes: Number((parseQuantity(at(o, 'status', 'allocatable', 'memory'))?.milli ?? 0n) / 1000n),
  });
  return [
    metricColumn('CPU', (o) => cpuText(use(o).cpuMilli), (o) => use(o).cpuMilli, 'CPU usage (metrics.k8s.io), in millicores.', CPU_CHARS),
    metricColumn('CPU/A', (o) => cpuText(alloc(o).cpuMilli), (o) => alloc(o).cpuMilli, 'Allocatable CPU.', false),
    metricColumn('%CPU', (o) => percentText(use(o).cpuMilli, alloc(o).cpuMilli), (o) => percentSort(use(o).cpuMilli, alloc(o).cpuMilli), 'CPU usage as a share of allocatable.', PERCENT_CHARS),
    metricColumn('MEM', (o) => memText(use(o).memBytes), (o) => use(o).memBytes, 'Memory working set (metrics.k8s.io), in MiB.', MEM_CHARS),
    metricColumn('MEM/A', (o) => memText(alloc(o).memBytes), (o) => alloc(o).memBytes, 'Allocatable memory.', false),
    metricColumn('%MEM', (o) => percentText(use(o).memBytes, alloc(o).memBytes), (o) => percentSort(use(o).memBytes, alloc(o).memBytes), 'Memory usage as a share of allocatable.', PERCENT_CHARS),
  ];
}

/** Headers of the containers table's metrics cells (the pods table's, per container). */
export const CONTAINER_METRICS_HEADERS = ['CPU', '%CPU/R', '%CPU/L', 'MEM', '%MEM/R', '%MEM/L'];

/** A container's metrics cells, in CONTAINER_METRICS_HEADERS order. */
export function containerMetricsCells(container: unknown, usage: Usage | undefined): string[] {
  const u = usage ?? { cpuMilli: 0, memBytes: 0 };
  const req = containerResources([container], 'requests');
  const lim = containerResources([container], 'limits');
  return [cpuText(u.cpuMilli), percentText(u.cpuMilli, req.cpuMilli), percentText(u.cpuMilli, lim.cpuMilli), memText(u.memBytes), percentText(u.memBytes, req.memBytes), percentText(u.memBytes, lim.memBytes)];
}

/** Metrics columns by resource: the kinds metrics.k8s.io measures. */
export const METRICS_COLUMN_SETS: Readonly<Record<string, (m: MetricsData) => Column[]>> = Object.freeze({
  pods: podMetricsColumns,
  nodes: nodeMetricsColumns,
});

/** Whether metrics.k8s.io measures a resource ("pods", "nodes"). */
export const measured = (kindKey: string): boolean => Object.hasOwn(METRICS_COLUMN_SETS, kindKey);

/** A kind's columns with its metrics columns before AGE (where k9s has them, before the trailing columns); unchanged without metrics. */
export function withMetricsColumns(columns: ColumnSet, kindKey: string, m: MetricsData | undefined): ColumnSet {
  if (!m || !measured(kindKey)) return columns;
  // Until the first answer the usage columns stand empty (allocatable is the object's): the table keeps its layout when usage comes.
  const extra = METRICS_COLUMN_SETS[kindKey](m).map((c) => (m.pending && c.live ? { ...c, text: () => '' } : c));
  const age = columns.findIndex((c) => c.name === 'AGE');
  const at = age < 0 ? columns.length : age;
  return [...columns.slice(0, at), ...extra, ...columns.slice(at)];
}
