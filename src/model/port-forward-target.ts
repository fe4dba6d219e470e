import type { KubeObject } from './types.js';

/** A port a pod's container declares, for the port-forward dialog. */
export interface ContainerPort {
  container: string;
  name: string;
  port: number;
  /** `http (80)`, or `80` when unnamed. */
  label: string;
}

/** The TCP ports a pod's containers declare, in order. */
export function containerPorts(pod: KubeObject): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if ((p.protocol ?? 'TCP') !== 'TCP' || !p.containerPort) continue;
      out.push({ container: String(c.name), name: String(p.name ?? ''), port: Number(p.containerPort), label: p.name ? `${p.name} (${p.containerPort})` : String(p.containerPort) });
    }
  }
  return out;
}

/** The ports of a Service, labelled as the dialog shows them. */
export function servicePorts(svc: KubeObject): { port: number; name: string; label: string }[] {
  return (svc.spec?.ports ?? []).filter((p: any) => (p.protocol ?? 'TCP') === 'TCP').map((p: any) => ({ port: Number(p.port), name: String(p.name ?? ''), label: p.name ? `${p.name} (${p.port})` : String(p.port) }));
}

/** The pod port a Service port leads to on `pod` (its targetPort, by number or by the container port's name), or undefined. */
export function targetPortOn(svc: KubeObject, servicePort: number, pod: KubeObject): number | undefined {
  const sp = (svc.spec?.ports ?? []).find((p: any) => Number(p.port) === servicePort);
  if (!sp) return undefined;
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number' || /^\d+$/.test(String(target))) return Number(target);
  return containerPorts(pod).find((p) => p.name === target)?.port;
}

/** Whether a pod is Running and Ready, and not being deleted: one a Service sends traffic to. */
export function podReady(pod: KubeObject): boolean {
  return pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp && (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

/** The pod a Service forward uses: the current one while it is ready, else the first ready one by name (as kubectl picks one at start). */
export function pickReadyPod(pods: readonly KubeObject[], current?: string): KubeObject | undefined {
  const ready = pods.filter(podReady);
  return ready.find((p) => p.metadata?.name === current) ?? [...ready].sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)))[0];
}

/** The local port a forward of `remote` suggests: the same number when it is 1024 or above and free, else the next free one from 8080. */
export function suggestLocalPort(remote: number, isFree: (port: number) => boolean): number {
  if (remote >= 1024 && isFree(remote)) return remote;
  for (let p = 8080; p < 65536; p++) if (isFree(p)) return p;
  return 0;
}

/** Reads `[ADDRESS:]LOCAL` as typed in the dialog (default address 127.0.0.1); undefined when it is not that. */
export function parseLocal(text: string, defaultAddress = '127.0.0.1'): { address: string; port: number } | undefined {
  const m = /^(?:(.+):)?(\d{1,5})$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) return undefined;
  return { address: m[1] ?? defaultAddress, port: Number(m[2]) };
}
