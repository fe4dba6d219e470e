import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { ClusterSession } from '../../../src/kube/cluster-session.js';
import { describe as describeObject } from '../../../src/model/describe/describe.js';
import type { KubeObject } from '../../../src/model/types.js';
import { startCluster, type TestCluster } from '../../helpers/sim.js';

const run = promisify(execFile);
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

/** A describe as compared: lines without trailing blanks, runs of blanks as one, ages masked (the two run a second apart). */
function normalise(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+$/, '').replace(/[ \t]+/g, ' ').replace(/\b\d+(?:[smhd]\d*[smhd]?)+\b|<invalid>/g, '<age>'))
    // kubectl reads the node's Lease; kdrill does not watch leases (and the simulator has none).
    .filter((l) => !l.startsWith('Lease:'))
    .filter((l, i, all) => !(l === '' && all[i - 1] === ''))
    .join('\n')
    .trim()
    .split('\n');
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
      const ours = describeObject(o, session.indexes, Date.now());
      const { stdout } = await run('kubectl', ['--kubeconfig', c.kubeconfigPath, 'describe', resource.split('.')[0], name, ...(ns ? ['-n', ns] : [])], { encoding: 'utf8' });
      // kubectl prints the keys of a Secret and a ConfigMap in Go's map order (random): compare them as sets.
      const order = (lines: string[]) => {
        if (kind === 'Secret') return [...lines.slice(0, lines.indexOf('====') + 1), ...lines.slice(lines.indexOf('====') + 1).sort()];
        if (kind !== 'ConfigMap') return lines;
        const start = lines.indexOf('====') + 1;
        const end = lines.indexOf('BinaryData');
        const entries: string[][] = [];
        for (const l of lines.slice(start, end)) {
          if (l.endsWith(':') && !entries.length) entries.push([l]);
          else if (l.endsWith(':') && entries[entries.length - 1].at(-1) === '') entries.push([l]);
          else entries[entries.length - 1].push(l);
        }
        const blocks = entries.map((e) => e.filter((l, i) => l !== '' || i < e.length - 1).join('\n')).sort();
        return [...lines.slice(0, start), ...blocks, ...lines.slice(end)];
      };
      assert.deepEqual(order(normalise(ours)), order(normalise(stdout)), `kdrill:\n${ours}\nkubectl:\n${stdout}`);
    });
  }
});
