import { canonical } from '../../model/canonical-json.js';
import { fromLabelSelector, matches } from '../../model/label-selector.js';
import type { KubeObject } from '../../model/types.js';
import { RBAC_CHECKS, RBAC_UPDATE_CHECKS, rbacNameProblem } from '../auth/rbac-validate.js';
import type { SimResource } from '../resources.js';
import { invalid } from './status-error.js';

type Cause = { field: string; message: string };

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function checkName(name: string, label: boolean): string | undefined {
  if (!name) return 'Required value: name or generateName is required';
  if (label && (name.length > 63 || !DNS_LABEL.test(name))) {
    return `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`;
  }
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    return `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
  }
  return undefined;
}

function checkTemplate(obj: KubeObject, causes: Cause[]): void {
  const spec = obj.spec ?? {};
  for (const field of ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']) {
    const v = spec[field];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) causes.push({ field: `spec.${field}`, message: `Invalid value: ${JSON.stringify(v)}: ${Number.isInteger(v) ? 'must be greater than or equal to 0' : 'must be a non-negative integer'}` });
    // The first text is the API server's (errors/422-invalid-deployment.json); a non-integer never gets past its decoder.
  }
  const selector = fromLabelSelector(spec.selector);
  if (!selector || selector.length === 0) causes.push({ field: 'spec.selector', message: 'Required value' });
  const tmpl = spec.template;
  if (!tmpl || typeof tmpl !== 'object') {
    causes.push({ field: 'spec.template', message: 'Required value' });
    return;
  }
  if (selector && selector.length && !matches(selector, tmpl.metadata?.labels)) {
    causes.push({
      field: 'spec.template.metadata.labels',
      message: `Invalid value: ${JSON.stringify(tmpl.metadata?.labels ?? {})}: \`selector\` does not match template \`labels\``,
    });
  }
  checkPodSpec(tmpl.spec, 'spec.template.spec', causes);
}

function checkPodSpec(spec: any, path: string, causes: Cause[]): void {
  const containers = spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push({ field: `${path}.containers`, message: 'Required value' });
    return;
  }
  containers.forEach((c: any, i: number) => {
    if (!c || typeof c.name !== 'string' || !DNS_LABEL.test(c.name)) causes.push({ field: `${path}.containers[${i}].name`, message: 'Required value' });
    if (!c || typeof c.image !== 'string' || !c.image.trim()) causes.push({ field: `${path}.containers[${i}].image`, message: 'Required value' });
  });
}

// Kind-specific checks; kinds without an entry only get their name checked.
const CHECKS: Record<string, (obj: KubeObject, causes: Cause[]) => void> = {
  pods: (o, c) => checkPodSpec(o.spec, 'spec', c),
  'deployments.apps': checkTemplate,
  'replicasets.apps': checkTemplate,
  'statefulsets.apps': checkTemplate,
  'daemonsets.apps': checkTemplate,
  'jobs.batch': (o, c) => checkPodSpec(o.spec?.template?.spec, 'spec.template.spec', c),
  'cronjobs.batch': (o, c) => {
    if (typeof o.spec?.schedule !== 'string' || !o.spec.schedule.trim()) c.push({ field: 'spec.schedule', message: 'Required value' });
    checkPodSpec(o.spec?.jobTemplate?.spec?.template?.spec, 'spec.jobTemplate.spec.template.spec', c);
  },
  services: (o, c) => {
    const s = o.spec ?? {};
    if (s.type !== 'ExternalName' && s.clusterIP !== 'None' && (!Array.isArray(s.ports) || s.ports.length === 0)) {
      c.push({ field: 'spec.ports', message: 'Required value' });
    }
    if (s.type === 'ExternalName' && !s.externalName) c.push({ field: 'spec.externalName', message: 'Required value' });
  },
  ...RBAC_CHECKS,
};

const LABEL_NAMED = new Set(['services', 'namespaces']);

/** Throws a 422 StatusError when an object is not valid for its resource. */
export function validate(r: SimResource, key: string, obj: KubeObject): void {
  const causes: Cause[] = [];
  const name = obj.metadata?.name ?? '';
  const nameProblem = Object.hasOwn(RBAC_CHECKS, key) ? rbacNameProblem(name) : checkName(name, LABEL_NAMED.has(key));
  if (nameProblem) causes.push({ field: 'metadata.name', message: nameProblem });
  if (obj.spec !== undefined && (obj.spec === null || typeof obj.spec !== 'object')) causes.push({ field: 'spec', message: 'Invalid value: must be an object' });
  else CHECKS[key]?.(obj, causes);
  if (causes.length) throw invalid(r, name, causes);
}


/** The parts of a pod spec that an update may change (images, deadlines, added tolerations). */
function podSpecMasked(spec: any): string {
  const mask = (list: any) => (Array.isArray(list) ? list.map((c: any) => ({ ...c, image: undefined })) : list);
  return canonical({ ...spec, containers: mask(spec?.containers), initContainers: mask(spec?.initContainers), activeDeadlineSeconds: undefined, tolerations: undefined, terminationGracePeriodSeconds: undefined, nodeName: undefined });
}

function immutable(field: string, a: unknown, b: unknown, causes: Cause[]): void {
  if (canonical(a) !== canonical(b)) causes.push({ field, message: 'Invalid value: field is immutable' });
}

// Update rules per resource, as the API server's update strategies enforce them.
const UPDATE_CHECKS: Record<string, (prev: KubeObject, next: KubeObject, causes: Cause[]) => void> = {
  pods: (prev, next, c) => {
    if (podSpecMasked(prev.spec) !== podSpecMasked(next.spec)) {
      c.push({ field: 'spec', message: 'Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)' });
    }
  },
  'deployments.apps': (prev, next, c) => immutable('spec.selector', prev.spec?.selector, next.spec?.selector, c),
  'replicasets.apps': (prev, next, c) => immutable('spec.selector', prev.spec?.selector, next.spec?.selector, c),
  'statefulsets.apps': (prev, next, c) => immutable('spec.selector', prev.spec?.selector, next.spec?.selector, c),
  'daemonsets.apps': (prev, next, c) => immutable('spec.selector', prev.spec?.selector, next.spec?.selector, c),
  'jobs.batch': (prev, next, c) => {
    immutable('spec.selector', prev.spec?.selector, next.spec?.selector, c);
    immutable('spec.template', prev.spec?.template, next.spec?.template, c);
  },
  services: (prev, next, c) => {
    if (prev.spec?.clusterIP && next.spec?.clusterIP && prev.spec.clusterIP !== next.spec.clusterIP) immutable('spec.clusterIP', prev.spec.clusterIP, next.spec.clusterIP, c);
  },
  ...RBAC_UPDATE_CHECKS,
};

/** Throws a 422 StatusError when an update breaks its resource's update rules. */
export function validateUpdate(r: SimResource, key: string, prev: KubeObject, next: KubeObject): void {
  const causes: Cause[] = [];
  UPDATE_CHECKS[key]?.(prev, next, causes);
  if (causes.length) throw invalid(r, next.metadata?.name ?? '', causes);
}
