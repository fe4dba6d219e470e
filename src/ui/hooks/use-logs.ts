import { useEffect, useState, useSyncExternalStore } from 'react';
import { LogStream, type LogState, type LogTarget } from '../../kube/log-stream.js';
import { at, int, list, str } from '../../model/columns/read.js';
import type { KubeObject } from '../../model/types.js';
import { useSession } from '../cluster-context.js';

const noop = () => () => {};
const NO_LINES: readonly string[] = [];
const zero = () => 0;

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
export function useLogs(target: LogTarget | undefined, pod: KubeObject | undefined, timestamps = false): { lines: readonly string[]; state: LogState | undefined } {
  const session = useSession();
  const [stream, setStream] = useState<LogStream | undefined>(undefined);
  const key = target ? `${target.namespace}/${target.pod}/${target.container}#${restartsOf(pod, target.container)}${target.previous ? '/previous' : ''}` : '';
  useEffect(() => {
    if (!target) return setStream(undefined);
    const s = new LogStream(session.transport, target).start();
    setStream(s);
    return () => s.stop();
  }, [session, key]);
  useSyncExternalStore(stream?.subscribe ?? noop, stream?.getVersion ?? zero);
  return { lines: stream?.buffer.lines(timestamps) ?? NO_LINES, state: stream?.getState() };
}
