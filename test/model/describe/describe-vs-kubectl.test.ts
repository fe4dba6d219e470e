import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { ClusterSession } from '../../../src/kube/cluster-session.js';
import { describe as describeObject } from '../../../src/model/describe/describe.js';
import type { KubeObject } from '../../../src/model/types.js';
import { startCluster, type TestCluster } from '../../helpers/sim.js';
import { maskAges, momentOfAges } from '../../helpers/age-mask.js';
import { unorderedBlocks } from '../../helpers/describe-order.js';
import { kubectlFlags } from '../../helpers/kubectl.js';

const run = promisify(execFile);

/**
 * The kubectl to compare with: 1.32, the version of the recorded corpus kdrill follows. gcloud's
 * kubectl is a dispatcher that would run the release matching the server (the simulator says 1.31,
 * whose describe still lists not-ready endpoints), so its 1.32 release is used when it is there.
 */
function kubectl132(): string {
  const which = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
  if (!which) return 'kubectl';
  const pinned = join(dirname(realpathSync(which)), 'kubectl.1.32');
  return existsSync(pinned) ? pinned : 'kubectl';
}
const KUBECTL = kubectl132();
const hasKubectl = spawnSync(KUBECTL, ['version', '--client'], { stdio: 'ignore' }).status === 0;

/**
 * kubectl's Lease block of a node, which kdrill leaves out (it reads no Leases): `Lease:` and the
 * lines indented under it. Only kubectl's text has it; everything else is compared as printed.
 */
function withoutLease(text: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Lease:'));
  if (at < 0) return text;
  let end = at + 1;
  while (end < lines.length && lines[end].startsWith('  ')) end++;
  return [...lines.slice(0, at), ...lines.slice(end)].join('\n');
}

