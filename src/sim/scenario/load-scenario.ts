import type { KubeObject } from '../../model/types.js';
import type { SimApi } from '../api/api-server.js';
import { StatusError } from '../api/status-error.js';
import type { ControllerHost } from '../controllers/runtime.js';
import type { ImageCatalog } from '../images.js';
import { convertLegacyIngress, isLegacyIngress } from './legacy-ingress.js';
import { ScenarioError, type Manifest, type Scenario } from './scenario-file.js';

// Kinds created before the rest, so that what follows can refer to them.
const FIRST = ['Namespace', 'CustomResourceDefinition', 'StorageClass', 'IngressClass', 'Node'];

function rank(m: Manifest): number {
  const i = FIRST.indexOf(String(m.object.kind));
  return i < 0 ? FIRST.length : i;
}

function createOne(api: SimApi, m: Manifest): void {
  const obj: KubeObject = isLegacyIngress(m.object) ? convertLegacyIngress(m.object) : m.object;
  const r = api.registry.forKind(String(obj.apiVersion), String(obj.kind));
  if (!r) throw new ScenarioError(`${m.file}:${m.line}: the simulated cluster does not serve ${obj.kind} in ${obj.apiVersion}`);
  const ns = r.namespaced ? (obj.metadata?.namespace ?? 'default') : undefined;
  // System namespaces exist from the start; a scenario may still declare them.
  if (obj.kind === 'Namespace' && api.store.get('namespaces', undefined, obj.metadata!.name!)) return;
  if (ns && !api.store.get('namespaces', undefined, ns)) {
    api.create(api.registry.get('namespaces')!, undefined, { metadata: { name: ns } });
  }
  try {
    api.create(r, ns, obj);
  } catch (e) {
    if (e instanceof StatusError) throw new ScenarioError(`${m.file}:${m.line}: ${obj.kind} ${obj.metadata?.name}: ${e.message}`);
    throw e;
  }
}

/** Creates a scenario's objects through the API (defaults, validation, legacy conversion) and registers its images. */
export function loadScenario(api: SimApi, host: ControllerHost, images: ImageCatalog, scenario: Scenario): void {
  for (const [image, behaviour] of Object.entries(scenario.images)) images.set(image, behaviour);
  const ordered = [...scenario.manifests].sort((a, b) => rank(a) - rank(b));
  for (const m of ordered.filter((x) => rank(x) < FIRST.length)) createOne(api, m);
  // CRDs must be served before their custom resources are created.
  host.drain();
  for (const m of ordered.filter((x) => rank(x) === FIRST.length)) createOne(api, m);
}
