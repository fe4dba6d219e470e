import { at, int, list, str } from '../columns/read.js';
import type { KubeObject } from '../types.js';
import { formatEndpointSlices } from './endpoints-text.js';
import { writeAnnotations, writeEvents, writeLabels, writeMeta, type DescribeContext, type DescribeWriter } from './describe-writer.js';
import type { FieldPaths } from '../slim/field-paths.js';

/** The fields of related pods describe reads (a claim's users). */
export const DESCRIBE_POD_FIELDS: FieldPaths = ['metadata', 'spec.volumes[].persistentVolumeClaim'];

/** `kubectl describe service`. */
export function describeService(w: DescribeWriter, svc: KubeObject, ctx: DescribeContext): void {
  writeMeta(w, svc);
  const selector = at(svc, 'spec', 'selector') as Record<string, string> | undefined;
  w.line(0, 'Selector:', selector && Object.keys(selector).length ? Object.keys(selector).sort().map((k) => `${k}=${selector[k]}`).join(',') : '<none>');
  const type = str(at(svc, 'spec', 'type'));
  w.line(0, 'Type:', type);
  if (str(at(svc, 'spec', 'ipFamilyPolicy'))) w.line(0, 'IP Family Policy:', str(at(svc, 'spec', 'ipFamilyPolicy')));
  w.line(0, 'IP Families:', list(at(svc, 'spec', 'ipFamilies')).map(String).join(',') || '<none>');
  w.line(0, 'IP:', str(at(svc, 'spec', 'clusterIP')));
  w.line(0, 'IPs:', list(at(svc, 'spec', 'clusterIPs')).map(String).join(',') || '<none>');
  const externalIPs = list(at(svc, 'spec', 'externalIPs')).map(String);
  if (externalIPs.length) w.line(0, 'External IPs:', externalIPs.join(','));
  if (str(at(svc, 'spec', 'loadBalancerIP'))) w.line(0, 'Desired LoadBalancer IP:', str(at(svc, 'spec', 'loadBalancerIP')));
  if (str(at(svc, 'spec', 'externalName'))) w.line(0, 'External Name:', str(at(svc, 'spec', 'externalName')));
  const lb = list(at(svc, 'status', 'loadBalancer', 'ingress')).map((i) => (str(at(i, 'ip')) ? `${str(at(i, 'ip'))}${str(at(i, 'ipMode')) ? ` (${str(at(i, 'ipMode'))})` : ''}` : str(at(i, 'hostname'))));
  if (lb.length) w.line(0, 'LoadBalancer Ingress:', lb.join(', '));
  const slices = ctx.indexes.slicesByService.get(`${svc.metadata?.namespace}/${svc.metadata?.name}`);
  for (const p of list(at(svc, 'spec', 'ports'))) {
    const name = str(at(p, 'name')) || '<unset>';
    const proto = str(at(p, 'protocol'));
    w.line(0, 'Port:', name, `${int(at(p, 'port'))}/${proto}`);
    const target = at(p, 'targetPort');
    w.line(0, 'TargetPort:', `${typeof target === 'number' ? target : str(target)}/${proto}`);
    if (int(at(p, 'nodePort'))) w.line(0, 'NodePort:', name, `${int(at(p, 'nodePort'))}/${proto}`);
    w.line(0, 'Endpoints:', formatEndpointSlices(slices, str(at(p, 'name'))));
  }
  w.line(0, 'Session Affinity:', str(at(svc, 'spec', 'sessionAffinity')));
  if (str(at(svc, 'spec', 'externalTrafficPolicy'))) w.line(0, 'External Traffic Policy:', str(at(svc, 'spec', 'externalTrafficPolicy')));
  if (str(at(svc, 'spec', 'internalTrafficPolicy'))) w.line(0, 'Internal Traffic Policy:', str(at(svc, 'spec', 'internalTrafficPolicy')));
  if (int(at(svc, 'spec', 'healthCheckNodePort'))) w.line(0, 'HealthCheck NodePort:', int(at(svc, 'spec', 'healthCheckNodePort')));
  const ranges = list(at(svc, 'spec', 'loadBalancerSourceRanges')).map(String);
  if (ranges.length) w.line(0, 'LoadBalancer Source Ranges:', ranges.join(','));
  writeEvents(w, ctx);
}

/** `kubectl describe endpoints`: each subset's ready and not-ready addresses and its ports. */
export function describeEndpoints(w: DescribeWriter, ep: KubeObject, ctx: DescribeContext): void {
  writeMeta(w, ep);
  w.line(0, 'Subsets:');
  for (const s of list(ep.subsets)) {
    const ips = (key: string) => list(at(s, key)).map((a) => str(at(a, 'ip'))).join(',') || '<none>';
    w.line(1, 'Addresses:', ips('addresses'));
    w.line(1, 'NotReadyAddresses:', ips('notReadyAddresses'));
    const ports = list(at(s, 'ports'));
    if (ports.length) {
      w.line(1, 'Ports:');
      w.line(2, 'Name', 'Port', 'Protocol');
      w.line(2, '----', '----', '--------');
      for (const p of ports) w.line(2, str(at(p, 'name')) || '<unset>', int(at(p, 'port')), str(at(p, 'protocol')) || 'TCP');
    }
    w.raw('\n');
  }
  writeEvents(w, ctx);
}

