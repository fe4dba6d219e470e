/** Columns of workload kinds: deployments, replica sets, stateful sets, daemon sets, jobs, cron jobs. */
import type { Column, ColumnSet } from './column.js';
import { humanDuration, timestampMs, translateTimestampSince } from '../format/duration.js';
import {
  ageColumn, intColumn, nameColumn, readyColumn, sinceColumn, templateColumns, textColumn, timeKey,
} from './common.js';
import { at, formatLabels, formatLabelSelector, int, isSet, labelSelectorString, list, str } from './read.js';

const spec = (o: unknown, key: string): number => int(at(o, 'spec', key));
const status = (o: unknown, key: string): number => int(at(o, 'status', key));

function selectorColumn(text: (o: unknown) => string, description?: string): Column {
  return textColumn('SELECTOR', text, { priority: 1, description });
}

/** NAME READY UP-TO-DATE AVAILABLE AGE | wide: CONTAINERS IMAGES SELECTOR. */
export const deploymentColumns: ColumnSet = [
  nameColumn,
  readyColumn('READY', (o) => [status(o, 'readyReplicas'), spec(o, 'replicas')], {
    description: 'Number of the pod with ready state',
  }),
  intColumn('UP-TO-DATE', (o) => status(o, 'updatedReplicas')),
  intColumn('AVAILABLE', (o) => status(o, 'availableReplicas')),
  ageColumn,
  ...templateColumns('spec', 'template', 'spec'),
  // printDeployment uses selector.String() directly: "" for an empty selector, not "<none>".
  selectorColumn((o) => labelSelectorString(at(o, 'spec', 'selector')) ?? '<invalid>'),
];

/** NAME DESIRED CURRENT READY AGE | wide: CONTAINERS IMAGES SELECTOR. */
export const replicaSetColumns: ColumnSet = [
  nameColumn,
  intColumn('DESIRED', (o) => spec(o, 'replicas')),
  intColumn('CURRENT', (o) => status(o, 'replicas')),
  intColumn('READY', (o) => status(o, 'readyReplicas')),
  ageColumn,
  ...templateColumns('spec', 'template', 'spec'),
  selectorColumn((o) => formatLabelSelector(at(o, 'spec', 'selector'))),
];

/** Replication controllers: as replica sets, but with a map selector. */
export const replicationControllerColumns: ColumnSet = [
  ...replicaSetColumns.slice(0, -1),
  selectorColumn((o) => formatLabels(at(o, 'spec', 'selector'))),
];

/** NAME READY AGE | wide: CONTAINERS IMAGES. */
export const statefulSetColumns: ColumnSet = [
  nameColumn,
  readyColumn('READY', (o) => [status(o, 'readyReplicas'), spec(o, 'replicas')], {
    description: 'Number of the pod with ready state',
  }),
  ageColumn,
  ...templateColumns('spec', 'template', 'spec'),
];

/** NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE | wide: CONTAINERS IMAGES SELECTOR. */
export const daemonSetColumns: ColumnSet = [
  nameColumn,
  intColumn('DESIRED', (o) => status(o, 'desiredNumberScheduled')),
  intColumn('CURRENT', (o) => status(o, 'currentNumberScheduled')),
  intColumn('READY', (o) => status(o, 'numberReady')),
  intColumn('UP-TO-DATE', (o) => status(o, 'updatedNumberScheduled')),
  intColumn('AVAILABLE', (o) => status(o, 'numberAvailable')),
  textColumn('NODE SELECTOR', (o) => formatLabels(at(o, 'spec', 'template', 'spec', 'nodeSelector'))),
  ageColumn,
  ...templateColumns('spec', 'template', 'spec'),
  selectorColumn((o) => formatLabelSelector(at(o, 'spec', 'selector'))),
];

/** hasJobCondition: the status of the first condition of that type is "True". */
function jobCondition(o: unknown, type: string): boolean {
  const found = list(at(o, 'status', 'conditions')).find((c) => at(c, 'type') === type);
  return found !== undefined && at(found, 'status') === 'True';
}

