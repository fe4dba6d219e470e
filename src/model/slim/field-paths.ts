import type { KubeObject } from '../types.js';

/**
 * Field paths a reader of cached objects declares, e.g. `status`, `spec.nodeName`,
 * `spec.containers[].ports`: dots step into objects, `[]` into every element of an array,
 * and a path keeps everything below its last step.
 */
export type FieldPaths = readonly string[];

/** `fields` of each element of the arrays at `arrays` (`spec.containers[].name`, …). */
export function eachOf(arrays: readonly string[], fields: readonly string[]): string[] {
  return arrays.flatMap((a) => fields.map((f) => `${a}[].${f}`));
}

/** A compiled set of paths: `true` keeps a whole value, a map keeps only its keys (applied to each element of an array). */
export type FieldTree = true | Map<string, FieldTree>;

/** Unions paths into one tree (a path already kept whole absorbs deeper ones). */
export function compileFields(...sets: FieldPaths[]): FieldTree {
  const root = new Map<string, FieldTree>();
  for (const set of sets) {
    for (const path of set) {
      if (path === '') return true;
      const steps = path.split('.').map((s) => s.replace(/\[\]$/, ''));
      let node: Map<string, FieldTree> | true = root;
      for (let i = 0; i < steps.length && node !== true; i++) {
        const last = i === steps.length - 1;
        const here: Map<string, FieldTree> = node;
        const next: FieldTree | undefined = here.get(steps[i]);
        if (last) here.set(steps[i], true);
        else if (next === undefined) here.set(steps[i], (node = new Map()));
        else node = next;
      }
    }
  }
  return root;
}

/** The value reduced to the paths of `tree`, as a new tree of objects sharing the kept leaves; key order kept. */
export function projectValue(value: unknown, tree: FieldTree): unknown {
  if (tree === true) return value;
  if (Array.isArray(value)) return value.map((v) => projectValue(v, tree));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const sub = tree.get(k);
    if (sub !== undefined) out[k] = projectValue(o[k], sub);
  }
  return out;
}

/** An object reduced to `tree`, without the metadata no cache reader looks at (see DROPPED_METADATA). */
export function projectObject(o: KubeObject, tree: FieldTree): KubeObject {
  const out = projectValue(o, tree) as KubeObject;
  return dropUnreadMetadata(out === o ? { ...o } : out);
}

/**
 * Metadata no reader of a cache looks at: the YAML, edit and describe panes GET the object they
 * show, whole. managedFields and kubectl's last applied configuration are often half a small object.
 */
export const DROPPED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

function dropUnreadMetadata(o: KubeObject): KubeObject {
  const m = o.metadata;
  if (!m || (m.managedFields === undefined && !(m.annotations && DROPPED_ANNOTATION in m.annotations))) return o;
  const { managedFields: _drop, ...rest } = m;
  if (rest.annotations && DROPPED_ANNOTATION in rest.annotations) {
    const { [DROPPED_ANNOTATION]: _last, ...annotations } = rest.annotations;
    if (Object.keys(annotations).length) rest.annotations = annotations;
    else delete rest.annotations;
  }
  return { ...o, metadata: rest };
}
