import type { KubeObject } from '../../model/types.js';

type Obj = Record<string, any>;

/** Fills `target[key]` when it is missing. */
function def(target: Obj, key: string, value: unknown): void {
  if (target[key] === undefined || target[key] === null) target[key] = value;
}

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
  for (const p of Array.isArray(c.ports) ? c.ports : []) def(p, 'protocol', 'TCP');
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

/** Applies the API server's defaults to a pod spec, as they appear in `kubectl get -o yaml`. */
export function defaultPodSpec(spec: Obj | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  def(spec, 'restartPolicy', 'Always');
  def(spec, 'terminationGracePeriodSeconds', 30);
  def(spec, 'dnsPolicy', 'ClusterFirst');
  def(spec, 'schedulerName', 'default-scheduler');
  def(spec, 'securityContext', {});
  def(spec, 'enableServiceLinks', true);
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) defaultContainer(c);
  for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : []) defaultContainer(c);
}

function defaultTemplate(spec: Obj | undefined): void {
  if (spec?.template) defaultPodSpec(spec.template.spec);
}

const percent25 = '25%';

// Defaulting per resource key; kinds without an entry are stored as sent.
const DEFAULTERS: Record<string, (obj: KubeObject) => void> = {
  pods: (o) => {
    defaultPodSpec(o.spec);
    if (o.spec) {
      def(o.spec, 'serviceAccountName', 'default');
      def(o.spec, 'serviceAccount', o.spec.serviceAccountName);
      def(o.spec, 'priority', 0);
      def(o.spec, 'preemptionPolicy', 'PreemptLowerPriority');
      def(o.spec, 'tolerations', [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ]);
    }
    def(o, 'status', { phase: 'Pending', qosClass: 'BestEffort' });
  },
  'deployments.apps': (o) => {
    const s = (o.spec ??= {});
    def(s, 'replicas', 1);
    def(s, 'revisionHistoryLimit', 10);
    def(s, 'progressDeadlineSeconds', 600);
    def(s, 'strategy', { type: 'RollingUpdate' });
    if ((s.strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
      s.strategy.type = 'RollingUpdate';
      def(s.strategy, 'rollingUpdate', {});
      def(s.strategy.rollingUpdate, 'maxSurge', percent25);
      def(s.strategy.rollingUpdate, 'maxUnavailable', percent25);
    }
    defaultTemplate(s);
  },
  'replicasets.apps': (o) => {
    def((o.spec ??= {}), 'replicas', 1);
    defaultTemplate(o.spec);
  },
  'statefulsets.apps': (o) => {
    const s = (o.spec ??= {});
    def(s, 'replicas', 1);
    def(s, 'podManagementPolicy', 'OrderedReady');
    def(s, 'revisionHistoryLimit', 10);
    def(s, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    def(s, 'persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' });
    defaultTemplate(s);
  },
  'daemonsets.apps': (o) => {
    const s = (o.spec ??= {});
    def(s, 'revisionHistoryLimit', 10);
    def(s, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    defaultTemplate(s);
  },
  'jobs.batch': (o) => {
    const s = (o.spec ??= {});
    def(s, 'parallelism', 1);
    def(s, 'completions', 1);
    def(s, 'backoffLimit', 6);
    def(s, 'completionMode', 'NonIndexed');
    def(s, 'suspend', false);
    defaultTemplate(s);
  },
  'cronjobs.batch': (o) => {
    const s = (o.spec ??= {});
    def(s, 'concurrencyPolicy', 'Allow');
    def(s, 'suspend', false);
    def(s, 'successfulJobsHistoryLimit', 3);
    def(s, 'failedJobsHistoryLimit', 1);
    if (s.jobTemplate?.spec) DEFAULTERS['jobs.batch']({ spec: s.jobTemplate.spec });
  },
  services: (o) => {
    const s = (o.spec ??= {});
    def(s, 'type', 'ClusterIP');
    def(s, 'sessionAffinity', 'None');
    if (s.type !== 'ExternalName') {
      def(s, 'ipFamilies', ['IPv4']);
      def(s, 'ipFamilyPolicy', 'SingleStack');
      def(s, 'internalTrafficPolicy', 'Cluster');
    }
    for (const p of Array.isArray(s.ports) ? s.ports : []) {
      def(p, 'protocol', 'TCP');
      def(p, 'targetPort', p.port);
    }
    def(o, 'status', { loadBalancer: {} });
  },
  namespaces: (o) => {
    o.spec = { finalizers: ['kubernetes'], ...(o.spec ?? {}) };
    o.status = { phase: 'Active', ...(o.status ?? {}) };
    o.metadata = { ...o.metadata, labels: { 'kubernetes.io/metadata.name': o.metadata!.name!, ...(o.metadata?.labels ?? {}) } };
  },
  secrets: (o) => {
    // As the v1 → internal conversion does: stringData is written into data (base64) and never stored.
    if (o.stringData && typeof o.stringData === 'object') {
      o.data = { ...(o.data ?? {}) };
      for (const [k, v] of Object.entries(o.stringData as Record<string, unknown>)) o.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    }
    delete o.stringData;
    def(o, 'type', 'Opaque');
  },
  'ingresses.networking.k8s.io': (o) => {
    for (const rule of Array.isArray(o.spec?.rules) ? o.spec.rules : []) {
      for (const p of Array.isArray(rule?.http?.paths) ? rule.http.paths : []) def(p, 'pathType', 'ImplementationSpecific');
    }
    def(o, 'status', { loadBalancer: {} });
  },
};

/** Applies the defaults of one resource to an object, in place. */
export function applyDefaults(key: string, obj: KubeObject): void {
  DEFAULTERS[key]?.(obj);
}
