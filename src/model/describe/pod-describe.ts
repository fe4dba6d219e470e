import { at, int, list, str } from '../columns/read.js';
import { qosClass } from '../pod-qos.js';
import type { KubeObject } from '../types.js';
import { writeContainers } from './containers.js';
import { controllerOf } from '../owner-chain.js';
import { describeTime, writeAnnotations, writeEvents, writeLabels, type DescribeContext, type DescribeWriter } from './describe-writer.js';

// What each volume source shows: its type line and fields, as kubectl describe prints them.
const VOLUME_TYPES: [string, string, (v: unknown) => [string, string][]][] = [
  ['configMap', 'ConfigMap (a volume populated by a ConfigMap)', (v) => [['Name', str(at(v, 'name'))], ['Optional', String(at(v, 'optional') === true)]]],
  ['secret', 'Secret (a volume populated by a Secret)', (v) => [['SecretName', str(at(v, 'secretName'))], ['Optional', String(at(v, 'optional') === true)]]],
  ['persistentVolumeClaim', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', (v) => [['ClaimName', str(at(v, 'claimName'))], ['ReadOnly', String(at(v, 'readOnly') === true)]]],
  ['emptyDir', "EmptyDir (a temporary directory that shares a pod's lifetime)", (v) => [['Medium', str(at(v, 'medium'))], ['SizeLimit', str(at(v, 'sizeLimit')) || '<unset>']]],
  ['hostPath', 'HostPath (bare host directory volume)', (v) => [['Path', str(at(v, 'path'))], ['HostPathType', str(at(v, 'type')) || '<none>']]],
];

/** The Volumes section of a pod or template (`prefix` indents it inside a template). */
export function writeVolumes(w: DescribeWriter, volumes: unknown, prefix = ''): void {
  const items = list(volumes);
  if (!items.length) return w.line(0, `${prefix}Volumes:`, '<none>');
  w.line(0, `${prefix}Volumes:`);
  for (const v of items) {
    // Inside a template kubectl puts one more space before a volume's name, not before its fields.
    w.raw(`${prefix ? '   ' : '  '}${str(at(v, 'name'))}:\n`);
    const known = VOLUME_TYPES.find(([key]) => at(v, key) !== undefined);
    if (!known) {
      const key = Object.keys(v as object).find((k) => k !== 'name') ?? 'unknown';
      w.line(2, 'Type:', `${key} (a volume kdrill does not describe in detail)`);
      continue;
    }
    const [key, type, fields] = known;
    w.line(2, 'Type:', type);
    for (const [k, val] of fields(at(v, key))) w.line(2, `${k}:`, val);
  }
}

/** Tolerations as kubectl prints them: `key:Effect op=Exists for 300s`, one per line. */
export function writeTolerations(w: DescribeWriter, tolerations: unknown, prefix = ''): void {
  const items = list(tolerations);
  if (!items.length) return w.line(0, `${prefix}Tolerations:`, '<none>');
  items.forEach((t, i) => {
    const key = str(at(t, 'key'));
    const effect = str(at(t, 'effect'));
    const op = str(at(t, 'operator'));
    const value = str(at(t, 'value'));
    const secs = at(t, 'tolerationSeconds');
    const text = `${key}${effect ? `:${effect}` : ''}${op === 'Exists' ? ' op=Exists' : value ? `=${value}` : ''}${typeof secs === 'number' ? ` for ${secs}s` : ''}`.trim();
    w.line(0, i === 0 ? `${prefix}Tolerations:` : '', text);
  });
}

/** A pod's status word: its phase, or Terminating with the grace period left. */
function statusOf(p: KubeObject): string {
  if (p.metadata?.deletionTimestamp) return `Terminating (lasts ${describeTime(p.metadata.deletionTimestamp)})`;
  return str(at(p, 'status', 'phase'));
}

/** `kubectl describe pod`. */
export function describePod(w: DescribeWriter, p: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(p.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(p.metadata?.namespace ?? ''));
  w.line(0, 'Priority:', int(at(p, 'spec', 'priority')));
  if (str(at(p, 'spec', 'priorityClassName'))) w.line(0, 'Priority Class Name:', str(at(p, 'spec', 'priorityClassName')));
  if (str(at(p, 'spec', 'runtimeClassName'))) w.line(0, 'Runtime Class Name:', str(at(p, 'spec', 'runtimeClassName')));
  w.line(0, 'Service Account:', str(at(p, 'spec', 'serviceAccountName')));
  const node = str(at(p, 'spec', 'nodeName'));
  w.line(0, 'Node:', node ? `${node}/${str(at(p, 'status', 'hostIP'))}` : '<none>');
  if (at(p, 'status', 'startTime')) w.line(0, 'Start Time:', describeTime(at(p, 'status', 'startTime')));
  writeLabels(w, 0, 'Labels', p.metadata?.labels);
  writeAnnotations(w, 0, p.metadata?.annotations);
  w.line(0, 'Status:', statusOf(p));
  if (str(at(p, 'status', 'reason'))) w.line(0, 'Reason:', str(at(p, 'status', 'reason')));
  if (str(at(p, 'status', 'message'))) w.line(0, 'Message:', str(at(p, 'status', 'message')));
  w.line(0, 'IP:', str(at(p, 'status', 'podIP')));
  const ips = list(at(p, 'status', 'podIPs'));
  if (!ips.length) w.line(0, 'IPs:', '<none>');
  else {
    w.line(0, 'IPs:');
    for (const ip of ips) w.line(1, 'IP:', str(at(ip, 'ip')));
  }
  const owner = controllerOf(p);
  if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
  if (list(at(p, 'spec', 'initContainers')).length) writeContainers(w, 'Init Containers', at(p, 'spec', 'initContainers'), at(p, 'status', 'initContainerStatuses'), false);
  writeContainers(w, 'Containers', at(p, 'spec', 'containers'), at(p, 'status', 'containerStatuses'), false);
  const conditions = list(at(p, 'status', 'conditions'));
  if (conditions.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type', 'Status');
    for (const c of conditions) w.line(1, str(at(c, 'type')), `${str(at(c, 'status'))} `);
  }
  writeVolumes(w, at(p, 'spec', 'volumes'));
  w.line(0, 'QoS Class:', str(at(p, 'status', 'qosClass')) || qosClass(p));
  writeLabels(w, 0, 'Node-Selectors', at(p, 'spec', 'nodeSelector'));
  writeTolerations(w, at(p, 'spec', 'tolerations'));
  writeEvents(w, ctx.events, ctx.now);
}

/** A workload's `Pod Template:` section. */
export function writePodTemplate(w: DescribeWriter, template: unknown): void {
  w.line(0, 'Pod Template:');
  writeLabels(w, 1, 'Labels', at(template, 'metadata', 'labels'));
  const annotations = at(template, 'metadata', 'annotations');
  if (annotations && Object.keys(annotations as object).length) writeAnnotations(w, 1, annotations);
  if (str(at(template, 'spec', 'serviceAccountName'))) w.line(1, 'Service Account:', str(at(template, 'spec', 'serviceAccountName')));
  if (list(at(template, 'spec', 'initContainers')).length) writeContainers(w, 'Init Containers', at(template, 'spec', 'initContainers'), [], true);
  writeContainers(w, 'Containers', at(template, 'spec', 'containers'), [], true);
  writeVolumes(w, at(template, 'spec', 'volumes'), '  ');
  if (str(at(template, 'spec', 'priorityClassName'))) w.line(1, 'Priority Class Name:', str(at(template, 'spec', 'priorityClassName')));
  writeLabels(w, 1, 'Node-Selectors', at(template, 'spec', 'nodeSelector'));
  writeTolerations(w, at(template, 'spec', 'tolerations'), '  ');
}
