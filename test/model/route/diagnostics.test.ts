import assert from 'node:assert/strict';
import { test } from 'node:test';
import { traceJson } from '../../../src/model/route/route-json.js';
import { routeLines } from '../../../src/model/route/route-lines.js';
import type { RouteNode, RouteTrace } from '../../../src/model/route/route-types.js';
import { traceRoute } from '../../../src/model/route/trace-route.js';
import type { KubeObject } from '../../../src/model/types.js';
import { indexesOf } from '../../helpers/indexes.js';
import { deployment, ingress, nginxClass, pod, replicaSet, secret, service, slice } from './route-fixtures.js';

const NOW = Date.parse('2026-11-22T11:00:00Z');
const HOST = 'app.example.com';

/** A healthy route: app.example.com/ → web:http → two ready pods of deployment web, with TLS. */
function healthy(): KubeObject[] {
  return [
    nginxClass(),
    ingress('web', HOST, [{ path: '/', service: 'web', port: 'http' }], { tls: 'web-tls' }),
    secret('web-tls'),
    service('web', { app: 'web' }),
    deployment('web'),
    replicaSet('web-1', 'web', '1'),
    pod('web-a', { app: 'web' }, 'ready', { rs: 'web-1', ip: '10.244.0.10' }),
    pod('web-b', { app: 'web' }, 'ready', { rs: 'web-1', ip: '10.244.0.11' }),
    slice('web', [{ ip: '10.244.0.10', ready: true }, { ip: '10.244.0.11', ready: true }]),
  ];
}

/** The fixture with some objects replaced (same kind and name) or removed (by `kind/name`). */
function variant(replace: KubeObject[] = [], remove: string[] = []): KubeObject[] {
  const id = (o: KubeObject) => `${o.kind}/${o.metadata?.name}`;
  const swapped = new Map(replace.map((o) => [id(o), o]));
  const base = healthy().filter((o) => !remove.includes(id(o)));
  const out = base.map((o) => swapped.get(id(o)) ?? o);
  for (const o of replace) if (!base.some((b) => id(b) === id(o))) out.push(o);
  return out;
}

const trace = (objects: KubeObject[], path?: string, configure?: (idx: ReturnType<typeof indexesOf>) => void): RouteTrace => {
  const idx = indexesOf(objects);
  configure?.(idx);
  const full = traceRoute(idx, { host: HOST, path }, NOW);
  // The summary (no pod nodes, as the hosts table uses it) must reach the same verdict and findings above pods.
  const summary = traceRoute(idx, { host: HOST, path, summary: true }, NOW);
  assert.equal(summary.verdict, full.verdict);
  const abovePods = (t: RouteTrace) => all(t.root).filter((n) => n.type !== 'pod' && n.type !== 'container').map((n) => [n.id, n.health, n.diagnostics]);
  assert.deepEqual(abovePods(summary), abovePods(full));
  return full;
};

const all = (n: RouteNode): RouteNode[] => [n, ...n.children.flatMap(all)];
const codes = (t: RouteTrace) => all(t.root).flatMap((n) => n.diagnostics.map((d) => `${d.severity} ${d.code}`));
const find = (t: RouteTrace, code: string) => all(t.root).flatMap((n) => n.diagnostics.map((d) => ({ node: n, d }))).find((x) => x.d.code === code);

test('a healthy route: host → ingress → tls, path → service → pods → containers, no findings', () => {
  const t = trace(healthy());
  assert.equal(t.verdict, 'healthy');
  assert.deepEqual(codes(t), []);
  assert.deepEqual(
    routeLines(t.root).map((l) => `${l.prefix}${l.node.label}`),
    [
      'app.example.com',
      '└─ ingress web/web',
      '   ├─ tls web-tls',
      '   └─ path /',
      '      └─ service web:http (80 → 8080)',
      '         ├─ pod web-a',
      '         │  └─ container app',
      '         └─ pod web-b',
      '            └─ container app',
    ],
  );
  const podNode = all(t.root).find((n) => n.label === 'pod web-a')!;
  assert.deepEqual(podNode.facts.owners, [{ kind: 'ReplicaSet', name: 'web-1' }, { kind: 'Deployment', name: 'web' }]);
  assert.equal(podNode.facts.revision, '1');
  assert.equal(podNode.children[0].facts.routePort, 8080);
  assert.equal(podNode.children[0].facts.tag, 'v1');
});

