import { diffLines } from 'diff';
import yaml from 'js-yaml';
import { at, list, str } from '../columns/read.js';
import { timestampMs } from '../format/duration.js';
import type { KubeObject } from '../types.js';
import type { RevisionState } from './rollout-model.js';

/** One revision as `kubectl rollout history` lists it, with what changed in it. */
export interface HistoryEntry {
  revision: string;
  changeCause: string;
  images: string[];
  createdAt?: number;
  current: boolean;
  replicaSet?: KubeObject;
}

/** The revisions of a Deployment (from its ReplicaSets' revision annotations), oldest first. */
export function rolloutHistory(revisions: readonly RevisionState[]): HistoryEntry[] {
  return revisions
    .filter((r) => r.replicaSet)
    .map((r) => ({
      revision: r.revision,
      changeCause: str(at(r.replicaSet, 'metadata', 'annotations', 'kubernetes.io/change-cause')) || '<none>',
      images: list(at(r.replicaSet, 'spec', 'template', 'spec', 'containers')).map((c) => str(at(c, 'image'))),
      createdAt: timestampMs(r.replicaSet?.metadata?.creationTimestamp),
      current: r.isNew,
      replicaSet: r.replicaSet,
    }));
}

/** A ReplicaSet's pod template as the Deployment had it: without the pod-template-hash label the controller adds. */
export function templateOf(rs: KubeObject | undefined): Record<string, unknown> {
  const t = structuredClone((at(rs, 'spec', 'template') as Record<string, unknown>) ?? {});
  const labels = at(t, 'metadata', 'labels') as Record<string, string> | undefined;
  if (labels) delete labels['pod-template-hash'];
  return t;
}

/** The lines of a unified diff between two revisions' pod templates (`-` removed, `+` added, `  ` kept). */
export function templateDiff(from: KubeObject | undefined, to: KubeObject | undefined): string[] {
  const a = yaml.dump(templateOf(from), { noRefs: true, sortKeys: true, lineWidth: -1 });
  const b = yaml.dump(templateOf(to), { noRefs: true, sortKeys: true, lineWidth: -1 });
  const out: string[] = [];
  for (const part of diffLines(a, b)) {
    const mark = part.added ? '+ ' : part.removed ? '- ' : '  ';
    for (const line of part.value.replace(/\n$/, '').split('\n')) out.push(mark + line);
  }
  return out;
}
