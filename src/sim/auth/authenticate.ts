import type { ObjectStore } from '../store.js';

/** Who a request comes from, as the API server's authenticators report it. */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
}

/** The token `kdrill sim` writes into its kubeconfig: a cluster-admin (group system:masters). */
export const ADMIN_TOKEN = 'kdrill-sim-token';

/** The anonymous user of a request without credentials. */
export const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Static bearer tokens (like kube-apiserver's --token-auth-file): token → user. */
export const STATIC_TOKENS: Readonly<Record<string, UserInfo>> = Object.freeze({
  [ADMIN_TOKEN]: { username: 'kdrill-sim-user', uid: 'kdrill-sim-user', groups: ['system:masters', 'system:authenticated'] },
  // The third subject of the corpus's RoleBinding pod-reader: a plain user with no group of its own.
  'kdrill-jane-token': { username: 'jane@corpus.example.org', uid: 'jane', groups: ['system:authenticated'] },
});

/** The fixed token of a ServiceAccount in the simulator: `sa:<namespace>:<name>`. */
export function serviceAccountToken(namespace: string, name: string): string {
  return `sa:${namespace}:${name}`;
}

/** The user name a ServiceAccount authenticates as. */
export function serviceAccountUser(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/**
 * The user behind an Authorization header: anonymous without a bearer token, undefined (401)
 * for a token nobody owns. A ServiceAccount token is only good while its ServiceAccount exists.
 */
export function authenticate(authorization: string | undefined, store: ObjectStore): UserInfo | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) return ANONYMOUS;
  const token = m[1];
  const known = STATIC_TOKENS[token];
  if (known && Object.hasOwn(STATIC_TOKENS, token)) return known;
  const sa = /^sa:([^:]+):([^:]+)$/.exec(token);
  if (!sa) return undefined;
  const obj = store.get('serviceaccounts', sa[1], sa[2]);
  if (!obj) return undefined;
  return {
    username: serviceAccountUser(sa[1], sa[2]),
    uid: obj.metadata?.uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`, 'system:authenticated'],
  };
}
