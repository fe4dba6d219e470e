import type { KubeObject } from '../types.js';
import type { Column } from './column.js';
import { timestampMs, translateTimestampSince } from '../format/duration.js';
import { at, containerCells, nameOf } from './read.js';

/** metav1.ObjectMeta's swagger description of `name`, which kubectl serves for NAME. */
export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** metav1.ObjectMeta's swagger description of `creationTimestamp`, which kubectl serves for AGE. */
export const AGE_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** Optional parts of a column definition. */
export interface ColumnOptions {
  priority?: 0 | 1;
  description?: string;
}

/** Sort key of a timestamp field: epoch ms, 0 when unset. */
export function timeKey(value: unknown): number {
  return timestampMs(value) ?? 0;
}

/** Sort key of a "ready/total" pair: by ready, then by total. */
export function readyKey(ready: number, total: number): number {
  return ready * 1_000_000 + Math.min(Math.max(total, 0), 999_999);
}

/** A string column whose text is computed by `text`; sorts by that text. */
export function textColumn(name: string, text: (o: KubeObject, now: number) => string, opts: ColumnOptions = {}): Column {
  return { name, type: 'string', priority: opts.priority ?? 0, description: opts.description, text };
}

/** An integer column: prints the number, sorts numerically. */
export function intColumn(name: string, read: (o: KubeObject) => number, opts: ColumnOptions = {}): Column {
  return {
    name,
    type: 'integer',
    priority: opts.priority ?? 0,
    description: opts.description,
    text: (o) => String(read(o)),
    sort: (o) => read(o),
  };
}

/** A "ready/total" column ("2/3"), sorting by ready then total. */
export function readyColumn(name: string, read: (o: KubeObject) => readonly [number, number], opts: ColumnOptions = {}): Column {
  return {
    name,
    type: 'ready',
    priority: opts.priority ?? 0,
    description: opts.description,
    text: (o) => {
      const [ready, total] = read(o);
      return `${ready}/${total}`;
    },
    sort: (o) => readyKey(...read(o)),
  };
}

/** A column showing the age since a timestamp field (HumanDuration), sorting by the timestamp. */
export function sinceColumn(name: string, read: (o: KubeObject) => unknown, opts: ColumnOptions = {}): Column {
  return {
    name,
    type: 'date',
    priority: opts.priority ?? 0,
    description: opts.description,
    text: (o, now) => translateTimestampSince(read(o), now),
    sort: (o) => timeKey(read(o)),
  };
}

/** NAME: metadata.name. */
export const nameColumn: Column = textColumn('NAME', (o) => nameOf(o), { description: NAME_DESCRIPTION });

/** AGE: time since metadata.creationTimestamp, "<unknown>" when unset. */
export const ageColumn: Column = sinceColumn('AGE', (o) => at(o, 'metadata', 'creationTimestamp'), {
  description: AGE_DESCRIPTION,
});

/** The wide CONTAINERS and IMAGES columns of a pod template found at `path`. */
export function templateColumns(...path: string[]): [Column, Column] {
  return [
    textColumn('CONTAINERS', (o) => containerCells(at(o, ...path, 'containers')).names, {
      priority: 1,
      description: 'Names of each container in the template.',
    }),
    textColumn('IMAGES', (o) => containerCells(at(o, ...path, 'containers')).images, {
      priority: 1,
      description: 'Images referenced by each container in the template.',
    }),
  ];
}
