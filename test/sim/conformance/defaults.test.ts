/**
 * Writes stored as a real server stores them: every object of the recorded manifests is created through the
 * simulator's API as `kubectl apply` creates it, read back, and compared field by field with the object the
 * real kube-apiserver 1.36 returned. Only what a server or controller writes at run time is left out.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { KubeObject } from '../../../src/model/types.js';
import { asCreated } from '../../helpers/corpus-sim.js';
import { CORPUS, hasCorpus, recordedObjects } from '../../helpers/recorded-corpus.js';
import { dropPath, fieldDiffs } from '../../helpers/object-diff.js';
import { ADMIN, startCluster, type TestCluster } from '../../helpers/sim.js';

let c: TestCluster;
const skip = !hasCorpus && 'no corpus';
before(async () => {
  if (hasCorpus) c = await startCluster({ clock: 'manual' });
});
after(() => c?.stop());

/**
 * Differences between a simulator's stored object and the recorded one that are known, by recorded file, each
 * with why. The test fails when one goes away (a fix: remove it here) or a new one appears.
 */
const KNOWN_DIFFERENCES: Record<string, { diffs: string[]; why: string }> = {
  'corpus-web/pod-debug-shell.json': {
    diffs: ['metadata.generation: 2 → undefined'],
    why: "the simulator's pods carry no generation; a real 1.33+ server sets 1 and bumps it on spec updates and graceful deletion (2 here), but not on binding, which the simulator's scheduler does by update",
  },
  'corpus-batch/persistentvolumeclaim-data-db-0.json': {
    diffs: ['spec.storageClassName: undefined → "standard"'],
    why: 'the simulator binds claims at once as if a default StorageClass "standard" had provisioned them; the recording cluster had no StorageClass',
  },
};

// Applied in the recording's order; revision 2 of Deployment web stands in for revision 1 (the recorded state).
const MANIFESTS = ['00-namespaces.yaml', '05-cluster.yaml', '10-corpus-web.yaml', '11-corpus-web-rollout.yaml', '20-corpus-batch.yaml', '30-corpus-edge.yaml', '21-backups.yaml', '40-gateway.yaml'];

const COMPARED_KINDS = [
  'backup', 'configmap', 'cronjob', 'customresourcedefinition', 'daemonset', 'deployment', 'gateway', 'gatewayclass', 'grpcroute',
  'horizontalpodautoscaler', 'httproute', 'ingress', 'ingressclass', 'job', 'limitrange', 'namespace', 'persistentvolume',
  'persistentvolumeclaim', 'pod', 'poddisruptionbudget', 'referencegrant', 'resourcequota', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount', 'statefulset',
];

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

// Written at run time by the server or by controllers; these cannot match a second run.
const RUNTIME_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
// Objects the recording changed after creating them (web's revision 2): their generation moved on.
const LATER_GENERATION = new Set(['corpus-web/deployment-web.json']);
const CONTROLLER_ANNOTATIONS = ['deployment.kubernetes.io/revision', 'pv.kubernetes.io/bound-by-controller', 'pv.kubernetes.io/bind-completed'];
// Kinds whose whole status is a controller's or kubelet's (the recording's hand-written ones included).
const CONTROLLER_STATUS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ResourceQuota', 'Pod', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'Backup', 'Gateway', 'GatewayClass', 'HTTPRoute', 'GRPCRoute']);
// Statuses written by hand during the recording as a cloud or ingress controller would.
const HAND_STATUS = new Set(['corpus-web/service-web-lb.json', 'corpus-web/ingress-web.json', 'corpus-web/ingress-legacy-redirect.json']);
// Spec fields a controller or the scheduler fills: the PV controller's claimRef, the scheduler's nodeName.
const CONTROLLER_SPEC: Record<string, string[]> = { PersistentVolume: ['claimRef'], Pod: ['nodeName'], PersistentVolumeClaim: ['volumeName'] };

