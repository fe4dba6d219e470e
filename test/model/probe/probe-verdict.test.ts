import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_PROBE, planProbes } from '../../../src/model/probe/probe-plan.js';
import type { ProbeResult } from '../../../src/model/probe/probe-types.js';
import { applyProbes, type ProbeRun } from '../../../src/model/probe/probe-verdict.js';
import type { RouteNode, RouteTrace } from '../../../src/model/route/route-types.js';

const node = (type: RouteNode['type'], id: string, facts: Record<string, unknown>, children: RouteNode[] = []): RouteNode => ({ type, id, label: id, summary: [], facts, diagnostics: [], health: 'ok', children });
const pod = (name: string) => node('pod', `pod/${name}`, { namespace: 'ns', name, ip: '10.0.0.1', ready: true }, [node('container', `c/${name}`, { routePort: 8080 })]);

function route(): RouteTrace {
  const svc = node('service', 'svc', { namespace: 'ns', name: 'web', exists: true, port: { name: 'http', port: 80 } }, [pod('web-1'), pod('web-2')]);
  const shadowed = node('path', 'path/old', { path: '/old', serves: false }, [node('service', 'svc-old', { namespace: 'ns', name: 'old', exists: true, port: { port: 80 } })]);
  const ing = node('ingress', 'ing', { namespace: 'ns', name: 'site', addresses: ['192.0.2.10'] }, [node('path', 'path/', { path: '/', serves: true }, [svc]), shadowed]);
  return { host: 'site.example.com', path: '/x', verdict: 'healthy', root: node('host', 'host', { host: 'site.example.com', path: '/x' }, [ing]), unavailable: {} };
}

const result = (layer: ProbeResult['layer'], outcome: ProbeResult['outcome'], status?: number, message?: string): ProbeResult => ({ layer, via: layer === 'entry' ? 'direct' : 'api-proxy', method: 'GET', path: '/x', target: 't', outcome, status, ms: 3, message, timeoutMs: 3000 });

function run(pods: [ProbeResult, ProbeResult], svc: ProbeResult, entry: ProbeResult): RouteTrace {
  const t = route();
  const targets = planProbes(t);
  const byNode: Record<string, ProbeResult> = { 'pod/web-1': pods[0], 'pod/web-2': pods[1], svc, ing: entry };
  const runs: ProbeRun[] = targets.map((target) => ({ target, result: { ...byNode[target.nodeId], target: target.label } }));
  return applyProbes(t, runs);
}

const findings = (t: RouteTrace) => t.root.diagnostics.filter((d) => d.code === 'probe.failing-hop').map((d) => d.message);

test('the plan: pods, then Services, then the entry; the traced path; shadowed paths not probed', () => {
  assert.deepEqual(planProbes(route(), DEFAULT_PROBE).map((p) => `${p.layer} ${p.label} ${p.method} ${p.path}`), [
    'pod pods/proxy web-1:8080 GET /x',
    'pod pods/proxy web-2:8080 GET /x',
    'service services/proxy web:http GET /x',
    'entry http://192.0.2.10:80 GET /x',
  ]);
});

test('the verdict names the innermost hop that fails while the one inside it works', () => {
  const ok = result('pod', 'answered', 200);
  const table: [string, RouteTrace, string[], RouteTrace['verdict']][] = [
    ['all answer', run([ok, ok], result('service', 'answered', 200), result('entry', 'answered', 200)), [], 'healthy'],
    ['the Service fails', run([ok, ok], result('service', 'api-error', 503, 'no endpoints available for service "web"'), result('entry', 'answered', 503)), ['the pods answer 200, the Service web answers 503 from the API server (no endpoints available for service "web"): the Service is the hop that fails (its endpoints, selector or port)'], 'broken'],
    ['the entry fails', run([ok, ok], result('service', 'answered', 200), result('entry', 'answered', 502)), ['the Service web answers 200, the ingress controller of ns/site answers 502 at http://192.0.2.10:80: the entry is the hop that fails'], 'broken'],
    ['one pod fails', run([result('pod', 'answered', 500), ok], result('service', 'answered', 500), result('entry', 'answered', 500)), ['Service web: 1 of 2 pods answers 500 (pod web-1) on GET /x while they are ready: the application itself fails, which only a request shows'], 'broken'],
    ['the pods time out', run([result('pod', 'timeout'), result('pod', 'timeout')], result('service', 'timeout'), result('entry', 'answered', 504)), ['Service web: the pods do not answer within 3s: the pods are the innermost hop that fails'], 'broken'],
    ['not sent is no failure', run([result('pod', 'not-sent', undefined, 'you may not get pods/proxy in namespace ns'), ok], result('service', 'answered', 200), result('entry', 'not-sent')), [], 'healthy'],
  ];
  for (const [name, t, want, verdict] of table) {
    assert.deepEqual(findings(t), want, name);
    assert.equal(t.verdict, verdict, name);
  }
});

test('each probed node carries its result and a line; a failure marks it and its ancestors', () => {
  const t = run([result('pod', 'answered', 500), result('pod', 'answered', 200)], result('service', 'answered', 200), result('entry', 'answered', 200));
  const p1 = t.root.children[0].children[0].children[0].children[0];
  assert.equal(p1.probe?.status, 500);
  assert.deepEqual(p1.diagnostics, [{ severity: 'error', code: 'probe.failed', message: 'probe: GET /x via pods/proxy :8080 → 500 in    3ms' }]);
  assert.deepEqual([t.root.health, t.root.children[0].health, p1.health, t.root.children[0].children[0].children[0].children[1].health], ['error', 'error', 'error', 'ok']);
  assert.equal(t.root.diagnostics.at(-1)?.code, 'probe.scope');
});

test('the edge is probed at the address DNS gave, last; it is named when it fails while the entry behind it answers', () => {
  const t = route();
  const dns = node('dns', 'dns', { addresses: ['203.0.113.7'] });
  const edge = node('edge-server', 'edge', { port: 443, ssl: true, match: 'exact' });
  const withEdge: RouteTrace = { ...t, root: { ...t.root, children: [dns, edge, ...t.root.children] } };
  const targets = planProbes(withEdge);
  assert.deepEqual(targets.map((p) => `${p.layer} ${p.label}`).slice(-2), ['entry http://192.0.2.10:80', 'edge https://203.0.113.7:443']);
  const status: Record<string, number> = { edge: 502 };
  const runs: ProbeRun[] = targets.map((target) => ({ target, result: { ...result(target.layer, 'answered', status[target.nodeId] ?? 200), target: target.label } }));
  const probed = applyProbes(withEdge, runs);
  assert.deepEqual(findings(probed), ["the cluster's entry ns/site answers 200, the edge answers 502 at https://203.0.113.7:443: the edge is the hop that fails"]);
  assert.equal(probed.verdict, 'broken');
});
