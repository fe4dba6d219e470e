import type { KubeObject } from '../src/model/types.js';
import type { SimCluster } from '../src/sim/cluster.js';

/** A running pod as a real cluster stores it (about 3 KB of JSON). */
export function benchPod(ns: string, i: number, now: number): KubeObject {
  const name = `app-${Math.floor(i / 10)}-7d9f8b6c5-${String(i).padStart(5, '0')}`;
  const at = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      labels: { app: `app-${Math.floor(i / 10)}`, 'pod-template-hash': '7d9f8b6c5', tier: i % 3 ? 'web' : 'worker' },
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9102' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `app-${Math.floor(i / 10)}-7d9f8b6c5`, uid: `rs-${Math.floor(i / 10)}`, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      nodeName: `node-${i % 200}`,
      containers: [
        {
          name: 'app',
          image: `registry.example.com/team/app-${Math.floor(i / 10)}:1.${i % 7}.0`,
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/ready', port: 'http', scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
        },
      ],
      restartPolicy: 'Always',
      serviceAccountName: 'default',
    },
    status: {
      phase: 'Running',
      podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      hostIP: `10.0.${Math.floor((i % 200) / 250)}.${i % 200}`,
      startTime: at,
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: at })),
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: at } }, image: `registry.example.com/team/app:1.0.0`, imageID: 'sha256:0', containerID: `containerd://${i}` }],
      qosClass: 'Burstable',
    },
  };
}

/** Fills a simulated cluster with `count` running pods over `namespaces` namespaces, straight into its store. */
export function fillPods(sim: SimCluster, count: number, namespaces: number): void {
  const now = sim.clock.now();
  for (let n = 0; n < namespaces; n++) sim.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}` }, status: { phase: 'Active' } });
  for (let i = 0; i < count; i++) sim.store.create('pods', benchPod(`team-${i % namespaces}`, i, now));
}
