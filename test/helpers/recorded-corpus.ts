import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClusterIndexes } from '../../src/model/indexes/cluster-indexes.js';
import type { KubeObject } from '../../src/model/types.js';
import { RESOURCE_OF } from './indexes.js';

/** Where the corpus recorded from a real kube-apiserver 1.36 with kubectl 1.32 lives (next to the worktrees). */
export const CORPUS = process.env.KDRILL_CORPUS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/apiserver-1.36');

/** Whether the corpus is on this machine. */
export const hasCorpus = existsSync(join(CORPUS, 'objects'));

// Extra snapshots of an object taken at another moment than the recording (see the corpus README).
const SNAPSHOT = /\.(before-status|terminating-snapshot|status-while-old-pod-terminating)\.json$/;

/** One recorded object with the `kubectl describe` text recorded for it. */
export interface RecordedDescribe {
  /** `namespace/describe-file-name` (`_cluster/…` for cluster-scoped ones). */
  id: string;
  object: KubeObject;
  kubectl: string;
}

/** Every recorded object (the extra snapshots left out), by `folder/file` (`corpus-web/pod-x.json`). */
export function recordedObjects(): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  for (const folder of readdirSync(join(CORPUS, 'objects'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    for (const file of readdirSync(join(CORPUS, 'objects', folder))) {
      if (!file.endsWith('.json') || SNAPSHOT.test(file)) continue;
      out.set(`${folder}/${file}`, JSON.parse(readFileSync(join(CORPUS, 'objects', folder, file), 'utf8')) as KubeObject);
    }
  }
  return out;
}

/** Relation indexes fed with the recorded objects, as kdrill's watch caches would feed them. */
export function recordedIndexes(objects: Iterable<KubeObject>): ClusterIndexes {
  const idx = new ClusterIndexes();
  for (const o of objects) {
    // Core events only: kubectl describe reads those; the events.k8s.io files are the same events.
    const id = o.kind === 'Event' && o.apiVersion !== 'v1' ? undefined : RESOURCE_OF[String(o.kind)];
    if (id) idx.apply(id, { type: 'add', object: o });
  }
  return idx;
}

/** The recorded `kubectl describe` texts, each with the object it describes, sorted by id. */
export function recordedDescribes(objects: Map<string, KubeObject>): RecordedDescribe[] {
  const out: RecordedDescribe[] = [];
  for (const folder of readdirSync(join(CORPUS, 'kubectl'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    for (const file of readdirSync(join(CORPUS, 'kubectl', folder))) {
      const m = /^describe-(.+?)(\.filtered)?\.txt$/.exec(file);
      if (!m || file.endsWith('.stderr.txt')) continue;
      const object = objects.get(`${folder}/${m[1]}.json`);
      if (!object) throw new Error(`no recorded object for kubectl/${folder}/${file}`);
      out.push({ id: `${folder}/${file.replace(/\.txt$/, '')}`, object, kubectl: readFileSync(join(CORPUS, 'kubectl', folder, file), 'utf8') });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}
