import { fromMap, matches } from '../../model/label-selector.js';
import type { KubeObject } from '../../model/types.js';
import type { StoreEvent } from '../store.js';
import { keyOf, ownerRefTo, splitKey, wakeSelf, type Controller, type ControllerHost } from './runtime.js';
import { templateHash } from './workload-util.js';

const SLICES = 'endpointslices.discovery.k8s.io';

interface Port {
  name?: string;
  port: number;
  protocol: string;
}

/** Resolves a Service port's targetPort against one pod's container ports (undefined: not served). */
export function resolveTargetPort(svcPort: any, pod: KubeObject): number | undefined {
  const target = svcPort?.targetPort ?? svcPort?.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c?.ports ?? []) if (p?.name === target && (p.protocol ?? 'TCP') === (svcPort.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}

function isReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c?.type === 'Ready' && c.status === 'True');
}

/** Keeps each selector Service's Endpoints and EndpointSlices in step with its pods' readiness. */
export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  readonly triggers: Record<string, (ev: StoreEvent) => string[]> = {
    services: wakeSelf,
    pods: (ev) => this.servicesSelecting(ev.object, ev.prev),
  };

  constructor(private readonly host: ControllerHost) {}

  // Only the Services whose selector takes the pod, as it is or as it was: a pod's change touches
  // no other Service's endpoints (a busy namespace's pods would otherwise wake every Service).
  private servicesSelecting(pod: KubeObject, prev: KubeObject | undefined): string[] {
    const ns = pod.metadata?.namespace;
    if (!ns) return [];
    return this.host.store
      .list('services', ns)
      .filter((svc) => {
        const selector = fromMap(svc.spec?.selector);
        return !!selector && (matches(selector, pod.metadata?.labels) || (!!prev && matches(selector, prev.metadata?.labels)));
      })
      .map(keyOf);
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = this.host.store.get('services', ns, name);
    const selector = fromMap(svc?.spec?.selector);
    if (!svc || !selector || svc.spec?.type === 'ExternalName') {
      // Endpoints of a selector-less Service are the user's to manage.
      if (!svc) {
        const ep = this.host.store.get('endpoints', ns, name);
        if (ep) this.host.store.remove('endpoints', ns, name);
      }
      return;
    }
    const pods = this.host.store
      .list('pods', ns)
      .filter((p) => matches(selector, p.metadata?.labels) && p.status?.podIP && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const groups = new Map<string, { ports: Port[]; pods: KubeObject[] }>();
    for (const pod of pods) {
      const ports: Port[] = [];
      for (const sp of svc.spec.ports ?? []) {
        const port = resolveTargetPort(sp, pod);
        if (port !== undefined) ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' });
      }
      if (!ports.length) continue;
      const sig = JSON.stringify(ports);
      const g = groups.get(sig) ?? { ports, pods: [] };
      g.pods.push(pod);
      groups.set(sig, g);
    }
    this.writeEndpoints(svc, [...groups.values()]);
    this.writeSlices(svc, [...groups.values()]);
  }

  private writeEndpoints(svc: KubeObject, groups: { ports: Port[]; pods: KubeObject[] }[]): void {
    const address = (p: KubeObject) => ({
      ip: p.status.podIP,
      nodeName: p.spec?.nodeName,
      targetRef: { kind: 'Pod', namespace: p.metadata?.namespace, name: p.metadata?.name, uid: p.metadata?.uid },
    });
    const subsets = groups
      .map((g) => {
        const live = g.pods.filter((p) => !p.metadata?.deletionTimestamp);
        const ready = live.filter(isReady).map(address);
        const notReady = live.filter((p) => !isReady(p)).map(address);
        return { ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports: g.ports };
      })
      .filter((s) => s.addresses || s.notReadyAddresses);
    const meta = { name: svc.metadata!.name, namespace: svc.metadata!.namespace, labels: { ...(svc.metadata?.labels ?? {}) } };
    const body = { apiVersion: 'v1', kind: 'Endpoints', metadata: meta, ...(subsets.length ? { subsets } : {}) };
    const cur = this.host.store.get('endpoints', meta.namespace, meta.name!);
    if (!cur) this.host.create('endpoints', body);
    else this.host.update('endpoints', { ...body, metadata: { ...cur.metadata, labels: meta.labels } });
  }

  private writeSlices(svc: KubeObject, groups: { ports: Port[]; pods: KubeObject[] }[]): void {
    const ns = svc.metadata!.namespace!;
    const svcName = svc.metadata!.name!;
    const existing = this.host.owned(SLICES, svc.metadata?.uid);
    const wanted = new Set<string>();
    const list = groups.length ? groups : [{ ports: [] as Port[], pods: [] as KubeObject[] }];
    list.forEach((g, i) => {
      const name = `${svcName.slice(0, 50)}-${templateHash(svc.metadata!.uid! + i).slice(0, 5)}`;
      wanted.add(name);
      const endpoints = g.pods.map((p) => {
        const terminating = !!p.metadata?.deletionTimestamp;
        const ready = isReady(p) && !terminating;
        return {
          addresses: [p.status.podIP],
          conditions: { ready, serving: isReady(p), terminating },
          nodeName: p.spec?.nodeName,
          targetRef: { kind: 'Pod', namespace: ns, name: p.metadata?.name, uid: p.metadata?.uid },
        };
      });
      const body = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name,
          namespace: ns,
          labels: { ...(svc.metadata?.labels ?? {}), 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': svcName },
          generateName: `${svcName}-`,
          ownerReferences: [ownerRefTo(svc)],
        },
        addressType: 'IPv4',
        endpoints: endpoints.length ? endpoints : null,
        ports: g.ports.length ? g.ports : null,
      };
      const cur = this.host.store.get(SLICES, ns, name);
      if (!cur) this.host.create(SLICES, body);
      else this.host.update(SLICES, { ...body, metadata: { ...cur.metadata, labels: body.metadata.labels } });
    });
    for (const s of existing) if (!wanted.has(s.metadata!.name!)) this.host.store.remove(SLICES, ns, s.metadata!.name!);
  }
}