/** The STATUS column of `kubectl get jobs`. */
export function jobStatus(o: unknown): string {
  if (jobCondition(o, 'Complete')) return 'Complete';
  if (jobCondition(o, 'Failed')) return 'Failed';
  if (isSet(at(o, 'metadata', 'deletionTimestamp'))) return 'Terminating';
  if (jobCondition(o, 'Suspended')) return 'Suspended';
  if (jobCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(o: unknown): string {
  const succeeded = status(o, 'succeeded');
  if (isSet(at(o, 'spec', 'completions'))) return `${succeeded}/${spec(o, 'completions')}`;
  const parallelism = spec(o, 'parallelism');
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Job run time in ms: completion - start, or now - start while running; undefined before start. */
function jobDurationMs(o: unknown, now: number): number | undefined {
  const start = timestampMs(at(o, 'status', 'startTime'));
  if (start === undefined) return undefined;
  const end = timestampMs(at(o, 'status', 'completionTime'));
  return (end ?? now) - start;
}

/** NAME STATUS COMPLETIONS DURATION AGE | wide: CONTAINERS IMAGES SELECTOR. */
export const jobColumns: ColumnSet = [
  nameColumn,
  textColumn('STATUS', jobStatus, { description: 'Status of the job.' }),
  {
    name: 'COMPLETIONS',
    type: 'string',
    priority: 0,
    text: (o) => jobCompletions(o),
    sort: (o) => status(o, 'succeeded'),
  },
  {
    name: 'DURATION',
    type: 'number',
    priority: 0,
    description: 'Time required to complete the job.',
    text: (o, now) => {
      const ms = jobDurationMs(o, now);
      return ms === undefined ? '' : humanDuration(ms);
    },
    sort: (o, now) => jobDurationMs(o, now) ?? -1,
  },
  ageColumn,
  ...templateColumns('spec', 'template', 'spec'),
  selectorColumn((o) => formatLabelSelector(at(o, 'spec', 'selector'))),
];

function boolPtr(value: unknown): string {
  if (typeof value !== 'boolean') return '<unset>';
  return value ? 'True' : 'False';
}

/** NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE | wide: CONTAINERS IMAGES SELECTOR. */
export const cronJobColumns: ColumnSet = [
  nameColumn,
  textColumn('SCHEDULE', (o) => str(at(o, 'spec', 'schedule'))),
  textColumn('TIMEZONE', (o) => (typeof at(o, 'spec', 'timeZone') === 'string' ? str(at(o, 'spec', 'timeZone')) : '<none>')),
  textColumn('SUSPEND', (o) => boolPtr(at(o, 'spec', 'suspend'))),
  intColumn('ACTIVE', (o) => list(at(o, 'status', 'active')).length),
  {
    ...sinceColumn('LAST SCHEDULE', (o) => at(o, 'status', 'lastScheduleTime')),
    text: (o, now) => {
      const last = at(o, 'status', 'lastScheduleTime');
      return isSet(last) ? translateTimestampSince(last, now) : '<none>';
    },
    sort: (o) => timeKey(at(o, 'status', 'lastScheduleTime')),
  },
  ageColumn,
  ...templateColumns('spec', 'jobTemplate', 'spec', 'template', 'spec'),
  selectorColumn((o) => formatLabelSelector(at(o, 'spec', 'jobTemplate', 'spec', 'selector'))),
];

function intOrString(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(Math.trunc(value));
  if (typeof value === 'string') return value;
  return 'N/A';
}

/** Pod disruption budgets: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE. */
export const podDisruptionBudgetColumns: ColumnSet = [
  nameColumn,
  textColumn('MIN AVAILABLE', (o) => intOrString(at(o, 'spec', 'minAvailable')), {
    description: 'The minimum number of pods that must be available.',
  }),
  textColumn('MAX UNAVAILABLE', (o) => intOrString(at(o, 'spec', 'maxUnavailable')), {
    description: 'The maximum number of pods that may be unavailable.',
  }),
  intColumn('ALLOWED DISRUPTIONS', (o) => status(o, 'disruptionsAllowed'), {
    description: 'Calculated number of pods that may be disrupted at this time.',
  }),
  ageColumn,
];

/** formatResourceName of a ControllerRevision's controller: "statefulset.apps/db", "<none>" without one. */
function revisionController(o: unknown): string {
  const ref = list(at(o, 'metadata', 'ownerReferences')).find((r) => at(r, 'controller') === true);
  if (ref === undefined) return '<none>';
  const apiVersion = str(at(ref, 'apiVersion'));
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind = str(at(ref, 'kind')) + (group ? `.${group}` : '');
  return `${kind.toLowerCase()}/${str(at(ref, 'name'))}`;
}

/** NAME CONTROLLER REVISION AGE. */
export const controllerRevisionColumns: ColumnSet = [
  nameColumn,
  textColumn('CONTROLLER', revisionController, { description: 'Controller of the object' }),
  intColumn('REVISION', (o) => int(at(o, 'revision')), { description: 'Revision indicates the revision of the state represented by Data.' }),
  ageColumn,
];
