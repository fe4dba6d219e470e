import type { KubeObject } from '../../model/types.js';
import type { ObjectStore } from '../store.js';
import { timestamp } from '../store.js';
import { largeEvents, type PodRef } from './large-events.js';
import { largeDeployment, largePod, largeReplicaSet, largeService, largeSlice, safeSuffix, type LargeApp } from './large-objects.js';
import { podManagedFields } from './managed-fields.js';

/** The size of a generated large cluster; `scaled` shrinks every count proportionally. */
export interface LargeShape {
  namespaces: number;
  nodes: number;
  /** Deployments per namespace (each with one ReplicaSet and one Service). */
  appsPerNamespace: number;
  replicas: number;
  ingresses: number;
  hosts: number;
  events: number;
}

/** The size issue #9 asks for: 30,000 pods over 300 namespaces and 200 nodes. */
export const LARGE: LargeShape = { namespaces: 300, nodes: 200, appsPerNamespace: 10, replicas: 10, ingresses: 2000, hosts: 5000, events: 50_000 };

/** The large shape with every count multiplied by `factor` (at least one of each). */
export function scaledLarge(factor: number): LargeShape {
  const s = (n: number) => Math.max(1, Math.round(n * factor));
  return { ...LARGE, namespaces: s(LARGE.namespaces), nodes: s(LARGE.nodes), ingresses: s(LARGE.ingresses), hosts: s(LARGE.hosts), events: s(LARGE.events) };
}

/** What a generated cluster holds, for benchmarks and tests to aim at. */
export interface LargeSummary {
  pods: number;
  hosts: string[];
  /** A host whose route is healthy, and one whose Service is missing. */
  healthyHost: string;
  brokenHost: string;
}

const WORDS = ['checkout', 'search', 'billing', 'catalog', 'auth', 'media', 'orders', 'ledger', 'profile', 'notify', 'report', 'gateway'];

/**
 * Writes a large, steady cluster straight into the store, deterministically: namespaces,
 * nodes, Deployments with their ReplicaSets and running pods, Services with EndpointSlices,
 * Ingresses and events. A few percent of it is broken on purpose (crash-looping apps,
 * selectors that match nothing, Ingresses naming a missing Service), as real clusters are.
 * `managedFields`: pods carry the managedFields a real API server writes (off: as tests know them).
 */
