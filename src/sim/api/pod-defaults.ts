/** The API server's defaults of pod specs, in pods and in pod templates. */
export type Obj = Record<string, any>;

/** Fills `target[key]` when it is missing. */
export function def(target: Obj, key: string, value: unknown): void {
  if (target[key] === undefined || target[key] === null) target[key] = value;
}

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);

function defaultProbe(probe: Obj | undefined): void {
  if (!probe || typeof probe !== 'object') return;
  def(probe, 'timeoutSeconds', 1);
  def(probe, 'periodSeconds', 10);
  def(probe, 'successThreshold', 1);
  def(probe, 'failureThreshold', 3);
  if (probe.httpGet) def(probe.httpGet, 'scheme', 'HTTP');
}

function defaultContainer(c: Obj): void {
  const image = String(c.image ?? '');
  const tag = image.includes('@') ? 'digest' : (image.split('/').pop() ?? '').split(':')[1];
  def(c, 'imagePullPolicy', !tag || tag === 'latest' ? 'Always' : 'IfNotPresent');
  def(c, 'terminationMessagePath', '/dev/termination-log');
  def(c, 'terminationMessagePolicy', 'File');
  def(c, 'resources', {});
  for (const p of list(c.ports)) def(p, 'protocol', 'TCP');
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

// Volume sources whose files get mode 0644 unless the manifest says otherwise.
const MODE_SOURCES = ['configMap', 'secret', 'projected', 'downwardAPI'];

function defaultVolume(v: Obj): void {
  for (const source of MODE_SOURCES) if (v[source] && typeof v[source] === 'object') def(v[source], 'defaultMode', 420);
}

/** Applies the defaults every pod spec gets, in a pod or in a template, as `kubectl get -o yaml` shows them. */
export function defaultPodSpec(spec: Obj | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  def(spec, 'restartPolicy', 'Always');
  def(spec, 'terminationGracePeriodSeconds', 30);
  def(spec, 'dnsPolicy', 'ClusterFirst');
  def(spec, 'schedulerName', 'default-scheduler');
  def(spec, 'securityContext', {});
  // The v1 conversion keeps the deprecated field equal to the current one.
  if (spec.serviceAccountName) def(spec, 'serviceAccount', spec.serviceAccountName);
  for (const c of [...list(spec.containers), ...list(spec.initContainers)]) defaultContainer(c);
  for (const v of list(spec.volumes)) defaultVolume(v);
}

/** Applies the defaults of a pod template (`template.metadata` is always there). */
export function defaultTemplate(template: Obj | undefined): void {
  if (!template || typeof template !== 'object') return;
  def(template, 'metadata', {});
  defaultPodSpec(template.spec);
}

/** Applies the defaults only pods get, on top of the pod spec's (admission fills these, not templates). */
export function defaultPod(o: Obj): void {
  defaultPodSpec(o.spec);
  if (!o.spec) return;
  def(o.spec, 'enableServiceLinks', true);
  def(o.spec, 'serviceAccountName', 'default');
  def(o.spec, 'serviceAccount', o.spec.serviceAccountName);
  def(o.spec, 'priority', 0);
  def(o.spec, 'preemptionPolicy', 'PreemptLowerPriority');
  def(o.spec, 'tolerations', [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ]);
  def(o, 'status', { phase: 'Pending', qosClass: 'BestEffort' });
}
