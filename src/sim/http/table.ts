import { columnsFor, crdColumns } from '../../model/columns/index.js';
import type { ColumnSet } from '../../model/columns/column.js';
import type { KubeObject } from '../../model/types.js';
import { resourceKey, type SimResource } from '../resources.js';
import type { ObjectStore } from '../store.js';

/** Whether an Accept header asks for server-side printing (`as=Table`). */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept);
}

/** The columns the server prints for a resource: CRD printer columns or the built-in set. */
export function tableColumns(store: ObjectStore, r: SimResource): ColumnSet {
  if (r.crd) {
    const crd = store.get('customresourcedefinitions.apiextensions.k8s.io', undefined, r.crd.name);
    if (crd) return crdColumns(crd);
  }
  return columnsFor(resourceKey(r));
}

function rowObject(obj: KubeObject, includeObject: string | null): unknown {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** Converts objects to a meta.k8s.io/v1 Table as `kubectl get` requests it. */
export function toTable(
  columns: ColumnSet,
  objects: KubeObject[],
  now: number,
  meta: { resourceVersion?: string; continue?: string; remainingItemCount?: number },
  includeObject: string | null,
): unknown {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: meta,
    columnDefinitions: columns.map((c, i) => ({
      name: c.name === 'NAME' ? 'Name' : titleCase(c.name),
      type: c.type === 'integer' ? 'integer' : 'string',
      format: i === 0 ? 'name' : '',
      description: c.description ?? '',
      priority: c.priority,
    })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => cell(c.text(o, now), c.type)),
      object: rowObject(o, includeObject),
    })),
  };
}

function cell(text: string, type: string): string | number {
  return type === 'integer' && /^-?\d+$/.test(text) ? Number(text) : text;
}

function titleCase(header: string): string {
  return header
    .toLowerCase()
    .split(' ')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ');
}
