import type { KubeObject } from '../../model/types.js';

/** One generated application: a Deployment, its ReplicaSet, pods and Service. */
export interface LargeApp {
  index: number;
  namespace: string;
  name: string;
  hash: string;
  replicas: number;
  crashing: boolean;
  orphanService: boolean;
  uid: string;
  rsUid: string;
  svcUid: string;
}

// The alphabet Kubernetes uses for generated names (no vowels, no look-alikes).
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** A deterministic name suffix of `length` safe characters from a number. */
export function safeSuffix(n: number, length: number): string {
  let x = (n * 2654435761) >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += SAFE[x % SAFE.length];
  }
  return out;
}

const image = (app: LargeApp) => `registry.example.com/${app.namespace}/${app.name}:1.${app.index % 9}.${app.index % 4}`;

function template(app: LargeApp) {
  return {
    metadata: { labels: { app: app.name, tier: app.index % 3 ? 'web' : 'worker' }, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9102' } },
    spec: {
      containers: [
        {
          name: app.name,
          image: image(app),
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/ready', port: 'http', scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      schedulerName: 'default-scheduler',
    },
  };
}

const condition = (type: string, status: string, at: string, extra: Record<string, string> = {}) => ({ type, status, lastUpdateTime: at, lastTransitionTime: at, ...extra });

/** The app's Deployment, rolled out (or stuck, when its pods crash-loop). */
export function largeDeployment(app: LargeApp, created: string): KubeObject {
  const ready = app.crashing ? 0 : app.replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name, namespace: app.namespace, uid: app.uid, creationTimestamp: created, labels: { app: app.name }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas: app.replicas,
      selector: { matchLabels: { app: app.name } },
      template: template(app),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas: app.replicas,
      updatedReplicas: app.replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(ready < app.replicas ? { unavailableReplicas: app.replicas - ready } : {}),
      conditions: [
        condition('Available', ready ? 'True' : 'False', created, ready ? { reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' } : { reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }),
        condition('Progressing', 'True', created, { reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${app.name}-${app.hash}" has successfully progressed.` }),
      ],
    },
  };
}

/** The Deployment's only ReplicaSet. */
export function largeReplicaSet(app: LargeApp, created: string): KubeObject {
  const ready = app.crashing ? 0 : app.replicas;
  const t = template(app);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${app.name}-${app.hash}`,
      namespace: app.namespace,
      uid: app.rsUid,
      creationTimestamp: created,
      labels: { ...t.metadata.labels, 'pod-template-hash': app.hash },
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(app.replicas), 'deployment.kubernetes.io/max-replicas': String(app.replicas + Math.ceil(app.replicas / 4)), 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app.name, uid: app.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: app.replicas, selector: { matchLabels: { app: app.name, 'pod-template-hash': app.hash } }, template: { ...t, metadata: { ...t.metadata, labels: { ...t.metadata.labels, 'pod-template-hash': app.hash } } } },
    status: { replicas: app.replicas, fullyLabeledReplicas: app.replicas, readyReplicas: ready, availableReplicas: ready, observedGeneration: 1 },
  };
}

/** Replica `r` of an app: running and ready, or crash-looping. */
export function largePod(app: LargeApp, r: number, serial: number, nodes: number, uid: string, started: string): KubeObject {
  const t = template(app);
  const node = `node-${String(serial % nodes).padStart(3, '0')}`;
  const ready = app.crashing ? 'False' : 'True';
  const container = t.spec.containers[0];
  const state = app.crashing
    ? { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${container.name} pod=${app.name}` } }
    : { running: { startedAt: started } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app.name}-${app.hash}-${safeSuffix(serial, 5)}`,
      generateName: `${app.name}-${app.hash}-`,
      namespace: app.namespace,
      uid,
      creationTimestamp: started,
      labels: { ...t.metadata.labels, 'pod-template-hash': app.hash },
      annotations: t.metadata.annotations,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app.name}-${app.hash}`, uid: app.rsUid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { ...t.spec, nodeName: node },
    status: {
      phase: 'Running',
      podIP: `10.${64 + (serial >> 16)}.${(serial >> 8) & 255}.${serial & 255}`,
      podIPs: [{ ip: `10.${64 + (serial >> 16)}.${(serial >> 8) & 255}.${serial & 255}` }],
      hostIP: `10.0.${(serial % nodes) >> 8}.${(serial % nodes) & 255}`,
      startTime: started,
      qosClass: 'Burstable',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: started },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: started },
        { type: 'Ready', status: ready, lastProbeTime: null, lastTransitionTime: started, ...(app.crashing ? { reason: 'ContainersNotReady', message: `containers with unready status: [${container.name}]` } : {}) },
        { type: 'ContainersReady', status: ready, lastProbeTime: null, lastTransitionTime: started, ...(app.crashing ? { reason: 'ContainersNotReady', message: `containers with unready status: [${container.name}]` } : {}) },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: started },
      ],
      containerStatuses: [
        {
          name: container.name,
          ready: !app.crashing,
          started: !app.crashing,
          restartCount: app.crashing ? 40 + (serial % 20) : serial % 50 === 0 ? 1 : 0,
          state,
          ...(app.crashing ? { lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: started, finishedAt: started } } } : {}),
          image: container.image,
          imageID: `${container.image.split(':')[0]}@sha256:${safeSuffix(app.index, 16)}`,
          containerID: `containerd://${safeSuffix(serial, 24)}`,
        },
      ],
    },
  };
}

/** The app's ClusterIP Service: port 80 → the pods' named port `http`. */
export function largeService(app: LargeApp, created: string): KubeObject {
  const n = app.index;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app.name, namespace: app.namespace, uid: app.svcUid, creationTimestamp: created, labels: { app: app.name } },
    spec: {
      type: 'ClusterIP',
      // One Service in 200 selects a label no pod carries: a broken link to find.
      selector: { app: app.orphanService ? `${app.name}-v2` : app.name },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      clusterIP: `10.96.${(n >> 8) & 255}.${n & 255}`,
      clusterIPs: [`10.96.${(n >> 8) & 255}.${n & 255}`],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
}

/** The Service's EndpointSlice over `pods`, as the endpointslice controller writes it. */
export function largeSlice(app: LargeApp, pods: KubeObject[], uid: string): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${app.name}-${safeSuffix(app.index + 1, 5)}`,
      generateName: `${app.name}-`,
      namespace: app.namespace,
      uid,
      labels: { app: app.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': app.name },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: app.name, uid: app.svcUid, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: pods.length
      ? pods.map((p) => ({
          addresses: [p.status.podIP],
          conditions: { ready: !app.crashing, serving: !app.crashing, terminating: false },
          nodeName: p.spec.nodeName,
          targetRef: { kind: 'Pod', namespace: app.namespace, name: p.metadata!.name, uid: p.metadata!.uid },
        }))
      : null,
    ports: pods.length ? [{ name: 'http', port: 8080, protocol: 'TCP' }] : null,
  };
}
