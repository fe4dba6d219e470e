import type { KubeObject } from '../../model/types.js';
import { def, defaultPod, defaultTemplate, type Obj } from './pod-defaults.js';
import { defaultCrd, defaultHpa, defaultIngress, defaultNamespace, defaultPvc, defaultSecret, defaultService } from './other-defaults.js';

const percent25 = '25%';

function defaultDeployment(o: Obj): void {
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
  defaultTemplate(s.template);
}

function defaultReplicaSet(o: Obj): void {
  def((o.spec ??= {}), 'replicas', 1);
  defaultTemplate(o.spec.template);
}

function defaultStatefulSet(o: Obj): void {
  const s = (o.spec ??= {});
  def(s, 'replicas', 1);
  def(s, 'podManagementPolicy', 'OrderedReady');
  def(s, 'revisionHistoryLimit', 10);
  def(s, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  def(s, 'persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' });
  for (const t of Array.isArray(s.volumeClaimTemplates) ? s.volumeClaimTemplates : []) {
    // Stored as full PVC objects: kind, apiVersion and a Pending status included.
    def(t, 'apiVersion', 'v1');
    def(t, 'kind', 'PersistentVolumeClaim');
    defaultPvc(t);
  }
  defaultTemplate(s.template);
}

function defaultDaemonSet(o: Obj): void {
  const s = (o.spec ??= {});
  def(s, 'revisionHistoryLimit', 10);
  def(s, 'updateStrategy', { type: 'RollingUpdate' });
  if (s.updateStrategy.type === 'RollingUpdate') {
    def(s.updateStrategy, 'rollingUpdate', {});
    def(s.updateStrategy.rollingUpdate, 'maxUnavailable', 1);
    def(s.updateStrategy.rollingUpdate, 'maxSurge', 0);
  }
  defaultTemplate(s.template);
  // The create strategy records the template generation the DaemonSet controller hashes.
  o.metadata = { ...o.metadata, annotations: { 'deprecated.daemonset.template.generation': '1', ...o.metadata?.annotations } };
}

function defaultJob(o: Obj): void {
  const s = (o.spec ??= {});
  def(s, 'parallelism', 1);
  def(s, 'completions', 1);
  def(s, 'backoffLimit', 6);
  def(s, 'completionMode', 'NonIndexed');
  def(s, 'suspend', false);
  def(s, 'manualSelector', false);
  if (!s.podFailurePolicy) def(s, 'podReplacementPolicy', 'TerminatingOrFailed');
  defaultTemplate(s.template);
}

/** A CronJob's job template gets pod template defaults only, not the Job's. */
function defaultCronJob(o: Obj): void {
  const s = (o.spec ??= {});
  def(s, 'concurrencyPolicy', 'Allow');
  def(s, 'suspend', false);
  def(s, 'successfulJobsHistoryLimit', 3);
  def(s, 'failedJobsHistoryLimit', 1);
  if (!s.jobTemplate || typeof s.jobTemplate !== 'object') return;
  def(s.jobTemplate, 'metadata', {});
  defaultTemplate(s.jobTemplate.spec?.template);
}

// Defaulting per resource key; kinds without an entry are stored as sent.
const DEFAULTERS: Record<string, (obj: Obj) => void> = {
  pods: defaultPod,
  'deployments.apps': defaultDeployment,
  'replicasets.apps': defaultReplicaSet,
  'statefulsets.apps': defaultStatefulSet,
  'daemonsets.apps': defaultDaemonSet,
  'jobs.batch': defaultJob,
  'cronjobs.batch': defaultCronJob,
  services: defaultService,
  namespaces: defaultNamespace,
  secrets: defaultSecret,
  persistentvolumeclaims: defaultPvc,
  'ingresses.networking.k8s.io': defaultIngress,
  'horizontalpodautoscalers.autoscaling': defaultHpa,
  'customresourcedefinitions.apiextensions.k8s.io': defaultCrd,
};

/** Applies the defaults of one resource to an object, in place. */
export function applyDefaults(key: string, obj: KubeObject): void {
  DEFAULTERS[key]?.(obj);
}
