import type { KubeObject } from '../../model/types.js';
import type { ObjectStore } from '../store.js';
import type { UserInfo } from './authenticate.js';
import { ruleAllows, rulesOf, type PolicyRule } from './policy-rule.js';
import type { RequestAttributes } from './request-info.js';

const RBAC = 'rbac.authorization.k8s.io';
/** Store keys of the four RBAC kinds. */
export const RBAC_KEYS = { roles: `roles.${RBAC}`, clusterRoles: `clusterroles.${RBAC}`, roleBindings: `rolebindings.${RBAC}`, clusterRoleBindings: `clusterrolebindings.${RBAC}` };

/** The group whose members are allowed everything, before RBAC is asked (kube-apiserver's privileged group). */
export const MASTERS_GROUP = 'system:masters';

/** An authorization decision; `reason` carries RBAC's errors (a binding to a missing role) when denied. */
export interface Decision {
  allowed: boolean;
  reason: string;
}

/** The rules that apply to a user in a namespace, and the errors met resolving them. */
export interface UserRules {
  rules: PolicyRule[];
  errors: string[];
}

interface Index {
  cluster: Map<string, KubeObject[]>;
  namespaced: Map<string, Map<string, KubeObject[]>>;
}

function subjectKeys(binding: KubeObject): string[] {
  const subjects: any[] = Array.isArray(binding.subjects) ? binding.subjects : [];
  const keys: string[] = [];
  for (const s of subjects) {
    if (!s || typeof s.name !== 'string') continue;
    if (s.kind === 'User') keys.push(`u:${s.name}`);
    else if (s.kind === 'Group') keys.push(`g:${s.name}`);
    else if (s.kind === 'ServiceAccount') {
      // A RoleBinding's ServiceAccount subject without a namespace means the binding's own.
      const ns = s.namespace || binding.metadata?.namespace;
      if (ns) keys.push(`u:system:serviceaccount:${ns}:${s.name}`);
    }
  }
  return keys;
}

function addTo(map: Map<string, KubeObject[]>, key: string, b: KubeObject): void {
  const list = map.get(key);
  if (!list) map.set(key, [b]);
  else if (!list.includes(b)) list.push(b);
}

function describeSubject(s: any, bindingNs: string | undefined): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount ${JSON.stringify(`${s.name}/${s.namespace || bindingNs}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

/** `RoleBinding "name/ns" of Role "r" to ServiceAccount "sa/ns"`: the words of upstream's binding describers. */
function describeBinding(b: KubeObject, user: UserInfo): string {
  const ns = b.metadata?.namespace;
  const keys = new Set([`u:${user.username}`, ...user.groups.map((g) => `g:${g}`)]);
  const subject = (b.subjects as any[]).find((s) => subjectKeys({ ...b, subjects: [s] }).some((k) => keys.has(k)));
  const name = ns ? `${b.metadata!.name}/${ns}` : b.metadata!.name;
  return `${ns ? 'RoleBinding' : 'ClusterRoleBinding'} ${JSON.stringify(name)} of ${b.roleRef?.kind} ${JSON.stringify(b.roleRef?.name)} to ${describeSubject(subject, ns)}`;
}

const byName = (a: KubeObject, b: KubeObject) => (a.metadata!.name! < b.metadata!.name! ? -1 : a.metadata!.name! > b.metadata!.name! ? 1 : 0);

/**
 * The RBAC authorizer over the store's Roles, ClusterRoles and bindings. Bindings are indexed by
 * subject (user, group, ServiceAccount) and the index is rebuilt only after a binding changes, so
 * a request costs a few map lookups and the rules of the roles that apply to its user.
 */
export class RbacAuthorizer {
  private index: Index | undefined;

  constructor(private readonly store: ObjectStore) {
    const dirty = () => (this.index = undefined);
    store.subscribe(RBAC_KEYS.roleBindings, dirty);
    store.subscribe(RBAC_KEYS.clusterRoleBindings, dirty);
  }

  /** Whether the user may do what the request asks; `explain` words an allow as RBAC does ("RBAC: allowed by RoleBinding …"). */
  authorize(user: UserInfo, a: RequestAttributes, explain = false): Decision {
    if (user.groups.includes(MASTERS_GROUP)) return { allowed: true, reason: '' };
    const errors: string[] = [];
    for (const binding of this.bindingsFor(user, a.namespace)) {
      const rules = this.roleRules(binding, errors);
      for (const rule of rules) if (ruleAllows(rule, a)) return { allowed: true, reason: explain ? `RBAC: allowed by ${describeBinding(binding, user)}` : '' };
    }
    return { allowed: false, reason: errors.length ? `RBAC: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}` : '' };
  }

  /** Every rule that applies to the user in a namespace: cluster-wide bindings first, then the namespace's (SelfSubjectRulesReview). */
  rulesFor(user: UserInfo, namespace: string): UserRules {
    const errors: string[] = [];
    const rules: PolicyRule[] = [];
    if (user.groups.includes(MASTERS_GROUP)) {
      rules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] });
    }
    for (const binding of this.bindingsFor(user, namespace)) rules.push(...this.roleRules(binding, errors));
    return { rules, errors };
  }

  /** The bindings whose subjects include the user or one of its groups: ClusterRoleBindings, then RoleBindings of `namespace`. */
  private bindingsFor(user: UserInfo, namespace: string): KubeObject[] {
    const index = this.built();
    const keys = [`u:${user.username}`, ...user.groups.map((g) => `g:${g}`)];
    const collect = (map: Map<string, KubeObject[]> | undefined) => {
      const found = new Set<KubeObject>();
      if (map) for (const k of keys) for (const b of map.get(k) ?? []) found.add(b);
      return [...found].sort(byName);
    };
    const cluster = collect(index.cluster);
    return namespace ? [...cluster, ...collect(index.namespaced.get(namespace))] : cluster;
  }

  private roleRules(binding: KubeObject, errors: string[]): PolicyRule[] {
    const ref = binding.roleRef ?? {};
    const ns = binding.metadata?.namespace;
    if (ref.kind === 'ClusterRole') {
      const role = this.store.get(RBAC_KEYS.clusterRoles, undefined, ref.name);
      if (!role) errors.push(`clusterrole.${RBAC} "${ref.name}" not found`);
      return rulesOf(role);
    }
    if (ref.kind === 'Role' && ns) {
      const role = this.store.get(RBAC_KEYS.roles, ns, ref.name);
      if (!role) errors.push(`role.${RBAC} "${ref.name}" not found`);
      return rulesOf(role);
    }
    return [];
  }

  private built(): Index {
    if (this.index) return this.index;
    const index: Index = { cluster: new Map(), namespaced: new Map() };
    for (const b of this.store.list(RBAC_KEYS.clusterRoleBindings)) for (const k of subjectKeys(b)) addTo(index.cluster, k, b);
    for (const b of this.store.list(RBAC_KEYS.roleBindings)) {
      const ns = b.metadata!.namespace!;
      let map = index.namespaced.get(ns);
      if (!map) index.namespaced.set(ns, (map = new Map()));
      for (const k of subjectKeys(b)) addTo(map, k, b);
    }
    this.index = index;
    return index;
  }
}
