import { useEffect, useState } from 'react';
import { pollMetrics, servesMetrics, type MetricsTarget } from '../../kube/metrics-poller.js';
import { measured } from '../../model/columns/metrics-columns.js';
import type { MetricsData } from '../../model/metrics/usage-data.js';
import { useSession } from '../cluster-context.js';

/** Usage that has not come yet, from a server that serves it (not polled yet, or the first poll under way). */
export const PENDING_USAGE: MetricsData = Object.freeze({ pods: new Map(), nodes: new Map(), stamp: -1, pending: true });

/**
 * Usage of what a table shows (pods or nodes of the view's namespace, or one pod), polled while
 * the table is visible and measured; undefined while metrics.k8s.io is not served, forbidden or
 * down (the columns are then absent); PENDING_USAGE until the first answer, so that the table's
 * layout (and its rows) stays the same when usage comes.
 */
export function useMetrics(resource: string, namespace: string | undefined, visible: boolean, pod?: string): MetricsData | undefined {
  const session = useSession();
  const [held, setHeld] = useState<{ key: string; data: MetricsData | undefined }>();
  const target: MetricsTarget | undefined = visible && measured(resource) ? { kind: resource as MetricsTarget['kind'], namespace, name: pod } : undefined;
  const key = target ? `${resource}@${namespace ?? '*'}/${pod ?? ''}` : '';
  useEffect(() => {
    if (!target) return;
    return pollMetrics(session.transport, session.discovery, target, (data) => setHeld({ key, data }));
  }, [session, key]);
  // A previous view's (or namespace's) figures never show in this one.
  if (held?.key === key && key) return held.data;
  return measured(resource) && servesMetrics(session.discovery, resource as MetricsTarget['kind']) ? PENDING_USAGE : undefined;
}
