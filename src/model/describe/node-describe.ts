import { at, list, str, text } from '../columns/read.js';
import { translateTimestampSince } from '../format/duration.js';
import { addQuantities, formatQuantity, parseQuantity, percentOf, type Milli } from '../format/quantity.js';
import type { KubeObject } from '../types.js';
import { describeTime, writeAnnotations, writeEvents, writeLabels, type DescribeContext, type DescribeWriter } from './describe-writer.js';

const ZERO: Milli = { milli: 0n, binary: false };
// kubectl's standard container resource names (and pods), which the extended-resource rows leave out.
const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
const SYSTEM_INFO: [string, string][] = [
  ['machineID', 'Machine ID'], ['systemUUID', 'System UUID'], ['bootID', 'Boot ID'], ['kernelVersion', 'Kernel Version'], ['osImage', 'OS Image'],
  ['operatingSystem', 'Operating System'], ['architecture', 'Architecture'], ['containerRuntimeVersion', 'Container Runtime Version'],
  ['kubeletVersion', 'Kubelet Version'], ['kubeProxyVersion', 'Kube-Proxy Version'],
];

/** A pod's requests or limits per resource: its containers summed, at least its largest init container. */
export function podResources(pod: KubeObject, kind: 'requests' | 'limits'): Map<string, Milli> {
  const sum = new Map<string, Milli>();
  for (const c of list(at(pod, 'spec', 'containers'))) {
    for (const [name, v] of Object.entries((at(c, 'resources', kind) ?? {}) as Record<string, string>)) {
      const q = parseQuantity(v);
      if (q) sum.set(name, sum.has(name) ? addQuantities([sum.get(name)!, q]) : q);
    }
  }
  for (const c of list(at(pod, 'spec', 'initContainers'))) {
    for (const [name, v] of Object.entries((at(c, 'resources', kind) ?? {}) as Record<string, string>)) {
      const q = parseQuantity(v);
      if (q && (!sum.has(name) || q.milli > sum.get(name)!.milli)) sum.set(name, q);
    }
  }
  return sum;
}

const cell = (q: Milli | undefined, whole: Milli | undefined) => `${formatQuantity(q ?? ZERO)} (${percentOf(q ?? ZERO, whole)}%)`;

function writeMap(w: DescribeWriter, title: string, map: unknown): void {
  const m = (map ?? {}) as Record<string, string>;
  w.line(0, `${title}:`);
  for (const k of Object.keys(m).sort()) w.line(1, `${k}:`, text(m[k]));
}

