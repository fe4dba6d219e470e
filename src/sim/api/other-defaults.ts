import { def, type Obj } from './pod-defaults.js';

/** Defaults of a Service: type, affinity, IP families and traffic policies, port protocols and targets. */
export function defaultService(o: Obj): void {
  const s = (o.spec ??= {});
  def(s, 'type', 'ClusterIP');
  def(s, 'sessionAffinity', 'None');
  if (s.type !== 'ExternalName') {
    def(s, 'ipFamilies', ['IPv4']);
    def(s, 'ipFamilyPolicy', 'SingleStack');
    def(s, 'internalTrafficPolicy', 'Cluster');
  }
  if (s.type === 'LoadBalancer') def(s, 'allocateLoadBalancerNodePorts', true);
  for (const p of Array.isArray(s.ports) ? s.ports : []) {
    def(p, 'protocol', 'TCP');
    def(p, 'targetPort', p.port);
  }
  def(o, 'status', { loadBalancer: {} });
}

/** A Namespace's `kubernetes` finalizer, Active phase and name label. */
export function defaultNamespace(o: Obj): void {
  o.spec = { finalizers: ['kubernetes'], ...(o.spec ?? {}) };
  o.status = { phase: 'Active', ...(o.status ?? {}) };
  o.metadata = { ...o.metadata, labels: { 'kubernetes.io/metadata.name': o.metadata!.name!, ...(o.metadata?.labels ?? {}) } };
}

/** As the v1 → internal conversion does: stringData is written into data (base64) and never stored. */
export function defaultSecret(o: Obj): void {
  if (o.stringData && typeof o.stringData === 'object') {
    o.data = { ...(o.data ?? {}) };
    for (const [k, v] of Object.entries(o.stringData as Record<string, unknown>)) o.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  }
  delete o.stringData;
  def(o, 'type', 'Opaque');
}

/** A claim (or a StatefulSet's claim template) mounts a filesystem and starts Pending. */
export function defaultPvc(o: Obj): void {
  def((o.spec ??= {}), 'volumeMode', 'Filesystem');
  def(o, 'status', { phase: 'Pending' });
}

/** Paths without a type match as the controller implements them. */
export function defaultIngress(o: Obj): void {
  for (const rule of Array.isArray(o.spec?.rules) ? o.spec.rules : []) {
    for (const p of Array.isArray(rule?.http?.paths) ? rule.http.paths : []) def(p, 'pathType', 'ImplementationSpecific');
  }
  def(o, 'status', { loadBalancer: {} });
}

const SCALE_UP = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
const SCALE_DOWN = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

/** Fills the unset fields of one scaling direction's rules from that direction's defaults. */
function scalingRules(rules: Obj | undefined, defaults: Obj): Obj {
  const out: Obj = { ...(rules ?? {}) };
  for (const [k, v] of Object.entries(defaults)) def(out, k, structuredClone(v));
  return out;
}

/** An HPA scales from one replica on 80% CPU; a behavior, when given, gets both directions filled in. */
export function defaultHpa(o: Obj): void {
  const s = (o.spec ??= {});
  def(s, 'minReplicas', 1);
  def(s, 'metrics', [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  if (s.behavior && typeof s.behavior === 'object') {
    s.behavior.scaleUp = scalingRules(s.behavior.scaleUp, SCALE_UP);
    s.behavior.scaleDown = scalingRules(s.behavior.scaleDown, SCALE_DOWN);
  }
}

/** A CRD converts between its versions by changing only apiVersion unless it names a webhook. */
export function defaultCrd(o: Obj): void {
  def((o.spec ??= {}), 'conversion', { strategy: 'None' });
}
