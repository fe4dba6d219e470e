import type { KubeObject } from '../../../src/model/types.js';

/** Small builders for route-trace fixtures: each test assembles exactly the fault it checks. */
const meta = (name: string, namespace = 'web', extra: Record<string, unknown> = {}) => ({ name, namespace, uid: `uid-${namespace}-${name}`, creationTimestamp: '2026-11-22T10:00:00Z', resourceVersion: '1', ...extra });

/** A default IngressClass "nginx". */
export const nginxClass = (): KubeObject => ({ kind: 'IngressClass', metadata: { name: 'nginx', uid: 'uid-ic', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } });

/** An admitted v1 Ingress with one host and the given paths to Service ports. */
export function ingress(name: string, host: string, paths: { path: string; service: string; port: string | number; pathType?: string }[], extra: { namespace?: string; tls?: string; className?: string | null; annotations?: Record<string, string>; address?: boolean } = {}): KubeObject {
  return {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: meta(name, extra.namespace, extra.annotations ? { annotations: extra.annotations } : {}),
    spec: {
      ...(extra.className === null ? {} : { ingressClassName: extra.className ?? 'nginx' }),
      ...(extra.tls ? { tls: [{ hosts: [host], secretName: extra.tls }] } : {}),
      rules: [{ host, http: { paths: paths.map((p) => ({ path: p.path, pathType: p.pathType ?? 'Prefix', backend: { service: { name: p.service, port: typeof p.port === 'number' ? { number: p.port } : { name: p.port } } } })) } }],
    },
    status: { loadBalancer: extra.address === false ? {} : { ingress: [{ ip: '172.18.255.200' }] } },
  };
}

/** A ClusterIP Service with one port. */
export function service(name: string, selector: Record<string, string> | undefined, port: { name?: string; port: number; targetPort?: number | string } = { name: 'http', port: 80, targetPort: 8080 }, extra: { namespace?: string; type?: string; externalName?: string } = {}): KubeObject {
  return {
    kind: 'Service',
    metadata: meta(name, extra.namespace),
    spec: { type: extra.type ?? 'ClusterIP', clusterIP: '10.96.0.10', ...(selector ? { selector } : {}), ...(extra.externalName ? { externalName: extra.externalName } : {}), ports: [{ protocol: 'TCP', ...port }] },
  };
}

/** How a fixture pod is doing. */
export type PodState = 'ready' | 'not-ready' | 'crash' | 'pull' | 'pending';

/** A pod of ReplicaSet `rs` with one container declaring port `http:8080`. */
export function pod(name: string, labels: Record<string, string>, state: PodState = 'ready', extra: { namespace?: string; rs?: string; ports?: { name?: string; containerPort: number }[]; ip?: string } = {}): KubeObject {
  const ready = state === 'ready';
  const waiting =
    state === 'crash' ? { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } } : state === 'pull' ? { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "app:v2"' } } : undefined;
  return {
    kind: 'Pod',
    metadata: meta(name, extra.namespace, { labels, ...(extra.rs ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: extra.rs, uid: `uid-${extra.namespace ?? 'web'}-${extra.rs}`, controller: true }] } : {}) }),
    spec: { nodeName: state === 'pending' ? undefined : 'node-a', containers: [{ name: 'app', image: 'registry.example.com/app:v1', ports: extra.ports ?? [{ name: 'http', containerPort: 8080 }] }] },
    status: {
      phase: state === 'pending' ? 'Pending' : 'Running',
      podIP: state === 'pending' ? undefined : (extra.ip ?? '10.244.0.10'),
      conditions:
        state === 'pending'
          ? [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' }]
          : [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: ready ? 'True' : 'False' }],
      ...(state === 'pending'
        ? {}
        : {
            containerStatuses: [
              {
                name: 'app',
                ready,
                restartCount: state === 'crash' ? 5 : 0,
                image: 'registry.example.com/app:v1',
                state: waiting ?? { running: { startedAt: '2026-11-22T10:00:05Z' } },
                ...(state === 'crash' ? { lastState: { terminated: { exitCode: 1, reason: 'Error', message: 'panic: boom', finishedAt: '2026-11-22T10:05:00Z' } } } : {}),
              },
            ],
          }),
    },
  };
}

/** A ReplicaSet at a Deployment revision. */
export function replicaSet(name: string, deployment: string, revision: string, namespace = 'web'): KubeObject {
  return {
    kind: 'ReplicaSet',
    metadata: { ...meta(name, namespace), annotations: { 'deployment.kubernetes.io/revision': revision }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment, uid: `uid-${namespace}-${deployment}`, controller: true }] },
  };
}

/** A Deployment (only its name matters to the route). */
export const deployment = (name: string, namespace = 'web'): KubeObject => ({ kind: 'Deployment', metadata: meta(name, namespace) });

/** An EndpointSlice of a Service with ready / not-ready addresses. */
export function slice(svc: string, endpoints: { ip: string; ready: boolean }[], namespace = 'web', port = { name: 'http', port: 8080 }): KubeObject {
  return {
    kind: 'EndpointSlice',
    metadata: { ...meta(`${svc}-abc`, namespace), labels: { 'kubernetes.io/service-name': svc } },
    ports: [{ ...port, protocol: 'TCP' }],
    endpoints: endpoints.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready } })),
  };
}

/** A TLS Secret. */
export const secret = (name: string, namespace = 'web'): KubeObject => ({ kind: 'Secret', metadata: meta(name, namespace), type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } });
