import fastJsonPatch from 'fast-json-patch';
import type { KubeObject } from '../../model/types.js';
import { badRequest, StatusError } from './status-error.js';

type Json = any;

const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON merge patch (RFC 7386): objects merge, `null` deletes, everything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// Lists that strategic merge patch merges by a key, as the Kubernetes types declare them.
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};
// Lists of scalars that strategic merge patch treats as sets.
const MERGED_SCALAR_LISTS = new Set(['finalizers']);

function listMergeKey(field: string, items: Json[]): string | undefined {
  if (field === 'ports') return items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

function mergeList(field: string, target: Json[], patch: Json[], order?: Json[]): Json[] {
  const key = listMergeKey(field, [...target, ...patch]);
  if (MERGED_SCALAR_LISTS.has(field)) return [...new Set([...target, ...patch])];
  if (!key) return patch.filter((p) => !(isObject(p) && p.$patch));
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) return patch.filter((p) => !(isObject(p) && p.$patch));
  let out = [...target];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const i = out.findIndex((t) => isObject(t) && t[key] === item[key]);
    if (item.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = strategicMergePatch(out[i], item);
    else out.push(strategicMergePatch({}, item));
  }
  if (order) {
    const rank = (v: Json) => order.findIndex((o) => isObject(o) && o[key] === v[key]);
    out = [...out].sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      return (ra < 0 ? Infinity : ra) - (rb < 0 ? Infinity : rb);
    });
  }
  return out;
}

/** Strategic merge patch for the cases kubectl sends (set image, rollout restart, scale, labels). */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return rest;
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  const orders: Record<string, Json[]> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/')) orders[k.slice('$setElementOrder/'.length)] = v;
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$patch') continue;
    if (k === '$retainKeys') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field])) out[field] = out[field].filter((x: Json) => !(v as Json[]).includes(x));
      continue;
    }
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(k, Array.isArray(out[k]) ? out[k] : [], v, orders[k]);
    else if (isObject(v)) {
      const merged = strategicMergePatch(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const k of Object.keys(out)) if (!patch.$retainKeys.includes(k)) delete out[k];
  }
  return out;
}

/** JSON patch (RFC 6902); a failing `test` or a bad path answers 422 / 400. */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw badRequest('json patch must be an array of operations');
  const error = fastJsonPatch.validate(ops, target);
  if (error) {
    if (error.name === 'TEST_OPERATION_FAILED') throw new StatusError(422, 'Invalid', `the server rejected our request due to an error in our request: ${error.message.split('\n')[0]}`);
    throw badRequest(`the server rejected our request due to an error in our request: ${error.message.split('\n')[0]}`);
  }
  return fastJsonPatch.applyPatch(structuredClone(target), ops, false, false).newDocument;
}

/** Applies a patch body of the given content type to an object. */
export function applyPatch(contentType: string, target: KubeObject, body: Json): KubeObject {
  const type = contentType.split(';')[0].trim();
  if (body === undefined || body === null) throw badRequest('the body of a patch request is required');
  if (type === 'application/merge-patch+json') return mergePatch(target, body);
  if (type === 'application/strategic-merge-patch+json') return strategicMergePatch(target, body);
  if (type === 'application/json-patch+json') return jsonPatch(target, body);
  throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`);
}
