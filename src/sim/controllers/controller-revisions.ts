import type { KubeObject } from '../../model/types.js';
import { canonical } from '../../model/canonical-json.js';
import { ownerRefTo, type ControllerHost } from './runtime.js';

const CR = 'controllerrevisions.apps';

/** How one workload kind names and labels its ControllerRevisions. */
export interface RevisionStyle {
  /** The label carrying the hash: `controller.kubernetes.io/hash` (StatefulSet), `controller-revision-hash` (DaemonSet). */
  hashLabel: string;
}

/**
 * A revision's `data`, as both controllers and kubectl build it: the pod template under
 * `spec.template` with `$patch: replace`, keys sorted (Go marshals maps sorted), so that kubectl's
 * byte comparison of a workload with a revision ("skipped rollback") holds.
 */
export function revisionData(template: unknown): unknown {
  return JSON.parse(canonical({ spec: { template: { ...(template as object), $patch: 'replace' } } }));
}

/**
 * Keeps a workload's ControllerRevisions as the StatefulSet and DaemonSet controllers do: the
 * current template's revision exists and holds the highest number (a template seen before, after
 * an undo, takes the next number rather than a new object); older ones beyond
 * `revisionHistoryLimit` (default 10) that no live pod uses are deleted. Returns the update revision.
 */
export function syncRevisions(host: ControllerHost, owner: KubeObject, hash: string, style: RevisionStyle, inUse: ReadonlySet<string>): KubeObject {
  const ns = owner.metadata!.namespace;
  const data = revisionData(owner.spec?.template);
  const text = canonical(data);
  const all = host.owned(CR, owner.metadata?.uid).sort((a, b) => Number(a.revision) - Number(b.revision));
  const max = all.reduce((m, r) => Math.max(m, Number(r.revision) || 0), 0);
  let update = all.find((r) => canonical(r.data) === text);
  if (update && Number(update.revision) !== max) {
    update = host.update(CR, { ...update, revision: max + 1 });
  } else if (!update) {
    update = host.create(CR, {
      kind: 'ControllerRevision',
      apiVersion: 'apps/v1',
      metadata: {
        name: `${owner.metadata!.name}-${hash}`,
        namespace: ns,
        labels: { ...(owner.spec?.template?.metadata?.labels ?? {}), [style.hashLabel]: hash },
        ...(owner.metadata?.annotations ? { annotations: { ...owner.metadata.annotations } } : {}),
        ownerReferences: [ownerRefTo(owner)],
      },
      data,
      revision: max + 1,
    });
  }
  const limit = Number(owner.spec?.revisionHistoryLimit ?? 10);
  const old = host.owned(CR, owner.metadata?.uid).filter((r) => r.metadata?.name !== update!.metadata?.name && !inUse.has(String(r.metadata?.name)));
  old.sort((a, b) => Number(a.revision) - Number(b.revision));
  for (const r of old.slice(0, Math.max(0, old.length - limit))) host.delete(CR, r);
  return update;
}