describe('describe equals kubectl describe on the simulated cluster', { skip: hasKubectl ? false : 'kubectl is not installed on this machine' }, () => {
  let c: TestCluster;
  let session: ClusterSession;
  before(async () => {
    c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 90_000 });
    c.sim.advance(90_000);
    c.sim.api.create(c.sim.registry.get('persistentvolumes')!, undefined, {
      metadata: { name: 'pv-reports', labels: { tier: 'archive' } },
      spec: { capacity: { storage: '20Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'standard', hostPath: { path: '/srv/reports', type: 'DirectoryOrCreate' } },
    });
    session = await ClusterSession.open(c.kc, { flushMs: 5 }, true);
    session.watchRelations();
    await session.relationsReady();
  });
  after(async () => {
    await session.stop();
    await c.stop();
  });

  const object = (resource: string, kind: string, apiVersion: string, ns: string | undefined, name: string): KubeObject => {
    const o = c.sim.store.get(resource, ns, name);
    assert.ok(o, `${resource} ${ns}/${name} exists`);
    return { kind, apiVersion, ...o };
  };
  const sliceOf = (ns: string, svc: string) => c.sim.store.list('endpointslices.discovery.k8s.io').find((x) => x.metadata?.namespace === ns && x.metadata?.labels?.['kubernetes.io/service-name'] === svc)!.metadata!.name!;
  const podOf = (ns: string, prefix: string) => c.sim.store.list('pods').find((p) => p.metadata?.namespace === ns && p.metadata?.name?.startsWith(prefix))!.metadata!.name!;

  const cases: [string, () => [string, string, string, string | undefined, string]][] = [
    ['a running pod with two containers', () => ['pods', 'Pod', 'v1', 'deploy-test', podOf('deploy-test', 'nginx-deploy-')]],
    ['a pod with probes, resources, env from secrets and a config map', () => ['pods', 'Pod', 'v1', 'payments', podOf('payments', 'payments-api-')]],
    ['a crash-looping pod (last state)', () => ['pods', 'Pod', 'v1', 'payments', podOf('payments', 'ledger-worker-')]],
    ['a pod with volumes', () => ['pods', 'Pod', 'v1', 'payments', 'postgres-0']],
    ['a pod that cannot pull its image', () => ['pods', 'Pod', 'v1', 'shop', podOf('shop', 'cart-')]],
    ['a deployment', () => ['deployments.apps', 'Deployment', 'apps/v1', 'deploy-test', 'nginx-deploy']],
    ['a deployment with env and probes in its template', () => ['deployments.apps', 'Deployment', 'apps/v1', 'payments', 'payments-api']],
    ['a replica set', () => ['replicasets.apps', 'ReplicaSet', 'apps/v1', 'deploy-test', c.sim.store.list('replicasets.apps').find((r) => r.metadata?.namespace === 'deploy-test')!.metadata!.name!]],
    ['a service', () => ['services', 'Service', 'v1', 'shop', 'frontend']],
    ['a service with two ports', () => ['services', 'Service', 'v1', 'payments', 'payments-api']],
    ['a service whose selector matches nothing', () => ['services', 'Service', 'v1', 'shop', 'catalog']],
    ['a config map', () => ['configmaps', 'ConfigMap', 'v1', 'payments', 'payments-api']],
    ['a secret (sizes only)', () => ['secrets', 'Secret', 'v1', 'payments', 'postgres-credentials']],
    ['a namespace', () => ['namespaces', 'Namespace', 'v1', undefined, 'shop']],
    ['a service account', () => ['serviceaccounts', 'ServiceAccount', 'v1', 'shop', 'default']],
    ['an ingress, its backends resolved to endpoints', () => ['ingresses.networking.k8s.io', 'Ingress', 'networking.k8s.io/v1', 'shop', 'shop']],
    ['an ingress whose service is missing', () => ['ingresses.networking.k8s.io', 'Ingress', 'networking.k8s.io/v1', 'shop', 'shop-legacy']],
    ['a stateful set with volume claims', () => ['statefulsets.apps', 'StatefulSet', 'apps/v1', 'payments', 'postgres']],
    ['a daemon set', () => ['daemonsets.apps', 'DaemonSet', 'apps/v1', 'kube-system', 'kube-proxy']],
    ['a finished job', () => ['jobs.batch', 'Job', 'batch/v1', 'payments', c.sim.store.list('jobs.batch').find((j) => j.metadata?.name?.startsWith('payments-db-migrate'))!.metadata!.name!]],
    ['a cron job', () => ['cronjobs.batch', 'CronJob', 'batch/v1', 'payments', 'settlement-report']],
    ['endpoints', () => ['endpoints', 'Endpoints', 'v1', 'shop', 'frontend']],
    ['an endpoint slice', () => ['endpointslices.discovery.k8s.io', 'EndpointSlice', 'discovery.k8s.io/v1', 'shop', sliceOf('shop', 'frontend')]],
    ['an endpoint slice of pods that are not ready', () => ['endpointslices.discovery.k8s.io', 'EndpointSlice', 'discovery.k8s.io/v1', 'shop', sliceOf('shop', 'search-api')]],
    ['an ingress class', () => ['ingressclasses.networking.k8s.io', 'IngressClass', 'networking.k8s.io/v1', undefined, c.sim.store.list('ingressclasses.networking.k8s.io')[0]!.metadata!.name!]],
    ['endpoints of a service whose pods are not ready', () => ['endpoints', 'Endpoints', 'v1', 'shop', 'search-api']],
    ['a persistent volume claim and the pod using it', () => ['persistentvolumeclaims', 'PersistentVolumeClaim', 'v1', 'payments', 'data-postgres-0']],
    ['a node with its pods and allocated resources', () => ['nodes', 'Node', 'v1', undefined, 'node-a1']],
    ['a persistent volume', () => ['persistentvolumes', 'PersistentVolume', 'v1', undefined, 'pv-reports']],
    ['a horizontal pod autoscaler', () => ['horizontalpodautoscalers.autoscaling', 'HorizontalPodAutoscaler', 'autoscaling/v2', 'shop', 'frontend']],
    ['an event (kubectl\'s generic describe)', () => ['events', 'Event', 'v1', 'payments', c.sim.store.list('events').find((e) => e.metadata?.namespace === 'payments')!.metadata!.name!]],
    ['a custom resource (generic describe)', () => ['widgets.example.com', 'Widget', 'example.com/v1', 'shop', c.sim.store.list('widgets.example.com').find((x) => x.metadata?.namespace === 'shop')!.metadata!.name!]],
  ];

  for (const [what, target] of cases) {
    test(what, async () => {
      const [resource, kind, apiVersion, ns, name] = target();
      const o = object(resource, kind, apiVersion, ns, name);
      const from = Date.now();
      const { stdout } = await run(KUBECTL, [...kubectlFlags(c.kubeconfigPath), 'describe', resource.split('.')[0], name, ...(ns ? ['-n', ns] : [])], { encoding: 'utf8' });
      const kubectl = kind === 'Node' ? withoutLease(stdout) : stdout;
      // kdrill's rendering at the moment kubectl ran: the one whose ages are kubectl's.
      const render = (now: number) => describeObject(o, session.indexes, now);
      const moment = momentOfAges(kubectl, render, from - 1000, Date.now() + 1000, 100);
      const [ours, theirs] = maskAges(render(moment ?? from), kubectl);
      assert.ok(moment !== undefined, `kdrill's ages are not kubectl's at any moment kubectl ran\nkdrill:\n${render(from)}\nkubectl:\n${kubectl}`);
      assert.equal(unorderedBlocks(kind, ours), unorderedBlocks(kind, theirs));
    });
  }
});
