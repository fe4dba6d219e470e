// The route trace on a large synthetic cluster: 2,000 Ingresses, 2,000 Services, 20,000 pods,
// with warm indexes (as the TUI and `kdrill trace --watch` have them).
import { ClusterIndexes } from '../src/model/indexes/cluster-indexes.js';
import { routesTo } from '../src/model/route/routes-to.js';
import { traceRoute } from '../src/model/route/trace-route.js';
import type { KubeObject } from '../src/model/types.js';
import { hostRows } from '../src/model/view/route-rows.js';
import { benchPod } from './fixtures.js';
import { median, percentile, report } from './harness.js';

const APPS = 2000;
const PODS_PER_APP = 10;
const NAMESPACES = 20;
const now = Date.now();
const nsOf = (app: number) => `team-${app % NAMESPACES}`;

function objects(): [string, KubeObject][] {
  const out: [string, KubeObject][] = [['ingressclasses.networking.k8s.io', { kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } }]];
  for (let a = 0; a < APPS; a++) {
    const ns = nsOf(a);
    const app = `app-${a}`;
    out.push(['deployments.apps', { kind: 'Deployment', metadata: { name: app, namespace: ns, uid: `dep-${a}` } }]);
    out.push(['replicasets.apps', { kind: 'ReplicaSet', metadata: { name: `${app}-7d9f8b6c5`, namespace: ns, uid: `rs-${a}`, annotations: { 'deployment.kubernetes.io/revision': '3' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: `dep-${a}`, controller: true }] } }]);
    out.push(['services', { kind: 'Service', metadata: { name: app, namespace: ns, uid: `svc-${a}` }, spec: { type: 'ClusterIP', clusterIP: `10.96.${a >> 8}.${a & 255}`, selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] } }]);
    out.push(['secrets', { kind: 'Secret', metadata: { name: `${app}-tls`, namespace: ns }, type: 'kubernetes.io/tls' }]);
    out.push([
      'ingresses.networking.k8s.io',
      {
        kind: 'Ingress',
        metadata: { name: app, namespace: ns, uid: `ing-${a}` },
        spec: { ingressClassName: 'nginx', tls: [{ hosts: [`${app}.example.com`], secretName: `${app}-tls` }], rules: [{ host: `${app}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app, port: { name: 'http' } } } }, { path: '/api', pathType: 'Prefix', backend: { service: { name: app, port: { number: 80 } } } }] } }] },
        status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } },
      },
    ]);
    const endpoints = [];
    for (let p = 0; p < PODS_PER_APP; p++) {
      const pod = benchPod(ns, a * PODS_PER_APP + p, now);
      out.push(['pods', pod]);
      endpoints.push({ addresses: [pod.status.podIP], conditions: { ready: true }, targetRef: { kind: 'Pod', name: pod.metadata!.name } });
    }
    out.push(['endpointslices.discovery.k8s.io', { kind: 'EndpointSlice', metadata: { name: `${app}-x1`, namespace: ns, labels: { 'kubernetes.io/service-name': app } }, ports: [{ name: 'http', port: 8080 }], endpoints }]);
  }
  return out;
}

const all = objects();
(globalThis as { gc?: () => void }).gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let t0 = performance.now();
const indexes = new ClusterIndexes();
for (const [id, o] of all) indexes.apply(id, { type: 'add', object: o });
const buildMs = performance.now() - t0;
(globalThis as { gc?: () => void }).gc?.();
const heapIndexes = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

const times = (n: number, f: (i: number) => void) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    f(i);
    out.push(performance.now() - s);
  }
  return out;
};
// Warm up the JIT, then measure.
times(200, (i) => traceRoute(indexes, { host: `app-${(i * 7919) % APPS}.example.com` }, now));
const trace = times(2000, (i) => traceRoute(indexes, { host: `app-${(i * 7919) % APPS}.example.com` }, now));
const tracePath = times(2000, (i) => traceRoute(indexes, { host: `app-${(i * 104729) % APPS}.example.com`, path: '/api/v1/users' }, now));
const unknown = times(200, (i) => traceRoute(indexes, { host: `app-${i}.exmaple.com` }, now));
const pods = indexes.pods.all();
const reverse = times(2000, (i) => routesTo(indexes, pods[(i * 7919) % pods.length]));
let rows = hostRows(indexes, now);
const hosts = times(5, () => (rows = hostRows(indexes, now)));
const one = traceRoute(indexes, { host: 'app-42.example.com' }, now);
if (one.verdict !== 'healthy' || rows.length !== APPS) throw new Error(`bench fixture is wrong: ${one.verdict}, ${rows.length} hosts`);

const ms = (v: number) => `${v.toFixed(3)} ms`;
report('route', [
  ['cluster', `${APPS} Ingresses, ${APPS} Services, ${APPS * PODS_PER_APP} pods, ${NAMESPACES} namespaces`],
  ['index build (all objects)', ms(buildMs)],
  ['index heap', `${heapIndexes.toFixed(1)} MB`],
  ['trace host p50 / p95', `${ms(median(trace))} / ${ms(percentile(trace, 95))}`],
  ['trace host+path p50 / p95', `${ms(median(tracePath))} / ${ms(percentile(tracePath, 95))}`],
  ['unknown host (with suggestions) p50', ms(median(unknown))],
  ['routes to a pod p50 / p95', `${ms(median(reverse))} / ${ms(percentile(reverse, 95))}`],
  ['hosts table, every host traced (median of 5)', ms(median(hosts))],
]);
