import type { KubeObject } from '../../model/types.js';

type Cause = { field: string; message: string };

const RBAC = 'rbac.authorization.k8s.io';
const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []);

/** RBAC names are path segments (`system:discovery` is fine): what the API server says of one that is not, else undefined. */
export function rbacNameProblem(name: string): string | undefined {
  if (!name) return 'Required value: name or generateName is required';
  if (name === '.' || name === '..') return `Invalid value: "${name}": may not be '${name}'`;
  for (const bad of ['/', '%']) if (name.includes(bad)) return `Invalid value: "${name}": may not contain '${bad}'`;
  return undefined;
}

function checkRules(obj: KubeObject, namespaced: boolean, causes: Cause[]): void {
  list(obj.rules).forEach((r: any, i) => {
    const at = `rules[${i}]`;
    if (!list(r?.verbs).length) causes.push({ field: `${at}.verbs`, message: 'Required value: verbs must contain at least one value' });
    const urls = list(r?.nonResourceURLs);
    if (urls.length) {
      const shown = `[]string{${urls.map((u) => JSON.stringify(u)).join(', ')}}`;
      if (namespaced) causes.push({ field: `${at}.nonResourceURLs`, message: `Invalid value: ${shown}: namespaced rules cannot apply to non-resource URLs` });
      if (list(r?.apiGroups).length || list(r?.resources).length || list(r?.resourceNames).length) {
        causes.push({ field: `${at}.nonResourceURLs`, message: `Invalid value: ${shown}: rules cannot apply to both regular resources and non-resource URLs` });
      }
      return;
    }
    if (!list(r?.apiGroups).length) causes.push({ field: `${at}.apiGroups`, message: 'Required value: resource rules must supply at least one api group' });
    if (!list(r?.resources).length) causes.push({ field: `${at}.resources`, message: 'Required value: resource rules must supply at least one resource' });
  });
}

function checkBinding(obj: KubeObject, namespaced: boolean, causes: Cause[]): void {
  const ref = obj.roleRef ?? {};
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (ref.apiGroup !== RBAC) causes.push({ field: 'roleRef.apiGroup', message: `Unsupported value: ${JSON.stringify(ref.apiGroup ?? '')}: supported values: "${RBAC}"` });
  if (!kinds.includes(ref.kind)) causes.push({ field: 'roleRef.kind', message: `Unsupported value: ${JSON.stringify(ref.kind ?? '')}: supported values: ${kinds.map((k) => `"${k}"`).join(', ')}` });
  if (!ref.name) causes.push({ field: 'roleRef.name', message: 'Required value' });
  list(obj.subjects).forEach((s: any, i) => {
    const at = `subjects[${i}]`;
    if (!s?.name) causes.push({ field: `${at}.name`, message: 'Required value' });
    if (s?.kind === 'ServiceAccount') {
      if (!namespaced && !s.namespace) causes.push({ field: `${at}.namespace`, message: 'Required value' });
    } else if (s?.kind !== 'User' && s?.kind !== 'Group') {
      causes.push({ field: `${at}.kind`, message: `Unsupported value: ${JSON.stringify(s?.kind ?? '')}: supported values: "ServiceAccount", "User", "Group"` });
    }
  });
}

/** Create-time checks of the four RBAC kinds, as rbac's validation does them. */
export const RBAC_CHECKS: Record<string, (obj: KubeObject, causes: Cause[]) => void> = {
  [`roles.${RBAC}`]: (o, c) => checkRules(o, true, c),
  [`clusterroles.${RBAC}`]: (o, c) => checkRules(o, false, c),
  [`rolebindings.${RBAC}`]: (o, c) => checkBinding(o, true, c),
  [`clusterrolebindings.${RBAC}`]: (o, c) => checkBinding(o, false, c),
};

function sameRoleRef(prev: KubeObject, next: KubeObject, causes: Cause[]): void {
  const a = prev.roleRef ?? {};
  const b = next.roleRef ?? {};
  if (a.apiGroup !== b.apiGroup || a.kind !== b.kind || a.name !== b.name) {
    causes.push({ field: 'roleRef', message: `Invalid value: v1.RoleRef{APIGroup:"${b.apiGroup ?? ''}", Kind:"${b.kind ?? ''}", Name:"${b.name ?? ''}"}: cannot change roleRef` });
  }
}

/** Update checks: a binding's roleRef cannot change (delete and recreate the binding instead). */
export const RBAC_UPDATE_CHECKS: Record<string, (prev: KubeObject, next: KubeObject, causes: Cause[]) => void> = {
  [`rolebindings.${RBAC}`]: sameRoleRef,
  [`clusterrolebindings.${RBAC}`]: sameRoleRef,
};
