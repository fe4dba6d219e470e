import { at, int, list, str } from '../columns/read.js';
import { translateTimestampSince } from '../format/duration.js';
import { qosClass } from '../pod-qos.js';
import type { KubeObject } from '../types.js';
import { writeContainers } from './containers.js';
import { writeVolumes } from './volumes.js';
import { controllerOf } from '../owner-chain.js';
import { describeTime, writeAnnotations, writeEvents, writeLabels, type DescribeContext, type DescribeWriter } from './describe-writer.js';

/** Tolerations as kubectl prints them, sorted by key: `key=value:Effect op=Exists for 300s`, one per line. */
export function writeTolerations(w: DescribeWriter, tolerations: unknown, prefix = ''): void {
  const items = [...list(tolerations)].sort((a, b) => (str(at(a, 'key')) < str(at(b, 'key')) ? -1 : str(at(a, 'key')) > str(at(b, 'key')) ? 1 : 0));
  if (!items.length) return w.line(0, `${prefix}Tolerations:`, '<none>');
  items.forEach((t, i) => {
    const key = str(at(t, 'key'));
    const value = str(at(t, 'value'));
    const effect = str(at(t, 'effect'));
    let text = `${key}${value ? `=${value}` : ''}${effect ? `:${effect}` : ''}`;
    // `operator: Exists` alone tolerates everything.
    if (str(at(t, 'operator')) === 'Exists' && !value) text += key || effect ? ' op=Exists' : 'op=Exists';
    const secs = at(t, 'tolerationSeconds');
    if (typeof secs === 'number') text += ` for ${secs}s`;
    w.line(0, i === 0 ? `${prefix}Tolerations:` : '', text);
  });
}

/** `kubectl describe pod`. */
export function describePod(w: DescribeWriter, p: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(p.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(p.metadata?.namespace ?? ''));
  if (typeof at(p, 'spec', 'priority') === 'number') w.line(0, 'Priority:', int(at(p, 'spec', 'priority')));
  if (str(at(p, 'spec', 'priorityClassName'))) w.line(0, 'Priority Class Name:', str(at(p, 'spec', 'priorityClassName')));
  if (str(at(p, 'spec', 'runtimeClassName'))) w.line(0, 'Runtime Class Name:', str(at(p, 'spec', 'runtimeClassName')));
  if (str(at(p, 'spec', 'serviceAccountName'))) w.line(0, 'Service Account:', str(at(p, 'spec', 'serviceAccountName')));
  const node = str(at(p, 'spec', 'nodeName'));
  w.line(0, 'Node:', node ? `${node}/${str(at(p, 'status', 'hostIP'))}` : '<none>');
  if (at(p, 'status', 'startTime')) w.line(0, 'Start Time:', describeTime(at(p, 'status', 'startTime')));
  writeLabels(w, 0, 'Labels', p.metadata?.labels);
  writeAnnotations(w, 0, p.metadata?.annotations);
  const phase = str(at(p, 'status', 'phase'));
  if (p.metadata?.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    w.line(0, 'Status:', `Terminating (lasts ${translateTimestampSince(p.metadata.deletionTimestamp, ctx.now)})`);
    w.line(0, 'Termination Grace Period:', `${int(p.metadata.deletionGracePeriodSeconds)}s`);
  } else w.line(0, 'Status:', phase);
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
    // kubectl writes `%v \t%v \n`: a blank after each cell widens the column by one.
    for (const c of conditions) w.line(1, `${str(at(c, 'type'))} `, `${str(at(c, 'status'))} `);
  }
  writeVolumes(w, at(p, 'spec', 'volumes'));
  w.line(0, 'QoS Class:', str(at(p, 'status', 'qosClass')) || qosClass(p));
  writeLabels(w, 0, 'Node-Selectors', at(p, 'spec', 'nodeSelector'));
  writeTolerations(w, at(p, 'spec', 'tolerations'));
  writeEvents(w, ctx);
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
