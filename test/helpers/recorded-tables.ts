import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnsFor, crdColumns } from '../../src/model/columns/index.js';
import type { ColumnSet } from '../../src/model/columns/column.js';
import type { KubeObject } from '../../src/model/types.js';
import { CORPUS, recordedObjects } from './recorded-corpus.js';

/** One recorded server-side Table: its file, resource id and body. */
export interface RecordedTable {
  /** `corpus-web/pods`, `_cluster/nodes`. */
  id: string;
  namespace: string;
  /** The resource id kdrill's columns are keyed by ("pods", "deployments.apps"). */
  resource: string;
  table: { columnDefinitions: { name: string; type: string; format: string; priority: number }[]; rows: { cells: unknown[]; object: { metadata: Record<string, any> } }[] };
}

/** Every recorded Table with default includeObject (Metadata), sorted by id. */
export function recordedTables(): RecordedTable[] {
  const out: RecordedTable[] = [];
  const root = join(CORPUS, 'tables');
  for (const ns of readdirSync(root).sort()) {
    for (const file of readdirSync(join(root, ns)).sort()) {
      if (!file.endsWith('.json') || file.includes('.includeObject-')) continue;
      const resource = file.slice(0, -'.json'.length);
      out.push({ id: `${ns}/${resource}`, namespace: ns, resource, table: JSON.parse(readFileSync(join(root, ns, file), 'utf8')) });
    }
  }
  return out;
}

const EVENTS_API = 'events.k8s.io/v1';

/**
 * The full object behind each row of a recorded Table, by uid: the pods from the Table recorded
 * with `includeObject=Object` (same moment), the rest from `objects/` (the events.k8s.io view of an
 * Event for the events.events.k8s.io table, the core one otherwise).
 */
export function rowObjects(t: RecordedTable, objects: Map<string, KubeObject> = recordedObjects()): Map<string, KubeObject> {
  const byUid = new Map<string, KubeObject>();
  const full = join(CORPUS, 'tables', t.namespace, `${t.resource}.includeObject-Object.json`);
  if (existsSync(full)) {
    for (const row of JSON.parse(readFileSync(full, 'utf8')).rows) byUid.set(row.object.metadata.uid, row.object);
    return byUid;
  }
  const wantEventsApi = t.resource === 'events.events.k8s.io';
  for (const [key, o] of objects) {
    if (!key.startsWith(`${t.namespace}/`)) continue;
    if (o.kind === 'Event' && (o.apiVersion === EVENTS_API) !== wantEventsApi) continue;
    byUid.set(String(o.metadata?.uid), o);
  }
  return byUid;
}

/** kdrill's columns for a recorded Table's resource, as the explorer picks them (CRD printer columns for custom resources). */
export function kdrillColumns(resource: string, objects: Map<string, KubeObject> = recordedObjects()): ColumnSet {
  const crd = objects.get(`_cluster/customresourcedefinition-${resource}.json`);
  if (!crd) return columnsFor(resource);
  const served = (crd.spec?.versions ?? []).find((v: any) => v.storage)?.name;
  return crdColumns(crd, served);
}
