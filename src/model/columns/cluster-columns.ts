/** Columns of cluster-level kinds: namespaces, nodes, events, CRDs, leases. */
import type { Column, ColumnSet } from './column.js';
import { parseRfc3339, timestampMs, translateTimestampSince } from '../format/duration.js';
import { AGE_DESCRIPTION, ageColumn, intColumn, nameColumn, NAME_DESCRIPTION, textColumn, timeKey } from './common.js';
import { at, int, isSet, list, nameOf, obj, str } from './read.js';

/** NAME STATUS AGE. */
export const namespaceColumns: ColumnSet = [
  nameColumn,
  textColumn('STATUS', (o) => str(at(o, 'status', 'phase')), { description: 'The status of the namespace' }),
  ageColumn,
];

/** The STATUS column of `kubectl get nodes`: "Ready", "NotReady", "Unknown", plus ",SchedulingDisabled". */
export function nodeStatus(o: unknown): string {
  let ready: unknown;
  for (const c of list(at(o, 'status', 'conditions'))) if (at(c, 'type') === 'Ready') ready = c; // last one wins
  const status = [ready === undefined ? 'Unknown' : at(ready, 'status') === 'True' ? 'Ready' : 'NotReady'];
  if (at(o, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/** findNodeRoles: node-role.kubernetes.io/<role> label keys and kubernetes.io/role values, sorted. */
export function nodeRoles(o: unknown): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(obj(at(o, 'metadata', 'labels')))) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role !== '') roles.add(role);
    } else if (key === 'kubernetes.io/role' && str(value) !== '') {
      roles.add(str(value));
    }
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(o: unknown, type: string): string {
  const found = list(at(o, 'status', 'addresses')).find((a) => at(a, 'type') === type);
  return found === undefined ? '<none>' : str(at(found, 'address'));
}

const nodeInfo = (key: string) => (o: unknown) => str(at(o, 'status', 'nodeInfo', key)) || '<unknown>';

/** The server's KERNEL-VERSION cell: the kernel ("<unknown>" when unset), then the architecture in parentheses. */
function nodeKernel(o: unknown): string {
  const arch = str(at(o, 'status', 'nodeInfo', 'architecture'));
  return arch === '' ? nodeInfo('kernelVersion')(o) : `${nodeInfo('kernelVersion')(o)} (${arch})`;
}

/** NAME STATUS ROLES AGE VERSION | wide: INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodeColumns: ColumnSet = [
  nameColumn,
  textColumn('STATUS', nodeStatus, { description: 'The status of the node' }),
  textColumn('ROLES', nodeRoles, { description: 'The roles of the node' }),
  ageColumn,
  textColumn('VERSION', (o) => str(at(o, 'status', 'nodeInfo', 'kubeletVersion'))),
  textColumn('INTERNAL-IP', (o) => nodeAddress(o, 'InternalIP'), { priority: 1 }),
  textColumn('EXTERNAL-IP', (o) => nodeAddress(o, 'ExternalIP'), { priority: 1 }),
  textColumn('OS-IMAGE', nodeInfo('osImage'), { priority: 1 }),
  textColumn('KERNEL-VERSION', nodeKernel, { priority: 1 }),
  textColumn('CONTAINER-RUNTIME', nodeInfo('containerRuntimeVersion'), { priority: 1 }),
];

/** The fields printEvent reads, in core/v1 Event terms. */
interface EventFields {
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  eventTime: unknown;
  count: unknown;
  series: unknown;
  involvedObject: unknown;
  source: unknown;
  message: unknown;
  reportingController: unknown;
  reportingInstance: unknown;
}

/** A core/v1 Event's own fields. */
function coreEvent(o: unknown): EventFields {
  const f = (key: string) => at(o, key);
  return {
    firstTimestamp: f('firstTimestamp'), lastTimestamp: f('lastTimestamp'), eventTime: f('eventTime'),
    count: f('count'), series: f('series'), involvedObject: f('involvedObject'), source: f('source'),
    message: f('message'), reportingController: f('reportingComponent'), reportingInstance: f('reportingInstance'),
  };
}

