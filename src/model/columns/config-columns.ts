/** Columns of configuration and access kinds: config maps, secrets, service accounts, HPAs, RBAC bindings. */
import type { ColumnSet } from './column.js';
import { ageColumn, intColumn, nameColumn, textColumn } from './common.js';
import { at, int, isObject, isSet, list, obj, quantity, str } from './read.js';

const size = (value: unknown): number => Object.keys(obj(value)).length;

/** NAME DATA AGE (data plus binaryData keys). */
export const configMapColumns: ColumnSet = [
  nameColumn,
  intColumn('DATA', (o) => size(at(o, 'data')) + size(at(o, 'binaryData'))),
  ageColumn,
];

/** NAME TYPE DATA AGE. */
export const secretColumns: ColumnSet = [
  nameColumn,
  textColumn('TYPE', (o) => str(at(o, 'type'))),
  intColumn('DATA', (o) => size(at(o, 'data'))),
  ageColumn,
];

/** NAME AGE: the server stopped printing SECRETS (tokens are no longer listed in `secrets`). */
export const serviceAccountColumns: ColumnSet = [nameColumn, ageColumn];

/** A utilization percentage ("50%") or `fallback` when unset. */
function percent(value: unknown, fallback: string): string {
  return isSet(value) ? `${int(value)}%` : fallback;
}

/** One metric of formatHPAMetrics: "cpu: 45%/80%", "memory: 100Mi/200Mi", "5/10 (avg)", ... */
function formatMetric(spec: unknown, status: unknown): string {
  const target = (source: string) => at(spec, source, 'target');
  const current = (source: string) => at(status, source, 'current');
  const has = (source: string) => isSet(at(status, source));
  switch (at(spec, 'type')) {
    case 'External':
    case 'Object': {
      const source = at(spec, 'type') === 'External' ? 'external' : 'object';
      if (isSet(at(target(source), 'averageValue'))) {
        const cur = has(source) && isSet(at(current(source), 'averageValue'))
          ? quantity(at(current(source), 'averageValue')) : '<unknown>';
        return `${cur}/${quantity(at(target(source), 'averageValue'))} (avg)`;
      }
      const cur = has(source) ? quantity(at(current(source), 'value')) : '<unknown>';
      return `${cur}/${quantity(at(target(source), 'value'))}`;
    }
    case 'Pods': {
      const cur = has('pods') ? quantity(at(current('pods'), 'averageValue')) : '<unknown>';
      return `${cur}/${quantity(at(target('pods'), 'averageValue'))}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const source = at(spec, 'type') === 'Resource' ? 'resource' : 'containerResource';
      const name = str(at(spec, source, 'name'));
      if (isSet(at(target(source), 'averageValue'))) {
        const cur = has(source) ? quantity(at(current(source), 'averageValue')) : '<unknown>';
        return `${name}: ${cur}/${quantity(at(target(source), 'averageValue'))}`;
      }
      const cur = has(source) ? percent(at(current(source), 'averageUtilization'), '<unknown>') : '<unknown>';
      return `${name}: ${cur}/${percent(at(target(source), 'averageUtilization'), '<auto>')}`;
    }
    default:
      return '<unknown type>';
  }
}

/** autoscaling/v1's CPU fields, converted to v2 metrics as the API server does. */
function v1Metrics(o: unknown): { specs: unknown[]; statuses: unknown[] } {
  const target = at(o, 'spec', 'targetCPUUtilizationPercentage');
  if (!isSet(target)) return { specs: [], statuses: [] };
  const current = at(o, 'status', 'currentCPUUtilizationPercentage');
  return {
    specs: [{ type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: target } } }],
    statuses: isSet(current) ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }] : [],
  };
}

/** The TARGETS column: up to two metrics, then "+ N more...", "<none>" without metrics. */
export function formatHpaMetrics(o: unknown): string {
  let specs = list(at(o, 'spec', 'metrics'));
  let statuses = list(at(o, 'status', 'currentMetrics'));
  if (specs.length === 0 && isObject(at(o, 'spec')) && !isSet(at(o, 'spec', 'metrics'))) {
    ({ specs, statuses } = v1Metrics(o));
  }
  if (specs.length === 0) return '<none>';
  const items = specs.map((spec, i) => formatMetric(spec, statuses[i]));
  const shown = items.slice(0, 2).join(', ');
  return items.length > 2 ? `${shown} + ${items.length - 2} more...` : shown;
}

/** NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. */
export const horizontalPodAutoscalerColumns: ColumnSet = [
  nameColumn,
  textColumn('REFERENCE', (o) => `${str(at(o, 'spec', 'scaleTargetRef', 'kind'))}/${str(at(o, 'spec', 'scaleTargetRef', 'name'))}`),
  textColumn('TARGETS', formatHpaMetrics),
  {
    ...intColumn('MINPODS', (o) => int(at(o, 'spec', 'minReplicas'))),
    text: (o) => (isSet(at(o, 'spec', 'minReplicas')) ? String(int(at(o, 'spec', 'minReplicas'))) : '<unset>'),
  },
  intColumn('MAXPODS', (o) => int(at(o, 'spec', 'maxReplicas'))),
  intColumn('REPLICAS', (o) => int(at(o, 'status', 'currentReplicas'))),
  ageColumn,
];

/** rbac.SubjectsStrings: users, groups and "namespace/name" service accounts, each joined by ", ". */
function subjects(o: unknown, kind: 'User' | 'Group' | 'ServiceAccount'): string {
  return list(at(o, 'subjects'))
    .filter((s) => at(s, 'kind') === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${str(at(s, 'namespace'))}/${str(at(s, 'name'))}` : str(at(s, 'name'))))
    .join(', ');
}

/** Role and cluster role bindings: NAME ROLE AGE | wide: USERS GROUPS SERVICEACCOUNTS. */
export const roleBindingColumns: ColumnSet = [
  nameColumn,
  textColumn('ROLE', (o) => `${str(at(o, 'roleRef', 'kind'))}/${str(at(o, 'roleRef', 'name'))}`),
  ageColumn,
  textColumn('USERS', (o) => subjects(o, 'User'), { priority: 1 }),
  textColumn('GROUPS', (o) => subjects(o, 'Group'), { priority: 1 }),
  textColumn('SERVICEACCOUNTS', (o) => subjects(o, 'ServiceAccount'), { priority: 1 }),
];

/** printResourceQuota's cells: "name: used/hard" by sorted resource name, `limits.*` in the LIMIT column. */
function quotaCells(o: unknown, limits: boolean): string {
  const hard = obj(at(o, 'status', 'hard'));
  const used = obj(at(o, 'status', 'used'));
  return Object.keys(hard)
    .sort()
    .filter((name) => (name.split('.').length > 1 && name.split('.')[0] === 'limits') === limits)
    .map((name) => `${name}: ${quantity(used[name] ?? '0')}/${quantity(hard[name])}`)
    .join(', ');
}

/** NAME REQUEST LIMIT AGE (ResourceQuotas). */
export const resourceQuotaColumns: ColumnSet = [
  nameColumn,
  textColumn('REQUEST', (o) => quotaCells(o, false), { description: 'Request represents a minimum amount of cpu/memory that a container may consume.' }),
  textColumn('LIMIT', (o) => quotaCells(o, true), {
    description: 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
  }),
  ageColumn,
];
