import { useEffect, useState } from 'react';
import { pollMetrics, type MetricsTarget } from '../../kube/metrics-poller.js';
import { measured } from '../../model/columns/metrics-columns.js';
import type { MetricsData } from '../../model/metrics/usage-data.js';
import { useSession } from '../cluster-context.js';

/**
 * Usage of what a table shows (pods or nodes of the view's namespace, or one pod), polled while
 * the table is visible and measured; undefined while metrics.k8s.io is not served, forbidden or
 * down (the columns are then absent), and until the first answer.
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
  return held?.key === key && key ? held.data : undefined;
}
