import { useEffect, useState, useSyncExternalStore } from 'react';
import { LogStream, type LogState, type LogTarget } from '../../kube/log-stream.js';
import { MultiLogStream } from '../../kube/multi-log-stream.js';
import { fromLabelSelector, fromMap, type Selector } from '../../model/label-selector.js';
import { at, int, list, str } from '../../model/columns/read.js';
import type { KubeObject } from '../../model/types.js';
import { useSession } from '../cluster-context.js';

const noop = () => () => {};
const NO_LINES: readonly string[] = [];
const zero = () => 0;

/** How many lines a log starts with (its tail), and how many a pane keeps. */
export interface LogOptions {
  tail: number;
  buffer: number;
}

/** The container whose logs a pod row means: the one named, else the default-container annotation, else the first. */
export function logTargetOf(pod: KubeObject | undefined, container?: string, previous = false): LogTarget | undefined {
  if (!pod || pod.kind !== 'Pod') return undefined;
  const names = list(at(pod, 'spec', 'containers')).map((c) => str(at(c, 'name')));
  const chosen = container ?? (str(at(pod, 'metadata', 'annotations', 'kubectl.kubernetes.io/default-container')) || names[0]);
  if (!chosen) return undefined;
  return { namespace: String(pod.metadata?.namespace ?? ''), pod: String(pod.metadata?.name ?? ''), container: chosen, previous };
}

/** How many times a container has restarted: a new instance means a new log to follow. */
function restartsOf(pod: KubeObject | undefined, container: string | undefined): number {
  const all = [...list(at(pod, 'status', 'initContainerStatuses')), ...list(at(pod, 'status', 'containerStatuses'))];
  return int(at(all.find((s) => at(s, 'name') === container), 'restartCount'));
}

/** Follows a container's log while `target` is set; the stream restarts when the container does. */
export function useLogs(target: LogTarget | undefined, pod: KubeObject | undefined, timestamps = false, options?: LogOptions): { lines: readonly string[]; state: LogState | undefined } {
  const session = useSession();
  const [stream, setStream] = useState<LogStream | undefined>(undefined);
  const key = target ? `${target.namespace}/${target.pod}/${target.container}#${restartsOf(pod, target.container)}${target.previous ? '/previous' : ''}@${target.sinceSeconds ?? ''}` : '';
  useEffect(() => {
    if (!target) return setStream(undefined);
    const s = new LogStream(session.transport, target, options ? { tailLines: options.tail, capacity: options.buffer } : {}).start();
    setStream(s);
    return () => s.stop();
  }, [session, key]);
  useSyncExternalStore(stream?.subscribe ?? noop, stream?.getVersion ?? zero);
  return { lines: stream?.buffer.lines(timestamps) ?? NO_LINES, state: stream?.getState() };
}

/** The pods a workload or Service selects, for a merged log (undefined for other kinds). */
export function podsForLogs(o: KubeObject | undefined, podsFor: (namespace: string, selector: Selector | null) => KubeObject[]): KubeObject[] | undefined {
  if (!o || !MERGED_KINDS.has(String(o.kind))) return undefined;
  const selector = o.kind === 'Service' ? fromMap(o.spec?.selector) : fromLabelSelector(o.spec?.selector);
  return podsFor(String(o.metadata?.namespace ?? ''), selector).filter((p) => !['Succeeded', 'Failed'].includes(String(p.status?.phase)));
}

const MERGED_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Service']);

/** Follows the logs of several pods merged (stern-like) while `targets` is set; the set of pods may change at any time. */
export function useMergedLogs(owner: string | undefined, targets: readonly LogTarget[] | undefined, timestamps = false, label?: (t: LogTarget) => string, options?: LogOptions): { lines: readonly string[]; pods: number } {
  const session = useSession();
  const [stream, setStream] = useState<MultiLogStream | undefined>(undefined);
  useEffect(() => {
    if (!owner) return setStream(undefined);
    const s = new MultiLogStream(session.transport, { label, ...(options ? { tailLines: options.tail, capacity: options.buffer } : {}) });
    setStream(s);
    return () => s.stop();
  }, [session, owner]);
  const key = targets?.map((t) => `${t.pod}/${t.container}`).sort().join(',') ?? '';
  useEffect(() => {
    if (stream && targets) stream.setTargets(targets);
  }, [stream, key]);
  useSyncExternalStore(stream?.subscribe ?? noop, stream?.getVersion ?? zero);
  return { lines: stream?.buffer.lines(timestamps) ?? NO_LINES, pods: stream?.size ?? 0 };
}

/** Every container of a pod (init containers first) as log targets. */
export function containerTargets(pod: KubeObject): LogTarget[] {
  const names = [...list(at(pod, 'spec', 'initContainers')), ...list(at(pod, 'spec', 'containers'))].map((c) => str(at(c, 'name')));
  return names.map((container) => ({ namespace: String(pod.metadata?.namespace ?? ''), pod: String(pod.metadata?.name ?? ''), container }));
}
