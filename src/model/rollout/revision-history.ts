import { canonical } from '../canonical-json.js';
import { at, str } from '../columns/read.js';
import { DescribeWriter } from '../describe/describe-writer.js';
import { writePodTemplate } from '../describe/pod-describe.js';
import { tabwrite } from '../describe/tabwriter.js';
import type { KubeObject } from '../types.js';

/** What kubectl says when a StatefulSet or DaemonSet revision cannot be shown or restored (its exact words). */
export class RevisionError extends Error {
  override name = 'RevisionError';
}

/** The ControllerRevisions a workload controls (kubectl: selected by its selector, then by controller reference), by revision. */
export function controlledRevisions(workload: KubeObject, revisions: readonly KubeObject[]): KubeObject[] {
  const uid = workload.metadata?.uid;
  return revisions
    .filter((r) => (r.metadata?.ownerReferences ?? []).some((o) => o.controller && o.uid === uid))
    .sort((a, b) => Number(a.revision) - Number(b.revision));
}

/** A revision's pod template: its `data` patch applied (`$patch: replace` makes it the whole template). */
export function revisionTemplate(cr: KubeObject): Record<string, unknown> {
  const t = { ...((at(cr, 'data', 'spec', 'template') as Record<string, unknown>) ?? {}) };
  delete t.$patch;
  return t;
}

/** `kubectl rollout history KIND/NAME` of a StatefulSet or DaemonSet: revisions and their change-cause. */
export function historyText(ref: string, revisions: readonly KubeObject[]): string {
  if (!revisions.length) return `${ref} \nNo rollout history found.\n`;
  const byRevision = new Map<number, KubeObject>();
  for (const r of revisions) byRevision.set(Number(r.revision), r);
  const rows = [...byRevision].sort(([a], [b]) => a - b).map(([n, r]) => `${n}\t${str(at(r, 'metadata', 'annotations', 'kubernetes.io/change-cause')) || '<none>'}\n`);
  return `${ref} \n${tabwrite(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`)}\n`;
}

/** `kubectl rollout history KIND/NAME --revision=N`: the revision's pod template as describe prints it, untabbed. */
export function revisionText(ref: string, revisions: readonly KubeObject[], revision: number): string {
  const cr = revisions.find((r) => Number(r.revision) === revision);
  if (!cr) throw new RevisionError('unable to find the specified revision');
  const w = new DescribeWriter();
  writePodTemplate(w, revisionTemplate(cr));
  return `${ref} with revision #${revision}\n${w.untabbed()}\n`;
}

/**
 * The revision `kubectl rollout undo [--to-revision=N]` restores: N, or (0) the one before the
 * newest. Throws kubectl's words when there is none.
 */
export function undoTarget(revisions: readonly KubeObject[], toRevision: number): KubeObject {
  if (toRevision < 0) throw new RevisionError(`unable to find specified revision ${toRevision} in history`);
  if (toRevision === 0 && revisions.length <= 1) throw new RevisionError('no last revision to roll back to');
  const sorted = [...revisions].sort((a, b) => Number(a.revision) - Number(b.revision));
  const target = toRevision === 0 ? sorted[sorted.length - 2] : sorted.find((r) => Number(r.revision) === toRevision);
  if (!target) throw new RevisionError(`unable to find specified revision ${toRevision} in history`);
  return target;
}

/** Whether a workload's template already is a revision's (kubectl skips the rollback then). */
export function matchesRevision(workload: KubeObject, cr: KubeObject): boolean {
  return canonical(revisionTemplate(cr)) === canonical(workload.spec?.template ?? {});
}