test('host.no-ingress: an unknown host is unrouted and the nearest hosts are suggested', () => {
  const t = traceRoute(indexesOf(healthy()), { host: 'app.exmaple.com' }, NOW);
  assert.equal(t.verdict, 'unrouted');
  assert.match(find(t, 'host.no-ingress')!.d.message, /no Ingress serves app\.exmaple\.com \(nearest hosts: app\.example\.com\)/);
});

test('host.conflict: two Ingresses claiming the same host and path (a canary does not count)', () => {
  const t = trace(variant([ingress('web-copy', HOST, [{ path: '/', service: 'web', port: 'http' }])]));
  assert.match(find(t, 'host.conflict')!.d.message, /Ingresses web\/web and web\/web-copy both claim \/ \(Prefix\)/);
  assert.equal(t.verdict, 'degraded');
  const canary = trace(variant([ingress('web-canary', HOST, [{ path: '/', service: 'web', port: 'http' }], { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '10' } })]));
  assert.equal(find(canary, 'host.conflict'), undefined);
  assert.match(find(canary, 'ingress.canary')!.d.message, /weight 10%/);
});

test('ingress.class-missing, ingress.no-class and ingress.no-address', () => {
  const missing = trace(variant([ingress('web', HOST, [{ path: '/', service: 'web', port: 'http' }], { tls: 'web-tls', className: 'traefik' })]));
  assert.match(find(missing, 'ingress.class-missing')!.d.message, /IngressClass "traefik" does not exist/);
  assert.equal(missing.verdict, 'broken');
  const none = trace(variant([ingress('web', HOST, [{ path: '/', service: 'web', port: 'http' }], { tls: 'web-tls', className: null })], ['IngressClass/nginx']));
  assert.equal(find(none, 'ingress.no-class')!.d.severity, 'warning');
  const defaulted = trace(variant([ingress('web', HOST, [{ path: '/', service: 'web', port: 'http' }], { tls: 'web-tls', className: null })]));
  assert.equal(find(defaulted, 'ingress.default-class')!.d.severity, 'info');
  const unadmitted = trace(variant([ingress('web', HOST, [{ path: '/', service: 'web', port: 'http' }], { tls: 'web-tls', address: false })]));
  assert.match(find(unadmitted, 'ingress.no-address')!.d.message, /no ingress controller has admitted it/);
});

test('tls.secret-missing, and tls.secret-unknown when Secrets cannot be listed', () => {
  const t = trace(variant([], ['Secret/web-tls']));
  assert.match(find(t, 'tls.secret-missing')!.d.message, /TLS Secret web\/web-tls does not exist/);
  assert.equal(find(t, 'tls.secret-missing')!.node.type, 'tls');
  assert.equal(t.verdict, 'broken');
  const forbidden = trace(variant([], ['Secret/web-tls']), undefined, (idx) => idx.unavailable.set('secrets', 'secrets is forbidden'));
  assert.equal(find(forbidden, 'tls.secret-missing'), undefined);
  assert.match(find(forbidden, 'tls.secret-unknown')!.d.message, /forbidden/);
  assert.equal(forbidden.verdict, 'healthy');
});

test('service.missing names the nearest Service', () => {
  const t = trace(variant([ingress('web', HOST, [{ path: '/', service: 'wbe', port: 'http' }], { tls: 'web-tls' })]));
  assert.match(find(t, 'service.missing')!.d.message, /Service web\/wbe does not exist \(did you mean web\?\)/);
  assert.equal(t.verdict, 'broken');
});

test('service.port-missing: by name and by number', () => {
  const byName = trace(variant([ingress('web', HOST, [{ path: '/', service: 'web', port: 'grpc' }], { tls: 'web-tls' })]));
  assert.match(find(byName, 'service.port-missing')!.d.message, /no port named "grpc" \(its ports: 80\/http\)/);
  const byNumber = trace(variant([ingress('web', HOST, [{ path: '/', service: 'web', port: 8443 }], { tls: 'web-tls' })]));
  assert.match(find(byNumber, 'service.port-missing')!.d.message, /no port 8443/);
});

test('service.no-selector: an error without Endpoints, information with manual ones', () => {
  const bare = trace(variant([service('web', undefined)], ['EndpointSlice/web-abc']));
  assert.equal(find(bare, 'service.no-selector')!.d.severity, 'error');
  const manual = trace(variant([service('web', undefined)]));
  assert.match(find(manual, 'service.manual-endpoints')!.d.message, /2 manually managed endpoint addresses/);
  assert.equal(manual.verdict, 'healthy');
});

