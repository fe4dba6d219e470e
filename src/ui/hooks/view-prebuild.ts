import { measured } from '../../model/columns/metrics-columns.js';
import { rowHealth } from '../../model/view/row-health.js';
import type { TableMemo } from '../../model/view/table-memo.js';
import { buildRow } from '../../model/view/table-rows.js';
import type { ClusterSession } from '../../kube/cluster-session.js';
import { resourceId } from '../../kube/discovery.js';
import { peekViewCache } from './use-cache.js';
import { hasBuiltInColumns, viewColumns } from './view-columns.js';
import { scopedObjects } from './view-scope.js';

/** Views a person most often opens next from any table (k9s's daily `:deploy` and `:svc`): idle time makes their rows. */
export const LIKELY_NEXT: readonly string[] = ['deployments.apps', 'services'];

// Rows built per idle step: about a millisecond of work.
const STEP = 200;

/** Which likely next views' caches are in (a string, so that a change of it is a change of state). */
export function likelyNextReady(session: ClusterSession, namespace: string | undefined): string {
  return LIKELY_NEXT.map((id) => `${id}:${peekViewCache(session, id, namespace)?.cache.getState().phase ?? '-'}`).join('|');
}

/**
 * Steps that make what switching to a likely next view would make: its rows and their
 * health, the objects in scope, and the order by name, all in the memo the view reads, from
 * caches already held (nothing is watched anew). The first `:deploy` of a large cluster is then
 * lookups, not thousands of rows built by code run for the first time. Kinds with usage or
 * CRD columns are left to their view.
 */
export function* prebuildViews(memo: TableMemo, session: ClusterSession, current: string, namespace: string | undefined, wide: boolean): Generator<void> {
  for (const id of LIKELY_NEXT) {
    const resource = session.discovery.get(id);
    if (id === current || !resource || measured(id) || !hasBuiltInColumns(resourceId(resource))) continue;
    const held = peekViewCache(session, id, namespace);
    if (!held || held.cache.getState().phase === 'syncing') continue;
    const { columns, rows, source } = viewColumns(memo, { id: resourceId(resource), allNamespaces: resource.namespaced && namespace === undefined, wide, metrics: undefined });
    const scoped = scopedObjects(memo, { resource: id }, held.cache, held.cache.getVersion(), held.onlyNamespace);
    const now = session.now();
    for (let i = 0; i < scoped.length; i += STEP) {
      for (const o of scoped.slice(i, i + STEP)) {
        if (rows.has(o)) continue;
        const row = buildRow(o, columns, now);
        row.health = rowHealth(id, o);
        rows.set(o, row);
      }
      yield;
    }
    const { built } = memo.built(scoped, columns, rows, now, source);
    yield;
    const name = Math.max(0, columns.findIndex((c) => c.name === 'NAME'));
    memo.health(memo.ascending(built, name, name), (r) => (r.health ??= rowHealth(id, r.object)));
    yield;
  }
}
