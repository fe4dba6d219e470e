import { at, list, str } from '../columns/read.js';
import type { KubeObject } from '../types.js';

/** One side of a cross-namespace reference: the referring object (group, kind, namespace) or its target. */
export interface GrantFrom {
  group: string;
  kind: string;
  namespace: string;
}

/** The target of a cross-namespace reference: group ('' for core), kind, namespace and name. */
export interface GrantTo {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * The ReferenceGrant (in the target's namespace) that permits a reference, or undefined:
 * one of its `from` entries names the referrer's group, kind and namespace, and one of its `to`
 * entries the target's group and kind, with the target's name or no name (any object of that kind).
 */
export function grantFor(grants: readonly KubeObject[], from: GrantFrom, to: GrantTo): KubeObject | undefined {
  if (from.namespace === to.namespace) return undefined;
  return grants.find((g) => {
    if (String(g.metadata?.namespace ?? '') !== to.namespace) return false;
    const fromOk = list(at(g, 'spec', 'from')).some((f) => str(at(f, 'group')) === from.group && str(at(f, 'kind')) === from.kind && str(at(f, 'namespace')) === from.namespace);
    const toOk = list(at(g, 'spec', 'to')).some((t) => str(at(t, 'group')) === to.group && str(at(t, 'kind')) === to.kind && (!str(at(t, 'name')) || str(at(t, 'name')) === to.name));
    return fromOk && toOk;
  });
}