test('service.selector-matches-nothing says which label values the pods do carry', () => {
  const t = trace(variant([service('web', { app: 'webb' })], ['EndpointSlice/web-abc']));
  assert.match(find(t, 'service.selector-matches-nothing')!.d.message, /selector app=webb matches no pods in namespace web; pods there are labelled app=web/);
});

test('service.target-port-undeclared: a named targetPort no container declares', () => {
  const t = trace(variant([service('web', { app: 'web' }, { name: 'http', port: 80, targetPort: 'web' })]));
  assert.match(find(t, 'service.target-port-undeclared')!.d.message, /targetPort "web" is not declared by any container of the 2 selected pods/);
  assert.ok(find(t, 'pod.target-port-undeclared'));
});

test('service.no-ready-endpoints and service.some-not-ready', () => {
  const none = trace(variant([pod('web-a', { app: 'web' }, 'not-ready', { rs: 'web-1' }), pod('web-b', { app: 'web' }, 'not-ready', { rs: 'web-1' }), slice('web', [{ ip: '10.244.0.10', ready: false }, { ip: '10.244.0.11', ready: false }])]));
  assert.match(find(none, 'service.no-ready-endpoints')!.d.message, /none of its 2 pods is ready/);
  assert.equal(none.verdict, 'broken');
  const some = trace(variant([pod('web-b', { app: 'web' }, 'not-ready', { rs: 'web-1' }), slice('web', [{ ip: '10.244.0.10', ready: true }, { ip: '10.244.0.11', ready: false }])]));
  assert.match(find(some, 'service.some-not-ready')!.d.message, /1 of 2 pods not ready: traffic goes to the other 1/);
  assert.match(find(some, 'pod.not-ready')!.d.message, /container app not ready/);
  assert.equal(some.verdict, 'degraded');
});

test('pod.crash-loop, pod.image-pull and pod.pending name the container and the reason', () => {
  const t = trace(variant([pod('web-b', { app: 'web' }, 'crash', { rs: 'web-1' }), pod('web-c', { app: 'web' }, 'pull', { rs: 'web-1' }), pod('web-d', { app: 'web' }, 'pending', { rs: 'web-1' })]));
  assert.match(find(t, 'pod.crash-loop')!.d.message, /container app is crash-looping: restarted 5 times; last exit code 1 \(Error\): panic: boom/);
  assert.match(find(t, 'pod.image-pull')!.d.message, /container app cannot pull its image \(ImagePullBackOff\): Back-off pulling image "app:v2"/);
  assert.match(find(t, 'pod.pending')!.d.message, /not scheduled \(Unschedulable\): 0\/3 nodes are available/);
  // One bad pod of several degrades the route; it does not break it.
  assert.equal(t.verdict, 'degraded');
});

test('service.external-name shows the external target', () => {
  const t = trace(variant([service('web', undefined, { name: 'http', port: 80 }, { type: 'ExternalName', externalName: 'web.example.net' })]));
  assert.match(find(t, 'service.external-name')!.d.message, /leaves the cluster for web\.example\.net/);
  assert.equal(find(t, 'service.external-name')!.node.children.length, 0);
});

test('service.rollout-in-progress: pods of two revisions behind the route', () => {
  const t = trace(variant([replicaSet('web-2', 'web', '2'), pod('web-b', { app: 'web' }, 'ready', { rs: 'web-2' })]));
  assert.match(find(t, 'service.rollout-in-progress')!.d.message, /deployment web has pods of 2 revisions behind this Service \(1 at revision 1, 1 at revision 2\)/);
});

test('paths: Prefix matches whole segments, the longest path wins, and unmatched paths are named', () => {
  const objs = variant([ingress('web', HOST, [{ path: '/', service: 'web', port: 'http' }, { path: '/api', service: 'web', port: 'http' }], { tls: 'web-tls' })]);
  const api = trace(objs, '/api/v1/users');
  const paths = all(api.root).filter((n) => n.type === 'path');
  assert.deepEqual(paths.map((p) => [p.label, p.facts.serves]), [['path /', false], ['path /api', true]]);
  assert.match(find(api, 'path.shadowed')!.d.message, /\/api \(Prefix\) of web\/web takes precedence, so its backend is not traced/);
  // A shadowed path's backend is not traced: a broken Service behind `/` does not break `/api`.
  const shadowedBroken = trace(variant([ingress('web', HOST, [{ path: '/', service: 'gone', port: 'http' }, { path: '/api', service: 'web', port: 'http' }], { tls: 'web-tls' })]), '/api/x');
  assert.equal(shadowedBroken.verdict, 'healthy');
  assert.equal(find(shadowedBroken, 'service.missing'), undefined);
  const apix = trace(objs, '/apix');
  assert.deepEqual(all(apix.root).filter((n) => n.type === 'path').map((p) => p.label), ['path /']);
  const exact = trace(variant([ingress('web', HOST, [{ path: '/health', service: 'web', port: 'http', pathType: 'Exact' }], { tls: 'web-tls' })]), '/other');
  assert.match(find(exact, 'path.no-match')!.d.message, /no path of app\.example\.com matches \/other/);
  assert.equal(exact.verdict, 'broken');
});