const manifests = (file: string) => (yaml.loadAll(readFileSync(join(CORPUS, 'manifests', file), 'utf8')) as KubeObject[]).filter(Boolean);
const fileOf = (o: KubeObject) => `${o.metadata?.namespace ?? '_cluster'}/${String(o.kind).toLowerCase()}-${o.metadata!.name}.json`;
const send = async (method: string, path: string, body?: unknown, type = 'application/json') => {
  const res = await fetch(c.sim.url + path, { method, headers: { 'Content-Type': type, ...ADMIN }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};

/**
 * The collection URL of an object's kind in the simulator, or undefined when it does not serve that kind. A custom
 * resource at a version the simulator does not serve goes to the one it serves (conversion `None` changes only apiVersion).
 */
function collection(o: KubeObject): string | undefined {
  const group = String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/')[0] : '';
  const r = c.sim.registry.forKind(String(o.apiVersion), String(o.kind)) ?? c.sim.registry.all().find((x) => x.crd && x.group === group && x.kind === o.kind);
  if (!r) return undefined;
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return `${base}${r.namespaced ? `/namespaces/${o.metadata!.namespace}` : ''}/${r.resource}`;
}

/** A manifest as `kubectl apply` sends it on create: with the last-applied annotation the recorded object carries. */
function asApplied(manifest: KubeObject, recorded: KubeObject): KubeObject {
  const last = recorded.metadata?.annotations?.[LAST_APPLIED];
  if (!last) return manifest;
  return { ...manifest, metadata: { ...manifest.metadata, annotations: { ...manifest.metadata?.annotations, [LAST_APPLIED]: last } } };
}

/** Checks the allocated Service fields have the right shape, then leaves them out of the comparison. */
function checkAllocations(file: string, want: any, got: any): void {
  const s = got.spec ?? {};
  if (want.spec?.clusterIP && want.spec.clusterIP !== 'None') {
    assert.match(s.clusterIP, /^\d+\.\d+\.\d+\.\d+$/, `${file}: clusterIP`);
    assert.deepEqual(s.clusterIPs, [s.clusterIP], `${file}: clusterIPs`);
    for (const o of [want, got]) delete o.spec.clusterIP, delete o.spec.clusterIPs;
  }
  (want.spec?.ports ?? []).forEach((p: any, i: number) => {
    const q = s.ports?.[i];
    if (p.nodePort === undefined || !q) return;
    assert.ok(Number.isInteger(q.nodePort) && q.nodePort >= 30000 && q.nodePort <= 32767, `${file}: nodePort ${q.nodePort}`);
    delete p.nodePort, delete q.nodePort;
  });
}

const API_ACCESS = /kube-api-access-[a-z0-9]{5}/;

/** Recorded JSON with the values generated at create (the uid, the token volume's name) made the simulator's. */
function withGenerated(json: string, recorded: KubeObject, stored: KubeObject): string {
  const volume = API_ACCESS.exec(JSON.stringify(stored.spec ?? {}))?.[0];
  const out = json.replaceAll(String(recorded.metadata?.uid), String(stored.metadata?.uid));
  return volume ? out.replace(new RegExp(API_ACCESS.source, 'g'), volume) : out;
}

/** Leaves out the token volume's `openshift-service-ca.crt` source: the recording's OpenShift fork adds it (see the corpus README). */
function dropOpenShiftCa(o: any): void {
  for (const v of o.spec?.volumes ?? []) {
    if (v.projected?.sources) v.projected.sources = v.projected.sources.filter((x: any) => x.configMap?.name !== 'openshift-service-ca.crt');
  }
}

/** Both objects with what is written at run time left out, the recorded generated uids made the simulator's. */
function comparable(file: string, recorded: KubeObject, stored: KubeObject, manifest: KubeObject): [any, any] {
  const want = JSON.parse(withGenerated(JSON.stringify(recorded), recorded, stored));
  dropOpenShiftCa(want);
  const got = structuredClone(stored) as any;
  for (const o of [want, got]) {
    for (const k of RUNTIME_METADATA) delete o.metadata[k];
    if (LATER_GENERATION.has(file)) delete o.metadata.generation;
    for (const a of CONTROLLER_ANNOTATIONS) dropPath(o.metadata, ['annotations', a]);
    if (o.metadata.annotations && !Object.keys(o.metadata.annotations).length) delete o.metadata.annotations;
    if (CONTROLLER_STATUS.has(o.kind) || HAND_STATUS.has(file)) delete o.status;
    for (const f of CONTROLLER_SPEC[o.kind] ?? []) dropPath(o, ['spec', f]);
  }
  // Finalizers a client sent are the client's; others (e.g. the PVC protection one) are a controller's.
  const sent = new Set(manifest.metadata?.finalizers ?? []);
  if (!want.metadata.finalizers?.every((f: string) => sent.has(f))) delete want.metadata.finalizers, delete got.metadata.finalizers;
  if (want.kind === 'Service') checkAllocations(file, want, got);
  return [want, got];
}

/** Installs the Gateway API CRDs as recorded (applied server-side from their release, so not in manifests/). */
async function installGatewayApi(recorded: Map<string, KubeObject>): Promise<void> {
  for (const [file, crd] of recorded) {
    if (!file.startsWith('_cluster/customresourcedefinition-') || !file.includes('.gateway.networking.k8s.io')) continue;
    const { status: _status, ...body } = asCreated(crd);
    const created = await send('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', body);
    assert.equal(created.status, 201, `${file}: ${JSON.stringify(created.body).slice(0, 300)}`);
  }
  c.sim.host.drain();
}

test('objects created from the recorded manifests are stored with the recorded defaults', { skip }, async () => {
  const recorded = recordedObjects();
  const results = new Map<string, string[]>();
  const stored = new Map<string, KubeObject>();
  for (const file of MANIFESTS) {
    if (file === '40-gateway.yaml') await installGatewayApi(recorded);
    for (const m of manifests(file)) {
      const rec = recorded.get(fileOf(m));
      const url = collection(m);
      if (!rec || !url) continue;
      if (stored.has(fileOf(m))) await send('DELETE', `${url}/${m.metadata!.name}`);
      const created = await send('POST', url, { ...asApplied(m, rec), apiVersion: rec.apiVersion });
      assert.equal(created.status, 201, `${fileOf(m)}: ${JSON.stringify(created.body)}`);
      stored.set(fileOf(m), m);
    }
  }
  // The recording's later client write: CronJob heartbeat was suspended after its first run.
  await send('PATCH', '/apis/batch/v1/namespaces/corpus-batch/cronjobs/heartbeat', { spec: { suspend: true } }, 'application/merge-patch+json');
  c.sim.host.drain();
  // Claims come from the StatefulSet's claim template, made by its controller (db-1's only once db-0 is ready).
  for (const claim of ['data-db-0']) stored.set(`corpus-batch/persistentvolumeclaim-${claim}.json`, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claim, namespace: 'corpus-batch' } });
  for (const [file, manifest] of stored) {
    const url = collection(manifest)!;
    const read = await send('GET', `${url}/${manifest.metadata!.name}`);
    assert.equal(read.status, 200, file);
    const [want, got] = comparable(file, recorded.get(file)!, read.body, manifest);
    results.set(file, fieldDiffs(want, got));
  }
  for (const f of Object.keys(KNOWN_DIFFERENCES)) assert.ok(results.has(f), `known differences of ${f}, which was not compared`);
  const unexpected = [...results].filter(([f, d]) => JSON.stringify(d) !== JSON.stringify(KNOWN_DIFFERENCES[f]?.diffs ?? []));
  assert.deepEqual(Object.fromEntries(unexpected), Object.fromEntries(unexpected.map(([f]) => [f, KNOWN_DIFFERENCES[f]?.diffs ?? []])));
  // Every kind the simulator serves that the manifests create was compared (NetworkPolicies are not served).
  const kinds = [...new Set([...results.keys()].map((f) => f.split('/')[1].replace(/-.*/, '')))].sort();
  assert.deepEqual(kinds, COMPARED_KINDS);
});
