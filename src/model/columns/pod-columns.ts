/** Columns of `kubectl get pods` (printPod). */
import type { ColumnSet } from './column.js';
import { podRestartsText, podSummary } from '../pod-status.js';
import { ageColumn, nameColumn, readyColumn, textColumn } from './common.js';
import { at, list, str } from './read.js';
import type { FieldPaths } from '../slim/field-paths.js';

/** The fields of a pod the columns read (besides the status logic's, POD_STATUS_FIELDS). */
export const POD_COLUMN_FIELDS: FieldPaths = ['metadata', 'status.conditions', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName', 'spec.nodeName', 'spec.readinessGates'];

function podIP(pod: unknown): string {
  // v1 → internal conversion fills podIPs from the legacy podIP field.
  const ip = str(at(pod, 'status', 'podIPs', 0, 'ip')) || str(at(pod, 'status', 'podIP'));
  return ip || '<none>';
}

function readinessGates(pod: unknown): string {
  const gates = list(at(pod, 'spec', 'readinessGates'));
  if (gates.length === 0) return '<none>';
  const conditions = list(at(pod, 'status', 'conditions'));
  let trueConditions = 0;
  for (const gate of gates) {
    const found = conditions.find((c) => at(c, 'type') === str(at(gate, 'conditionType')));
    if (found !== undefined && at(found, 'status') === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

/** NAME READY STATUS RESTARTS AGE | wide: IP NODE NOMINATED NODE READINESS GATES. */
export const podColumns: ColumnSet = [
  nameColumn,
  readyColumn('READY', (o) => {
    const s = podSummary(o);
    return [s.ready, s.total];
  }, { description: 'The aggregate readiness state of this pod for accepting traffic.' }),
  textColumn('STATUS', (o) => podSummary(o).status, {
    description: 'The aggregate status of the containers in this pod.',
  }),
  {
    name: 'RESTARTS',
    type: 'integer',
    priority: 0,
    description:
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    text: (o, now) => podRestartsText(o, now),
    sort: (o) => podSummary(o).restarts,
  },
  ageColumn,
  textColumn('IP', podIP, { priority: 1, description: 'podIP address allocated to the pod.' }),
  textColumn('NODE', (o) => str(at(o, 'spec', 'nodeName')) || '<none>', {
    priority: 1,
    description: 'The node the pod is scheduled onto (spec.nodeName).',
  }),
  textColumn('NOMINATED NODE', (o) => str(at(o, 'status', 'nominatedNodeName')) || '<none>', {
    priority: 1,
    description: 'The node the scheduler nominated for preemption (status.nominatedNodeName).',
  }),
  textColumn('READINESS GATES', readinessGates, {
    priority: 1,
    description: 'Readiness gates: true conditions / gates declared in spec.readinessGates.',
  }),
];
