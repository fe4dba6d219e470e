import { randomUUID } from 'node:crypto';
import { qosClass } from '../../model/pod-qos.js';
import type { KubeObject } from '../../model/types.js';
import type { SimApi } from './api-server.js';
import { mountServiceAccountToken } from './service-account-admission.js';

/** Picks a free address in 10.96.0.0/16 for a new Service. */
function allocateClusterIP(api: SimApi): string {
  const used = new Set(api.store.list('services').map((s) => s.spec?.clusterIP));
  for (let i = 1; ; i++) {
    const n = 1 + ((i * 2654435761) >>> 0) % 65000;
    const ip = `10.96.${n >> 8}.${n & 255}`;
    if (!used.has(ip) && (n & 255) !== 0) return ip;
  }
}

function allocateNodePort(api: SimApi, taken: number[]): number {
  const used = new Set([...taken, ...api.store.list('services').flatMap((s) => (s.spec?.ports ?? []).map((p: any) => p.nodePort))]);
  for (let p = 30080; ; p = p >= 32767 ? 30000 : p + 1) if (!used.has(p)) return p;
}

// Mutating admission per resource: what the API server fills in at create time.
const ADMITTERS: Record<string, (api: SimApi, obj: KubeObject) => void> = {
  // Status is the kubelet's to report: whatever a client sent is replaced.
  pods: (api, o) => {
    mountServiceAccountToken(api, o);
    o.status = { phase: 'Pending', qosClass: qosClass(o) };
  },
  // A Job selects its pods by its own uid unless the user chose a manual selector.
  // A Job without labels of its own is labelled as its pods (the defaulter shares the template's label map).
  'jobs.batch': (_api, o) => {
    if (!o.spec.manualSelector) {
      const uid = (o.metadata!.uid = randomUUID());
      const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': o.metadata!.name!, 'controller-uid': uid, 'job-name': o.metadata!.name! };
      o.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      o.spec.template = { ...o.spec.template, metadata: { ...o.spec.template?.metadata, labels: { ...o.spec.template?.metadata?.labels, ...labels } } };
    }
    const podLabels = o.spec.template?.metadata?.labels;
    if (!Object.keys(o.metadata!.labels ?? {}).length && podLabels) o.metadata!.labels = { ...podLabels };
  },
  // The DefaultIngressClass admission plugin: an Ingress naming no class gets the default one.
  'ingresses.networking.k8s.io': (api, o) => {
    if (o.spec?.ingressClassName || o.metadata?.annotations?.['kubernetes.io/ingress.class']) return;
    const isDefault = (c: KubeObject) => c.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true';
    const cls = api.store.list('ingressclasses.networking.k8s.io').filter(isDefault);
    if (cls.length === 1) o.spec = { ...o.spec, ingressClassName: cls[0].metadata!.name };
  },
  services: (api, o) => {
    const s = o.spec;
    if (s.type === 'ExternalName') return;
    if (!s.clusterIP) s.clusterIP = allocateClusterIP(api);
    s.clusterIPs ??= [s.clusterIP];
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
      for (const p of s.ports ?? []) p.nodePort ??= allocateNodePort(api, (s.ports ?? []).map((q: any) => q.nodePort));
      s.externalTrafficPolicy ??= 'Cluster';
    }
  },
};

/** Runs the create-time admission of a resource on an object, in place. */
export function admit(api: SimApi, key: string, obj: KubeObject): void {
  ADMITTERS[key]?.(api, obj);
}

/** Carries allocated Service fields over an update that left them out, as the API server does. */
export function keepAllocated(prev: KubeObject, next: KubeObject): void {
  const s = next.spec;
  if (!s || typeof s !== 'object' || !prev.spec) return;
  if (!s.clusterIP && prev.spec.clusterIP) s.clusterIP = prev.spec.clusterIP;
  if (!s.clusterIPs && prev.spec.clusterIPs) s.clusterIPs = prev.spec.clusterIPs;
  for (const p of Array.isArray(s.ports) ? s.ports : []) {
    if (p && p.nodePort === undefined) {
      const old = (prev.spec.ports ?? []).find((q: any) => q?.port === p.port && (q?.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (old?.nodePort) p.nodePort = old.nodePort;
    }
  }
}
