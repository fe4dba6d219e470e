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

/** The images a manifest's pod specs name (a pod's own, a workload's template, a CronJob's job template). */
export function manifestImages(obj: KubeObject): string[] {
  const spec: any = obj.spec;
  const podSpecs = [obj.kind === 'Pod' ? spec : undefined, spec?.template?.spec, spec?.jobTemplate?.spec?.template?.spec];
  const out: string[] = [];
  for (const ps of podSpecs) {
    for (const list of [ps?.initContainers, ps?.containers]) {
      if (Array.isArray(list)) for (const c of list) if (typeof c?.image === 'string' && c.image) out.push(c.image);
    }
  }
  return out;
}

/**
 * Creates a scenario's objects through the API (defaults, validation, legacy conversion) and fills
 * the simulated registry: the images its manifests, image behaviours, churn and `registry:` list
 * name are the tags the registry holds of their repositories.
 */
export function loadScenario(api: SimApi, host: ControllerHost, images: ImageCatalog, scenario: Scenario): void {
  for (const [image, behaviour] of Object.entries(scenario.images)) (images.know(image), images.set(image, behaviour));
  for (const m of scenario.manifests) for (const image of manifestImages(m.object)) images.know(image);
  for (const r of scenario.rollouts) for (const image of r.images ?? []) images.know(image);
  for (const image of scenario.registry) images.know(image);
  const ordered = [...scenario.manifests].sort((a, b) => rank(a) - rank(b));
  for (const m of ordered.filter((x) => rank(x) < FIRST.length)) createOne(api, m);
  // CRDs must be served before their custom resources are created.
  host.drain();
  for (const m of ordered.filter((x) => rank(x) === FIRST.length)) createOne(api, m);
}
