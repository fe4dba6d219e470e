import type { KubeObject } from '../../model/types.js';
import { isRedactedSecret, placeholderSecret } from '../../model/snapshot/snapshot-redact.js';
import type { SimApi } from '../api/api-server.js';
import { crdResource } from '../controllers/crd-controller.js';
import { storeKey } from '../resources.js';
import { ScenarioError, type Manifest } from '../scenario/scenario-file.js';
import type { SnapshotData } from './read-snapshot.js';

const CRDS = 'customresourcedefinitions.apiextensions.k8s.io';

/**
 * Serves the kinds the snapshot names but whose definitions it does not hold: kinds the capture
 * could not read (a namespace-limited user's Gateway API kinds), so that they read as refused, as in
 * the cluster (see snapshot-refusal), not as unserved; and kinds it holds objects of without a CRD
 * (an aggregated API's, or one whose definition could not be read), so that they load at all.
 */
function serveNamedKinds(api: SimApi, data: SnapshotData): void {
  const named = [...(data.manifest.unreadable ?? []), ...(data.manifest.included ?? [])];
  for (const u of named) {
    if (!u.apiVersion || !u.kind || api.registry.forKind(u.apiVersion, u.kind)) continue;
    const [group, version] = u.apiVersion.includes('/') ? u.apiVersion.split('/', 2) : ['', u.apiVersion];
    const plural = u.resource.split('.')[0];
    api.registry.add({ group, version, resource: plural, singular: u.kind.toLowerCase(), kind: u.kind, namespaced: u.scope !== 'cluster', shortNames: [], subresources: [], hasStatus: false, crd: { name: u.resource } });
  }
}

function restoreOne(api: SimApi, m: Manifest): void {
  const obj: KubeObject = isRedactedSecret(m.object) ? placeholderSecret(m.object) : m.object;
  const r = api.registry.forKind(String(obj.apiVersion), String(obj.kind));
  if (!r) throw new ScenarioError(`${m.file}:${m.line}: the simulated cluster does not serve ${obj.kind} in ${obj.apiVersion}`);
  api.store.restore(storeKey(r), r.view ? r.view.from(obj) : obj);
}

/**
 * Puts a snapshot's objects into the store as they were captured (uids, timestamps, generations,
 * statuses: nothing re-derived, no controller runs), CRDs first so that their kinds are served.
 * Namespaces the snapshot holds objects of, but could not read themselves, are made up (Active).
 */
export function restoreSnapshot(api: SimApi, data: SnapshotData): void {
  const isCrd = (m: Manifest) => m.object.kind === 'CustomResourceDefinition';
  for (const m of data.manifests.filter(isCrd)) {
    api.store.restore(CRDS, m.object);
    const r = crdResource(m.object);
    if (r) api.registry.add(r);
  }
  serveNamedKinds(api, data);
  for (const m of data.manifests.filter((x) => !isCrd(x))) restoreOne(api, m);
  const namespaces = new Set(data.manifests.map((m) => m.object.metadata?.namespace).filter((ns): ns is string => !!ns));
  for (const ns of namespaces) {
    if (api.store.get('namespaces', undefined, ns)) continue;
    api.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
}
