import { canonical } from '../model/canonical-json.js';
import { templateOf } from '../model/rollout/rollout-history.js';
import type { KubeObject } from '../model/types.js';
import { collectionPath, type ApiResource } from './discovery.js';
import type { KubeTransport } from './transport.js';

const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

const objectPath = (r: ApiResource, namespace: string, name: string) => `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;

/** A refusal that is not an API error: the action makes no sense for this object now. */
export class ActionRefused extends Error {
  override name = 'ActionRefused';
}

// Annotations that belong to the Deployment itself: `kubectl rollout undo` keeps these and takes
// every other annotation from the ReplicaSet (so a change-cause goes back with its template).
const DEPLOYMENT_OWN = new Set(['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to']);

/**
 * Writes to workloads, each the request kubectl sends for the same command. The transport
 * refuses all of them under --readonly; asking for confirmation is the screen's job.
 */
export class WorkloadActions {
  constructor(private readonly transport: KubeTransport) {}

  /** `kubectl rollout restart`: a new restartedAt annotation on the pod template makes a new revision. */
  async restart(r: ApiResource, namespace: string, name: string, now: number, workload?: KubeObject): Promise<KubeObject> {
    if (workload?.spec?.paused) throw new ActionRefused(`${r.kind.toLowerCase()} ${name} is paused: a restart would not roll any pod until it is resumed`);
    const body = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date(now).toISOString() } } } } };
    return this.transport.json({ method: 'PATCH', path: objectPath(r, namespace, name), body, contentType: STRATEGIC });
  }

  /** `kubectl rollout pause` / `resume`. */
  setPaused(r: ApiResource, namespace: string, name: string, paused: boolean): Promise<KubeObject> {
    return this.transport.json({ method: 'PATCH', path: objectPath(r, namespace, name), body: { spec: { paused } }, contentType: MERGE });
  }

  /** `kubectl scale --replicas=N`, through the scale subresource. */
  scale(r: ApiResource, namespace: string, name: string, replicas: number): Promise<KubeObject> {
    return this.transport.json({ method: 'PATCH', path: `${objectPath(r, namespace, name)}/scale`, body: { spec: { replicas } }, contentType: MERGE });
  }

  /**
   * `kubectl rollout undo --to-revision`: the Deployment's template becomes the ReplicaSet's
   * (without its pod-template-hash), and the ReplicaSet's annotations come back with it.
   */
  async undo(r: ApiResource, deployment: KubeObject, target: KubeObject): Promise<KubeObject> {
    if (deployment.spec?.paused) throw new ActionRefused(`deployment ${deployment.metadata?.name} is paused: resume it before undoing`);
    const revision = target.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '?';
    const template = templateOf(target);
    if (canonical(template) === canonical(deployment.spec?.template ?? {})) {
      throw new ActionRefused(`the current template already matches revision ${revision}: nothing to undo`);
    }
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(deployment.metadata?.annotations ?? {})) if (DEPLOYMENT_OWN.has(k)) annotations[k] = v;
    for (const [k, v] of Object.entries(target.metadata?.annotations ?? {})) if (!DEPLOYMENT_OWN.has(k)) annotations[k] = v;
    const body = [
      { op: 'test', path: '/metadata/resourceVersion', value: deployment.metadata?.resourceVersion },
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ];
    return this.transport.json({ method: 'PATCH', path: objectPath(r, String(deployment.metadata?.namespace), String(deployment.metadata?.name)), body, contentType: JSON_PATCH });
  }

  /**
   * Deletes an object (a pod: its controller makes a new one), with kubectl's DeleteOptions: the
   * propagation policy (what it owns: background, foreground or orphan) and, for a kill, grace period 0.
   */
  delete(r: ApiResource, namespace: string, name: string, options: { propagationPolicy?: string; gracePeriodSeconds?: number } = {}): Promise<KubeObject> {
    const body = Object.keys(options).length ? { kind: 'DeleteOptions', apiVersion: 'v1', ...options } : undefined;
    return this.transport.json({ method: 'DELETE', path: objectPath(r, namespace, name), body });
  }
}
