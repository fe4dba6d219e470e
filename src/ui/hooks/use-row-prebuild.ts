import { useEffect } from 'react';
import type { Column } from '../../model/columns/column.js';
import { rowHealth } from '../../model/view/row-health.js';
import { buildRow, type RowCache } from '../../model/view/table-rows.js';
import type { WatchCache } from '../../kube/watch-cache.js';

/**
 * While a view's cache makes its first list, builds each object's row (and its health) as its
 * page arrives, between pages, so that the first frame finds them built: on a large cluster
 * the list spends most of its time waiting for the server, and the rows then cost nothing.
 */
export function useRowPrebuild(cache: WatchCache | undefined, resource: string, columns: readonly Column[], rows: RowCache, now: () => number): void {
  useEffect(() => {
    if (!cache || cache.getState().phase !== 'syncing') return;
    const stop = cache.onChange((change) => {
      // The list is in: the screen builds the rows of later changes itself, so nothing more to do here.
      if (cache.getState().phase !== 'syncing') return void stop();
      if (change.type === 'delete' || rows.has(change.object)) return;
      const row = buildRow(change.object, columns, now());
      row.health = rowHealth(resource, change.object);
      rows.set(change.object, row);
    });
    return stop;
  }, [cache, resource, columns, rows]);
}