/** `kubectl describe persistentvolumeclaim`, with the pods that use it. */
export function describePersistentVolumeClaim(w: DescribeWriter, pvc: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(pvc.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(pvc.metadata?.namespace ?? ''));
  w.line(0, 'StorageClass:', str(at(pvc, 'spec', 'storageClassName')));
  w.line(0, 'Status:', str(at(pvc, 'status', 'phase')));
  w.line(0, 'Volume:', str(at(pvc, 'spec', 'volumeName')));
  writeLabels(w, 0, 'Labels', pvc.metadata?.labels);
  writeAnnotations(w, 0, pvc.metadata?.annotations);
  w.line(0, 'Finalizers:', `[${(pvc.metadata?.finalizers ?? []).join(' ')}]`);
  const bound = str(at(pvc, 'status', 'phase')) === 'Bound' && !!str(at(pvc, 'spec', 'volumeName'));
  w.line(0, 'Capacity:', bound ? str(at(pvc, 'status', 'capacity', 'storage')) : '');
  w.line(0, 'Access Modes:', bound ? list(at(pvc, 'status', 'accessModes')).map((m) => ACCESS_MODES[String(m)] ?? String(m)).join(',') : '');
  w.line(0, 'VolumeMode:', str(at(pvc, 'spec', 'volumeMode')) || 'Filesystem');
  const users = ctx.indexes.pods.all(String(pvc.metadata?.namespace)).filter((p) => list(at(p, 'spec', 'volumes')).some((v) => at(v, 'persistentVolumeClaim', 'claimName') === pvc.metadata?.name));
  w.line(0, 'Used By:', users.map((p) => String(p.metadata?.name)).sort().join(',') || '<none>');
  writeEvents(w, ctx);
}

const ACCESS_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

// The sources a PersistentVolume can have, as kubectl describe prints them (the common ones).
const PV_SOURCES: [string, string, (s: unknown) => [string, string][]][] = [
  ['hostPath', 'HostPath (bare host directory volume)', (s) => [['Path', str(at(s, 'path'))], ['HostPathType', str(at(s, 'type'))]]],
  ['nfs', 'NFS (an NFS mount that lasts the lifetime of a pod)', (s) => [['Server', str(at(s, 'server'))], ['Path', str(at(s, 'path'))], ['ReadOnly', String(at(s, 'readOnly') === true)]]],
  ['local', 'LocalVolume (a persistent volume backed by local storage on a node)', (s) => [['Path', str(at(s, 'path'))]]],
  ['csi', 'CSI (a Container Storage Interface (CSI) volume source)', (s) => [['Driver', str(at(s, 'driver'))], ['FSType', str(at(s, 'fsType'))], ['VolumeHandle', str(at(s, 'volumeHandle'))], ['ReadOnly', String(at(s, 'readOnly') === true)]]],
];

/** `kubectl describe persistentvolume`. */
export function describePersistentVolume(w: DescribeWriter, pv: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(pv.metadata?.name ?? ''));
  writeLabels(w, 0, 'Labels', pv.metadata?.labels);
  writeAnnotations(w, 0, pv.metadata?.annotations);
  w.line(0, 'Finalizers:', `[${(pv.metadata?.finalizers ?? []).join(' ')}]`);
  w.line(0, 'StorageClass:', str(at(pv, 'spec', 'storageClassName')));
  w.line(0, 'Status:', str(at(pv, 'status', 'phase')));
  const claim = at(pv, 'spec', 'claimRef');
  w.line(0, 'Claim:', claim ? `${str(at(claim, 'namespace'))}/${str(at(claim, 'name'))}` : '');
  w.line(0, 'Reclaim Policy:', str(at(pv, 'spec', 'persistentVolumeReclaimPolicy')));
  w.line(0, 'Access Modes:', list(at(pv, 'spec', 'accessModes')).map((m) => ACCESS_MODES[String(m)] ?? String(m)).join(','));
  if (str(at(pv, 'spec', 'volumeMode'))) w.line(0, 'VolumeMode:', str(at(pv, 'spec', 'volumeMode')));
  w.line(0, 'Capacity:', str(at(pv, 'spec', 'capacity', 'storage')));
  w.line(0, 'Node Affinity:', at(pv, 'spec', 'nodeAffinity') ? 'Required Terms' : '<none>');
  w.line(0, 'Message:', str(at(pv, 'status', 'message')));
  w.line(0, 'Source:');
  const known = PV_SOURCES.find(([key]) => at(pv, 'spec', key) !== undefined);
  if (!known) w.line(2, 'Type:', '<unknown>');
  else {
    const [key, type, fields] = known;
    w.line(2, 'Type:', type);
    for (const [k, v] of fields(at(pv, 'spec', key))) w.line(2, `${k}:`, v);
  }
  writeEvents(w, ctx);
}