test('host.shadowed: an exact host rule takes precedence over a wildcard', () => {
  const t = trace(variant([ingress('tenants', '*.example.com', [{ path: '/', service: 'web', port: 'http' }])]));
  assert.deepEqual(t.root.children.map((c) => c.label), ['ingress web/web']);
  assert.match(find(t, 'host.shadowed')!.d.message, /web\/tenants also matches through a wildcard rule \(\*\.example\.com\), but an exact rule takes precedence/);
  const wild = traceRoute(indexesOf(healthy().concat(ingress('tenants', '*.example.com', [{ path: '/', service: 'web', port: 'http' }]))), { host: 'acme.example.com' }, NOW);
  assert.deepEqual(wild.root.children.map((c) => c.label), ['ingress web/tenants']);
});

test('backend.resource: a resource backend is shown as such', () => {
  const ing = ingress('web', HOST, [], { tls: 'web-tls' });
  ing.spec.rules[0].http.paths = [{ path: '/static', pathType: 'Prefix', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'assets' } } }];
  const t = trace(variant([ing]));
  assert.equal(find(t, 'backend.resource')!.node.label, 'storagebucket assets');
});

test('the legacy extensions/v1beta1 shape gives the same tree as v1', () => {
  const legacy = ingress('web', HOST, [], { tls: 'web-tls' });
  legacy.apiVersion = 'extensions/v1beta1';
  legacy.spec.rules[0].http.paths = [{ path: '/', pathType: 'Prefix', backend: { serviceName: 'web', servicePort: 'http' } }];
  assert.deepEqual(traceJson(trace(variant([legacy]))), traceJson(trace(healthy())));
});

