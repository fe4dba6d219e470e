import type { RequestAttributes } from './request-info.js';

/** One rule of a Role or ClusterRole (rbac.authorization.k8s.io/v1 PolicyRule). */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const has = (list: string[] | undefined, value: string) => !!list && (list.includes('*') || list.includes(value));

function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    // `*/scale` grants a subresource of every resource.
    if (subresource && r === `*/${subresource}`) return true;
  }
  return false;
}

function nameMatches(rule: PolicyRule, name: string): boolean {
  if (!rule.resourceNames?.length) return true;
  return rule.resourceNames.includes(name);
}

function urlMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

/** Whether a rule allows a request, with the RBAC authorizer's matching of verbs, groups, resources, names and URLs. */
export function ruleAllows(rule: PolicyRule, a: RequestAttributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!a.isResourceRequest) return urlMatches(rule, a.path);
  return has(rule.apiGroups, a.apiGroup) && resourceMatches(rule, a.resource, a.subresource) && nameMatches(rule, a.name);
}

/** The rules of a role object, tolerating missing fields (an object written by hand). */
export function rulesOf(role: { [field: string]: unknown } | undefined): PolicyRule[] {
  return role && Array.isArray(role.rules) ? (role.rules as PolicyRule[]).filter((r) => r && Array.isArray(r.verbs)) : [];
}
