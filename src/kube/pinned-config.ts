import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';

/**
 * A kubeconfig that holds exactly one context, its cluster and its user, copied when a session
 * opens and frozen: nothing can point it at another context afterwards. Credentials still
 * refresh through that user's own provider (exec plugin, OIDC), inside this copy.
 */
export class PinnedKubeConfig extends KubeConfig {
  /** Copies `context` (its cluster and user) out of `source`; later changes to `source` do not reach the copy. */
  static of(source: KubeConfig, context: string): PinnedKubeConfig {
    const ctx = source.getContextObject(context);
    if (!ctx) throw new Error(`context "${context}" is not in the kubeconfig`);
    const cluster = source.getCluster(ctx.cluster);
    if (!cluster) throw new Error(`context "${context}" refers to cluster "${ctx.cluster}", which is not in the kubeconfig`);
    const user = ctx.user ? source.getUser(ctx.user) : null;
    // The user's record is copied but not frozen: an OIDC provider writes refreshed tokens into it.
    return new PinnedKubeConfig(deepFreeze(structuredClone(ctx)), deepFreeze(structuredClone(cluster)), user ? structuredClone(user) : null);
  }

  private constructor(ctx: Context, cluster: Cluster, user: User | null) {
    super();
    super.loadFromOptions({ contexts: Object.freeze([ctx]), clusters: Object.freeze([cluster]), users: Object.freeze(user ? [user] : []), currentContext: ctx.name });
    // Every loader and setter of KubeConfig assigns these fields: made read-only, each of them throws.
    for (const field of ['contexts', 'clusters', 'users', 'currentContext']) {
      Object.defineProperty(this, field, { value: (this as Record<string, unknown>)[field], writable: false, configurable: false });
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