test('the remaining findings: annotations, TLS without a secret, default and missing backends, unknown Services, failed and terminating pods', () => {
  const annotated = trace(variant([ingress('web', HOST, [{ path: '/', service: 'web', port: 'http' }], { tls: 'web-tls', annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' } })]));
  assert.ok(find(annotated, 'ingress.use-regex'));
  assert.match(find(annotated, 'ingress.rewrite')!.d.message, /rewritten to \/\$2/);
  assert.equal(annotated.verdict, 'healthy');

  const ing = ingress('web', HOST, [{ path: '/', service: 'web', port: 'http' }]);
  ing.spec.tls = [{ hosts: [HOST] }];
  ing.spec.defaultBackend = { service: { name: 'web', port: { name: 'http' } } };
  ing.spec.rules[0].http.paths.push({ path: '/empty', pathType: 'Prefix', backend: {} });
  const t = trace(variant([ing]));
  assert.ok(find(t, 'tls.no-secret'));
  assert.equal(find(t, 'path.default-backend')!.node.label, 'default backend');
  assert.match(find(t, 'backend.missing')!.d.message, /no backend/);
  assert.equal(t.verdict, 'broken');

  const unknown = trace(variant([], ['Service/web']), undefined, (idx) => idx.unavailable.set('services', 'services is forbidden'));
  assert.match(find(unknown, 'service.unknown')!.d.message, /cannot check Service web\/web: services is forbidden/);
  assert.equal(find(unknown, 'service.missing'), undefined);

  const failed = pod('web-b', { app: 'web' }, 'ready', { rs: 'web-1' });
  failed.status.phase = 'Running';
  failed.status.containerStatuses[0].state = { terminated: { exitCode: 137, reason: 'OOMKilled' } };
  failed.status.containerStatuses[0].ready = false;
  failed.status.conditions[1].status = 'False';
  const leaving = pod('web-c', { app: 'web' }, 'ready', { rs: 'web-1' });
  leaving.metadata!.deletionTimestamp = '2026-11-22T10:59:00Z';
  const pods = trace(variant([failed, leaving]));
  assert.match(find(pods, 'pod.failed')!.d.message, /pod is OOMKilled/);
  assert.match(find(pods, 'pod.terminating')!.d.message, /leaving the route/);
});

test('paths as the controller reads them: regex for the whole host under rewrite-target, globs elsewhere, canaries beside the winner, the oldest Ingress on a tie', () => {
  // ingress-nginx: one Ingress with rewrite-target makes every path of the host a regex.
  const rewrite = ingress('api', HOST, [{ path: '/api(/|$)(.*)', service: 'web', port: 'http', pathType: 'ImplementationSpecific' }], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' } });
  const plain = ingress('web', HOST, [{ path: '/static/.*\\.js', service: 'web', port: 'http', pathType: 'Prefix' }], { tls: 'web-tls' });
  const regex = trace(variant([plain, rewrite]), '/api/users');
  assert.equal(regex.verdict, 'healthy');
  assert.deepEqual(all(regex.root).filter((n) => n.type === 'path').map((p) => [p.label, p.facts.serves]), [['path /api(/|$)(.*)', true]]);
  assert.equal(trace(variant([plain, rewrite]), '/static/app.js').verdict, 'healthy');
  // Another controller (GCE) reads `/*` as a glob.
  const gce: KubeObject = { kind: 'IngressClass', metadata: { name: 'gce', uid: 'uid-gce' }, spec: { controller: 'k8s.io/ingress-gce' } };
  const glob = trace(variant([gce, ingress('web', HOST, [{ path: '/*', service: 'web', port: 'http', pathType: 'ImplementationSpecific' }], { tls: 'web-tls', className: 'gce' })]), '/cart');
  assert.equal(glob.verdict, 'healthy');
  // A canary of the same path never takes the request from the main Ingress; a broken canary degrades.
  const canary = ingress('web-canary', HOST, [{ path: '/', service: 'gone', port: 'http' }], { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true' } });
  const withCanary = trace(variant([canary]), '/x');
  assert.equal(all(withCanary.root).find((n) => n.type === 'path' && n.facts.serves === true)!.id.includes('/ing/web/web/'), true);
  assert.ok(find(withCanary, 'path.canary'));
  assert.equal(withCanary.verdict, 'degraded');
  // Two Ingresses with the same path: the older one serves it.
  const older = ingress('a-newer', HOST, [{ path: '/', service: 'web', port: 'http' }]);
  older.metadata!.creationTimestamp = '2026-11-22T10:30:00Z';
  const tie = trace(variant([older]), '/x');
  assert.equal(all(tie.root).find((n) => n.type === 'path' && n.facts.serves === true)!.id.includes('/ing/web/web/'), true);
});

test('endpoints: a dual-stack Service counts each pod once; terminating pods do not degrade a route; a legacy class annotation is not an IngressClass', () => {
  const v4 = slice('web', [{ ip: '10.244.0.10', ready: true }, { ip: '10.244.0.11', ready: true }]);
  v4.endpoints.forEach((e: any, i: number) => (e.targetRef = { kind: 'Pod', name: i ? 'web-b' : 'web-a', uid: `uid-web-${i}` }));
  const v6 = structuredClone(v4);
  v6.metadata!.name = 'web-v6';
  v6.endpoints.forEach((e: any, i: number) => (e.addresses = [`fd00::${i}`]));
  const dual = trace(variant([v4, v6]));
  assert.equal(dual.verdict, 'healthy');
  const svc = all(dual.root).find((n) => n.type === 'service')!;
  assert.equal((svc.facts.endpoints as { ready: string[] }).ready.length, 2);

  const leaving = pod('web-c', { app: 'web' }, 'not-ready', { rs: 'web-1' });
  leaving.metadata!.deletionTimestamp = '2026-11-22T10:59:00Z';
  const rolling = slice('web', [{ ip: '10.244.0.10', ready: true }, { ip: '10.244.0.11', ready: true }, { ip: '10.244.0.12', ready: false }]);
  rolling.endpoints[2].conditions.terminating = true;
  const t = trace(variant([leaving, rolling]));
  assert.equal(find(t, 'service.some-not-ready'), undefined);
  assert.equal(t.verdict, 'healthy');

  const legacy = ingress('web', HOST, [{ path: '/', service: 'web', port: 'http' }], { tls: 'web-tls', className: null, annotations: { 'kubernetes.io/ingress.class': 'internal' } });
  const annotated = trace(variant([legacy]));
  assert.equal(find(annotated, 'ingress.class-missing'), undefined);
  assert.match(find(annotated, 'ingress.class-annotation')!.d.message, /legacy kubernetes\.io\/ingress\.class annotation/);
});

