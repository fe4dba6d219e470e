import { POD_COLUMN_FIELDS } from '../columns/pod-columns.js';
import { DESCRIBE_POD_FIELDS } from '../describe/service-describe.js';
import { POD_INDEX_FIELDS } from '../indexes/relation-keys.js';
import { POD_QOS_FIELDS } from '../pod-qos.js';
import { POD_STATUS_FIELDS } from '../pod-status.js';
import { STUCK_POD_FIELDS } from '../rollout/rollout-stuck.js';
import { TRACE_POD_FIELDS } from '../route/trace-pod.js';
import type { KubeObject } from '../types.js';
import { CONTAINER_ROW_FIELDS } from '../view/container-rows.js';
import { compileFields, projectObject, type FieldPaths, type FieldTree } from './field-paths.js';

/** What every projection keeps: the identity and type of an object. */
const IDENTITY: FieldPaths = ['apiVersion', 'kind', 'metadata'];

/**
 * The fields each reader of a cached kind declares (columns, indexes, route trace, rollout,
 * status logic, describe's related objects), by resource id. A kind not listed is kept whole
 * (less the metadata nothing reads). Pods are most of a large cluster's objects.
 */
export const SLIM_READERS: Readonly<Record<string, readonly FieldPaths[]>> = Object.freeze({
  pods: [IDENTITY, POD_COLUMN_FIELDS, POD_STATUS_FIELDS, POD_QOS_FIELDS, CONTAINER_ROW_FIELDS, TRACE_POD_FIELDS, POD_INDEX_FIELDS, DESCRIBE_POD_FIELDS, STUCK_POD_FIELDS],
});

const trees = new Map<string, FieldTree>();

/** The compiled fields kept of a resource's objects (`true`: whole). */
export function slimTreeFor(resourceId: string): FieldTree {
  let tree = trees.get(resourceId);
  if (!tree) {
    const readers = Object.hasOwn(SLIM_READERS, resourceId) ? SLIM_READERS[resourceId] : undefined;
    tree = readers ? compileFields(...readers) : true;
    trees.set(resourceId, tree);
  }
  return tree;
}

/** An object of a resource as the caches keep it: only what their readers declare. */
export function slimObject(resourceId: string, o: KubeObject): KubeObject {
  return projectObject(o, slimTreeFor(resourceId));
}
