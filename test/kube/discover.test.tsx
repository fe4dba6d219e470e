import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { discover } from '../../src/kube/discover.js';
import { listable, resourceId, type ApiResource } from '../../src/kube/discovery.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { render } from 'ink-testing-library';
import { Root } from '../../src/ui/root.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

// The discovery documents a real kube-apiserver 1.36 served, both ways.
const DIR = '../shared/apiserver-1.36/discovery';
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

/** Serves the recorded documents: aggregated discovery only to a client that asks for it, like the real server. */
async function recordedServer(aggregated: boolean): Promise<{ server: Server; transport: KubeTransport; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const wantsAggregated = aggregated && /as=APIGroupDiscoveryList/.test(String(req.headers.accept));
    const path = req.url ?? '';
    const file = path === '/api' ? (wantsAggregated ? 'aggregated-api.json' : 'api.json') : path === '/apis' ? (wantsAggregated ? 'aggregated-apis.json' : 'apis.json') : path === '/api/v1' ? 'api-v1.json' : `apis/${path.replace('/apis/', '').replace('/', '_')}.json`;
    try {
      const body = read(file);
      res.writeHead(200, { 'Content-Type': wantsAggregated ? 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' : 'application/json' }).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const kc = loadKubeConfig({ inline: { apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'insecure-skip-tls-verify': true } }], users: [{ name: 'u', user: { token: 't0ken-value' } }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' } });
  return { server, transport: new KubeTransport(kc), requests };
}

const summary = (r: ApiResource) => `${resourceId(r)} ${r.version} [${r.versions.join(',')}] ${r.kind} ${r.namespaced ? 'ns' : 'cluster'} ${r.singular} ${r.shortNames.join(',')} ${r.verbs.join(',')} ${r.categories.join(',')}`;

test('aggregated discovery (one request each for /api and /apis) gives the same kinds as the per-group documents of the same server', async () => {
  const agg = await recordedServer(true);
  const legacy = await recordedServer(false);
  after(() => (agg.server.close(), legacy.server.close(), agg.transport.destroy(), legacy.transport.destroy()));
  const a = await discover(agg.transport);
  const l = await discover(legacy.transport);
  assert.deepEqual(agg.requests.sort(), ['/api', '/apis'], 'two requests, not one per group version');
  assert.ok(legacy.requests.length > 20);
  assert.deepEqual(a.resources.map(summary).sort(), l.resources.map(summary).sort());
  assert.equal(a.get('deployments.apps')?.verbs.join(','), 'create,delete,deletecollection,get,list,patch,update,watch');
  assert.deepEqual(a.get('horizontalpodautoscalers.autoscaling')?.versions, ['v2', 'v1']);
  assert.equal(listable(a.get('tokenreviews.authentication.k8s.io')!), false, 'a create-only kind is not offered');
  assert.equal(listable(a.get('componentstatuses')!), false, 'get and list, but no watch');
  assert.equal(a.unavailable.size, 0);
});

test('a group version failing discovery is named, retried with back-off, and its kinds join once it answers', async () => {
  const c = await startCluster({ scenario: 'demo', clock: 'manual' });
  after(() => c.stop());
  // apps/v1 down as an aggregated API whose server is down: Stale in aggregated discovery, 503 on its paths.
  c.sim.faults.breakGroupVersion('apps/v1');
  const session = await ClusterSession.open(c.kc, { flushMs: 5 });
  after(() => session.stop());
  assert.equal(session.discovery.get('deployments.apps'), undefined);
  assert.match(session.discovery.unavailable.get('apps/v1') ?? '', /unavailable/);
  assert.ok(session.discovery.get('pods'), 'the other groups are there');
  session.watchRelations();
  const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace="deploy-test" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
  after(() => r.unmount());
  await waitFor('the header naming the unavailable group', () => /^ns deploy-test {2}unavailable: apps\/v1/m.test(r.lastFrame() ?? ''), 10_000);
  // The request is logged before it is answered: wait for the answer to reach the discovery.
  await waitFor('a retry refused while it is down', () => /unable to handle the request/.test(session.discovery.unavailable.get('apps/v1') ?? ''), 10_000);
  c.sim.faults.breakGroupVersion('apps/v1', false);
  await waitFor('apps/v1 to recover and deployments to be served', () => session.discovery.get('deployments.apps') && session.discovery.unavailable.size === 0, 10_000);
  await waitFor('the deployments relation cache to feed the indexes', () => session.indexes.deployments.get('deploy-test', 'nginx-deploy'), 10_000);
  await waitFor('the header without it', () => !/unavailable: apps\/v1/.test(r.lastFrame() ?? ''), 10_000);
  r.stdin.write(':deploy\r');
  await waitFor('its kinds in the explorer', () => /^deployments {2}\(1\)/m.test(r.lastFrame() ?? ''), 10_000);
});