export function generateLarge(store: ObjectStore, now: number, shape: LargeShape = LARGE, opts: { managedFields?: boolean } = {}): LargeSummary {
  const ago = (ms: number) => timestamp(now - ms);
  let uid = 0;
  const nextUid = () => `00000000-0000-4000-8000-${(++uid).toString(16).padStart(12, '0')}`;
  for (let n = 0; n < shape.nodes; n++) store.create('nodes', largeNode(n, nextUid(), ago(30 * 86_400_000)));
  const apps: LargeApp[] = [];
  for (let n = 0; n < shape.namespaces; n++) {
    const ns = `${WORDS[n % WORDS.length]}-${String(n).padStart(3, '0')}`;
    store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, uid: nextUid(), creationTimestamp: ago(20 * 86_400_000), labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    for (let a = 0; a < shape.appsPerNamespace; a++) {
      const index = apps.length;
      apps.push({
        index,
        namespace: ns,
        name: `${WORDS[(n + a) % WORDS.length]}-${a}`,
        hash: safeSuffix(index, 10),
        replicas: shape.replicas,
        // About 1% of apps crash-loop and 0.5% of Services select nothing: things to find.
        crashing: index % 97 === 13,
        orphanService: index % 199 === 42,
        uid: nextUid(),
        rsUid: nextUid(),
        svcUid: nextUid(),
      });
    }
  }
  store.create('ingressclasses.networking.k8s.io', { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', uid: nextUid(), creationTimestamp: ago(30 * 86_400_000), annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } });
  let pods = 0;
  const refs: PodRef[] = [];
  const fieldSets = new Map<string, Record<string, unknown>[]>();
  for (const app of apps) {
    store.create('deployments.apps', largeDeployment(app, ago(7 * 86_400_000)));
    store.create('replicasets.apps', largeReplicaSet(app, ago(7 * 86_400_000)));
    const members: KubeObject[] = [];
    for (let r = 0; r < app.replicas; r++) {
      const made = largePod(app, r, pods++, shape.nodes, nextUid(), ago(3 * 86_400_000 + r * 60_000));
      if (opts.managedFields) made.metadata!.managedFields = podManagedFields(made, String(app.index), fieldSets);
      const pod = store.create('pods', made);
      members.push(pod);
      const c = pod.spec.containers[0];
      refs.push({ namespace: app.namespace, name: pod.metadata!.name!, uid: pod.metadata!.uid!, node: pod.spec.nodeName, container: c.name, image: c.image, crashing: app.crashing });
    }
    store.create('services', largeService(app, ago(7 * 86_400_000)));
    store.create('endpointslices.discovery.k8s.io', largeSlice(app, app.orphanService ? [] : members, nextUid()));
  }
  const hosts = generateIngresses(store, apps, shape, nextUid, ago(5 * 86_400_000));
  for (const ev of largeEvents(refs, shape.events, now, nextUid)) store.create('events', ev);
  const healthy = apps.find((a) => !a.crashing && !a.orphanService)!;
  return { pods, hosts: hosts.all, healthyHost: hosts.byApp.get(healthy.index) ?? hosts.all[0], brokenHost: hosts.broken ?? hosts.all[0] };
}

function largeNode(n: number, uid: string, created: string): KubeObject {
  const name = `node-${String(n).padStart(3, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid, creationTimestamp: created, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'topology.kubernetes.io/zone': `zone-${'abc'[n % 3]}` } },
    spec: { podCIDR: `10.${64 + (n >> 8)}.${n & 255}.0/24` },
    status: {
      capacity: { cpu: '16', memory: '64Gi', pods: '250' },
      allocatable: { cpu: '15800m', memory: '62Gi', pods: '250' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: created, lastTransitionTime: created }],
      addresses: [{ type: 'InternalIP', address: `10.0.${n >> 8}.${n & 255}` }, { type: 'Hostname', address: name }],
      nodeInfo: { kubeletVersion: 'v1.31.0', containerRuntimeVersion: 'containerd://1.7.20', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

/** Ingresses with two or three hosts each; one in 200 routes to a Service that does not exist. */
function generateIngresses(store: ObjectStore, apps: LargeApp[], shape: LargeShape, nextUid: () => string, created: string) {
  const all: string[] = [];
  const byApp = new Map<number, string>();
  let broken: string | undefined;
  for (let i = 0; i < shape.ingresses; i++) {
    const app = apps[(i * 3) % apps.length];
    // Spread the hosts so that they add up to shape.hosts.
    const count = Math.floor(((i + 1) * shape.hosts) / shape.ingresses) - Math.floor((i * shape.hosts) / shape.ingresses);
    const every = Math.min(200, shape.ingresses);
    const missing = i % every === 77 % every;
    const hosts = Array.from({ length: Math.max(1, count) }, (_, h) => `${app.name}-${i}-${h}.${app.namespace}.example.com`);
    const api = apps[(i * 3 + 1) % apps.length];
    const paths = (h: number) => [
      { path: '/', pathType: 'Prefix', backend: { service: { name: missing ? `${app.name}-gone` : app.name, port: { name: 'http' } } } },
      ...(h === 0 && api.namespace === app.namespace ? [{ path: '/api', pathType: 'Prefix', backend: { service: { name: api.name, port: { number: 80 } } } }] : []),
    ];
    store.create('ingresses.networking.k8s.io', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: `${app.name}-${i}`, namespace: app.namespace, uid: nextUid(), creationTimestamp: created, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
      spec: { ingressClassName: 'nginx', tls: [{ hosts, secretName: `${app.name}-${i}-tls` }], rules: hosts.map((host, h) => ({ host, http: { paths: paths(h) } })) },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
    });
    store.create('secrets', { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: `${app.name}-${i}-tls`, namespace: app.namespace, uid: nextUid(), creationTimestamp: created, annotations: { 'cert-manager.io/issuer-name': 'letsencrypt' } }, data: { 'tls.crt': 'LS0tLS1CRUdJTi0tLS0t', 'tls.key': 'LS0tLS1CRUdJTi0tLS0t' } });
    all.push(...hosts);
    if (missing) broken ??= hosts[0];
    else if (!byApp.has(app.index)) byApp.set(app.index, hosts[0]);
  }
  return { all, byApp, broken };
}
