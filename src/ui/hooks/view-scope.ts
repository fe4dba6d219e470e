import { matches, parseSelector } from '../../model/label-selector.js';
import { ownerRefs } from '../../model/owner-chain.js';
import type { KubeObject } from '../../model/types.js';
import type { TableMemo } from '../../model/view/table-memo.js';
import type { WatchCache } from '../../kube/watch-cache.js';
import type { ResourceView, Scope } from '../state/ui-state.js';

function inScope(scope: Scope | undefined): (o: KubeObject) => boolean {
  if (!scope) return () => true;
  if (scope.kind === 'selector') {
    const sel = parseSelector(scope.selector);
    return (o) => matches(sel, o.metadata?.labels);
  }
  if (scope.kind === 'node') return (o) => o.spec?.nodeName === scope.node;
  if (scope.kind === 'owner') return (o) => ownerRefs(o).some((r) => r.uid === scope.uid);
  const names = new Set(scope.names);
  return (o) => names.has(String(o.metadata?.name));
}

/** The objects a view shows (its drill-down scope, its namespace of a cluster-wide cache), from the memo while the cache is unchanged. */
export function scopedObjects(memo: TableMemo, view: Pick<ResourceView, 'resource' | 'scope'>, cache: WatchCache, version: number, onlyNamespace: string | undefined): KubeObject[] {
  const scope = inScope(view.scope);
  const key = `${view.resource}|${onlyNamespace ?? '*'}|${JSON.stringify(view.scope ?? null)}`;
  const all = () => (onlyNamespace === undefined ? cache.list() : cache.listIn(onlyNamespace)) as KubeObject[];
  return memo.scoped(key, cache, version, view.scope ? () => all().filter(scope) : all);
}