/** An events.k8s.io/v1 Event mapped onto core/v1 fields, as the API server converts it. */
function eventsApiEvent(o: unknown): EventFields {
  const f = (key: string) => at(o, key);
  return {
    firstTimestamp: f('deprecatedFirstTimestamp'), lastTimestamp: f('deprecatedLastTimestamp'),
    eventTime: f('eventTime'), count: f('deprecatedCount'), series: f('series'),
    involvedObject: f('regarding'), source: f('deprecatedSource'), message: f('note'),
    reportingController: f('reportingController'), reportingInstance: f('reportingInstance'),
  };
}

/** printEvent's first and last seen timestamps (the raw values) and count. */
function eventTimes(e: EventFields): { first: unknown; last: unknown; count: number } {
  const first = timestampMs(e.firstTimestamp) === undefined ? e.eventTime : e.firstTimestamp;
  let last = timestampMs(e.lastTimestamp) === undefined ? first : e.lastTimestamp;
  let count = int(e.count);
  if (isSet(e.series)) {
    last = at(e.series, 'lastObservedTime');
    count = int(at(e.series, 'count'));
  } else if (count === 0) {
    count = 1; // singleton events have no count in the new API
  }
  return { first, last, count };
}

/** formatEventSource: the source's component and host, else the reporting controller and instance. */
function eventSource(e: EventFields): string {
  const component = str(at(e.source, 'component')) || str(e.reportingController);
  const instance = str(at(e.source, 'host')) || str(e.reportingInstance);
  return instance === '' ? component : `${component}, ${instance}`;
}

function eventColumnSet(read: (o: unknown) => EventFields): ColumnSet {
  const since = (name: string, pick: 'first' | 'last', priority: 0 | 1): Column => ({
    name,
    type: 'date',
    priority,
    text: (o, now) => translateTimestampSince(eventTimes(read(o))[pick], now),
    sort: (o) => timeKey(eventTimes(read(o))[pick]),
  });
  return [
    since('LAST SEEN', 'last', 0),
    textColumn('TYPE', (o) => str(at(o, 'type'))),
    textColumn('REASON', (o) => str(at(o, 'reason'))),
    textColumn('OBJECT', (o) => {
      const involved = read(o).involvedObject;
      const kind = str(at(involved, 'kind')).toLowerCase();
      const name = str(at(involved, 'name'));
      return name === '' ? kind : `${kind}/${name}`;
    }),
    textColumn('SUBOBJECT', (o) => str(at(read(o).involvedObject, 'fieldPath')), { priority: 1 }),
    textColumn('SOURCE', (o) => eventSource(read(o)), { priority: 1 }),
    textColumn('MESSAGE', (o) => str(read(o).message).trim()),
    since('FIRST SEEN', 'first', 1),
    intColumn('COUNT', (o) => eventTimes(read(o)).count, { priority: 1 }),
    textColumn('NAME', (o) => nameOf(o), { priority: 1, description: NAME_DESCRIPTION }),
  ];
}

/** core/v1 events: LAST SEEN TYPE REASON OBJECT MESSAGE | wide: SUBOBJECT SOURCE FIRST SEEN COUNT NAME. */
export const eventColumns: ColumnSet = eventColumnSet(coreEvent);

/** events.k8s.io/v1 events, printed like core events after the server's conversion. */
export const eventsApiEventColumns: ColumnSet = eventColumnSet(eventsApiEvent);

/** The default table convertor's CREATED AT: creationTimestamp in UTC RFC 3339, seconds precision. */
function createdAt(o: unknown): string {
  const value = at(o, 'metadata', 'creationTimestamp');
  if (!isSet(value)) return '0001-01-01T00:00:00Z'; // Go's zero time, formatted
  const ms = parseRfc3339(value);
  if (ms === undefined) return '<unknown>';
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * NAME CREATED AT: the API server's default table convertor, used for kinds
 * without a printer (CRDs, roles, cluster roles, ...).
 */
export const createdAtColumns: ColumnSet = [
  nameColumn,
  {
    name: 'CREATED AT',
    type: 'date',
    priority: 0,
    description: AGE_DESCRIPTION,
    text: (o) => createdAt(o),
    sort: (o) => timeKey(at(o, 'metadata', 'creationTimestamp')),
  },
];

/** CustomResourceDefinitions: NAME CREATED AT. */
export const crdListColumns: ColumnSet = createdAtColumns;

/** Leases: NAME HOLDER AGE. */
export const leaseColumns: ColumnSet = [
  nameColumn,
  textColumn('HOLDER', (o) => str(at(o, 'spec', 'holderIdentity'))),
  ageColumn,
];