/** `kubectl describe node` (without the Lease, which kdrill does not read). */
export function describeNode(w: DescribeWriter, node: KubeObject, ctx: DescribeContext): void {
  const labels = node.metadata?.labels ?? {};
  const roles = Object.keys(labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length)).filter(Boolean);
  if (labels['kubernetes.io/role']) roles.push(labels['kubernetes.io/role']);
  w.line(0, 'Name:', String(node.metadata?.name ?? ''));
  w.line(0, 'Roles:', roles.sort().join(',') || '<none>');
  writeLabels(w, 0, 'Labels', labels);
  writeAnnotations(w, 0, node.metadata?.annotations);
  w.line(0, 'CreationTimestamp:', describeTime(node.metadata?.creationTimestamp));
  const taints = list(at(node, 'spec', 'taints')).map((t) => `${str(at(t, 'key'))}${str(at(t, 'value')) ? `=${str(at(t, 'value'))}` : ''}:${str(at(t, 'effect'))}`);
  if (!taints.length) w.line(0, 'Taints:', '<none>');
  taints.forEach((t, i) => w.line(0, i === 0 ? 'Taints:' : '', t));
  w.line(0, 'Unschedulable:', String(at(node, 'spec', 'unschedulable') === true));
  const conditions = list(at(node, 'status', 'conditions'));
  if (conditions.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message');
    w.line(1, '----', '------', '-----------------', '------------------', '------', '-------');
    // kubectl writes `%v \t%v \t%s \t%s \t%v \t%v`: a blank after each cell but the last.
    for (const c of conditions) w.line(1, `${str(at(c, 'type'))} `, `${str(at(c, 'status'))} `, `${describeTime(at(c, 'lastHeartbeatTime'))} `, `${describeTime(at(c, 'lastTransitionTime'))} `, `${str(at(c, 'reason'))} `, str(at(c, 'message')));
  }
  w.line(0, 'Addresses:');
  for (const a of list(at(node, 'status', 'addresses'))) w.line(1, `${str(at(a, 'type'))}:`, str(at(a, 'address')));
  const allocatableMap = (at(node, 'status', 'allocatable') ?? {}) as Record<string, string>;
  if (at(node, 'status', 'capacity')) writeMap(w, 'Capacity', at(node, 'status', 'capacity'));
  if (at(node, 'status', 'allocatable')) writeMap(w, 'Allocatable', allocatableMap);
  w.line(0, 'System Info:');
  for (const [key, label] of SYSTEM_INFO) w.line(1, `${label}:`, str(at(node, 'status', 'nodeInfo', key)));
  if (str(at(node, 'spec', 'podCIDR'))) w.line(0, 'PodCIDR:', str(at(node, 'spec', 'podCIDR')));
  const cidrs = list(at(node, 'spec', 'podCIDRs')).map(String);
  if (cidrs.length) w.line(0, 'PodCIDRs:', cidrs.join(','));
  if (str(at(node, 'spec', 'providerID'))) w.line(0, 'ProviderID:', str(at(node, 'spec', 'providerID')));

  // As kubectl: percentages of the allocatable resources, of the capacity when none are reported.
  const base = (Object.keys(allocatableMap).length ? allocatableMap : (at(node, 'status', 'capacity') ?? {})) as Record<string, string>;
  const allocatable = (name: string) => parseQuantity(base[name]);
  const pods = ctx.indexes.podsByNode.get(String(node.metadata?.name)).filter((p) => !['Succeeded', 'Failed'].includes(str(at(p, 'status', 'phase'))));
  pods.sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}` < `${b.metadata?.namespace}/${b.metadata?.name}` ? -1 : 1);
  w.line(0, 'Non-terminated Pods:', `(${pods.length} in total)`);
  // kubectl's header and rows have an empty column after Name.
  w.line(1, 'Namespace', 'Name', '', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age');
  w.line(1, '---------', '----', '', '------------', '----------', '---------------', '-------------', '---');
  const totals = { requests: new Map<string, Milli[]>(), limits: new Map<string, Milli[]>() };
  for (const p of pods) {
    const req = podResources(p, 'requests');
    const lim = podResources(p, 'limits');
    for (const [k, m] of [['requests', req], ['limits', lim]] as const) for (const [name, q] of m) totals[k].set(name, [...(totals[k].get(name) ?? []), q]);
    w.line(1, String(p.metadata?.namespace), String(p.metadata?.name), '', cell(req.get('cpu'), allocatable('cpu')), cell(lim.get('cpu'), allocatable('cpu')), cell(req.get('memory'), allocatable('memory')), cell(lim.get('memory'), allocatable('memory')), translateTimestampSince(p.metadata?.creationTimestamp, ctx.now));
  }
  w.line(0, 'Allocated resources:');
  w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
  w.line(1, 'Resource', 'Requests', 'Limits');
  w.line(1, '--------', '--------', '------');
  const sum = (k: 'requests' | 'limits', name: string) => (totals[k].has(name) ? addQuantities(totals[k].get(name)!) : undefined);
  const names = ['cpu', 'memory', 'ephemeral-storage', ...Object.keys(base).filter((k) => k.startsWith('hugepages-')).sort()];
  for (const name of names) w.line(1, name, cell(sum('requests', name), allocatable(name)), cell(sum('limits', name), allocatable(name)));
  // Extended resources (GPUs and the like): totals without percentages.
  const extended = Object.keys(base).filter((k) => !STANDARD.has(k) && !k.startsWith('hugepages-') && !k.startsWith('requests.hugepages-')).sort();
  for (const name of extended) w.line(1, name, formatQuantity(sum('requests', name) ?? ZERO), formatQuantity(sum('limits', name) ?? ZERO));
  writeEvents(w, ctx);
}
