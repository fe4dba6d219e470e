import type { KubeObject } from '../../model/types.js';
import { timestamp } from '../store.js';

/** What an event needs to know of the pod it is about. */
export interface PodRef {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  container: string;
  image: string;
  crashing: boolean;
}

const HOUR = 3_600_000;

/**
 * `count` events over the pods, newest last and all within the last hour (the event TTL):
 * a scheduling event for each pod first, then the kubelet's, with back-off warnings for
 * pods that crash-loop.
 */
export function largeEvents(pods: PodRef[], count: number, now: number, nextUid: () => string): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < count && pods.length; i++) {
    const pod = pods[i % pods.length];
    const round = Math.floor(i / pods.length);
    const at = now - HOUR + Math.floor(((i + 1) * (HOUR - 60_000)) / count);
    const ts = timestamp(at);
    const kubelet = { component: 'kubelet', host: pod.node };
    const [type, reason, message, source, fieldPath, times] = pod.crashing && round > 0
      ? ['Warning', 'BackOff', 'Back-off restarting failed container ' + pod.container + ' in pod ' + pod.name + '_' + pod.namespace + '(' + pod.uid + ')', kubelet, `spec.containers{${pod.container}}`, 40 + (i % 200)]
      : round === 0
        ? ['Normal', 'Scheduled', `Successfully assigned ${pod.namespace}/${pod.name} to ${pod.node}`, { component: 'default-scheduler' }, undefined, 1]
        : round % 2
          ? ['Normal', 'Pulled', `Container image "${pod.image}" already present on machine`, kubelet, `spec.containers{${pod.container}}`, 1]
          : ['Normal', 'Started', `Started container ${pod.container}`, kubelet, `spec.containers{${pod.container}}`, 1];
    out.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${pod.name}.${(at * 1000 + i).toString(16).padStart(16, '0').slice(-16)}`, namespace: pod.namespace, uid: nextUid(), creationTimestamp: ts },
      involvedObject: { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid, apiVersion: 'v1', ...(fieldPath ? { fieldPath } : {}) },
      reason,
      message,
      source,
      firstTimestamp: times === 1 ? ts : timestamp(at - HOUR / 2),
      lastTimestamp: ts,
      count: times,
      type,
      eventTime: null,
      reportingComponent: (source as { component: string }).component,
      reportingInstance: (source as { host?: string }).host ?? '',
    });
  }
  return out;
}
