import { randomBytes, randomUUID } from 'node:crypto';
import { parseSelector, matches, SelectorError } from '../../model/label-selector.js';
import type { KubeObject } from '../../model/types.js';
import type { SimClock } from '../clock.js';
import { apiVersionOf, resourceKey, type ResourceRegistry, type SimResource } from '../resources.js';
import { timestamp, type ObjectStore } from '../store.js';
import { admit } from './admission.js';
import { applyDefaults } from './defaults.js';
import { defaultFromSchema, versionSchema } from './schema-defaults.js';
import { parseFieldSelector } from './field-selector.js';
import { applyPatch } from './patch.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { alreadyExists, badRequest, conflict, notFound, StatusError } from './status-error.js';
import { validate, validateUpdate } from './validate.js';
import { keepAllocated } from './admission.js';

/** Options of a list request. */
export interface ListOptions {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number;
  continueToken?: string | null;
}

/** One page of a list. */
export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

/** Options of a delete request. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  /** `dryRun=All`: validate and answer, store nothing. */
  dryRun?: boolean;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** DeleteOptions.preconditions: the delete only happens to this uid / resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
}

interface Snapshot {
  items: KubeObject[];
  rv: string;
  expires: number;
  /** The request the snapshot answers: a token is only good for the same list. */
  scope: string;
}

const SNAPSHOT_TTL_MS = 5 * 60_000;

/** A delete's preconditions against the stored object: a mismatch is a 409 naming the kind. */
function checkPreconditions(r: SimResource, obj: KubeObject, pre: DeleteOptions['preconditions']): void {
  const name = String(obj.metadata?.name);
  const fail = (what: string, want: string, have: unknown) =>
    new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${r.kind} "${name}": the ${what} in the precondition (${want}) does not match the ${what} in record (${String(have)}). The object might have been deleted and then recreated`, { name, ...(r.group ? { group: r.group } : {}), kind: r.kind });
  if (pre?.uid && pre.uid !== obj.metadata?.uid) throw fail('UID', pre.uid, obj.metadata?.uid);
  if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata?.resourceVersion) throw fail('ResourceVersion', pre.resourceVersion, obj.metadata?.resourceVersion);
}

/** The 410 for a continue token whose snapshot is gone, carrying a token that continues inconsistently. */
function expiredContinue(after: string): StatusError {
  const err = new StatusError(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
  );
  err.listMeta = { continue: encodeContinue({ rv: -1, after }) };
  return err;
}
const NAME_SUFFIX = 'bcdfghjklmnpqrstvwxz2456789';

/** A random suffix in the alphabet Kubernetes uses for generated names. */
export function randomSuffix(n = 5): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_SUFFIX[bytes[i] % NAME_SUFFIX.length];
  return s;
}

const isStringMap = (v: unknown) => v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every((x) => typeof x === 'string'));

/** Rejects metadata whose fields have the wrong JSON types, as the API server's decoder does. */
function checkMetadataTypes(meta: Record<string, unknown>): void {
  for (const f of ['name', 'generateName', 'namespace', 'resourceVersion', 'uid']) {
    if (meta[f] !== undefined && meta[f] !== null && typeof meta[f] !== 'string') {
      throw badRequest(`json: cannot unmarshal ${Array.isArray(meta[f]) ? 'array' : typeof meta[f]} into Go struct field ObjectMeta.metadata.${f} of type string`);
    }
  }
  for (const f of ['labels', 'annotations']) {
    if (!isStringMap(meta[f])) throw badRequest(`json: cannot unmarshal into Go struct field ObjectMeta.metadata.${f} of type map[string]string`);
  }
  if (meta.ownerReferences !== undefined && meta.ownerReferences !== null) {
    if (!Array.isArray(meta.ownerReferences)) throw badRequest('json: cannot unmarshal into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference');
    meta.ownerReferences.forEach((ref: any, i: number) => {
      for (const f of ['apiVersion', 'kind', 'name', 'uid']) {
        if (!ref || typeof ref[f] !== 'string' || !ref[f]) {
          throw new StatusError(422, 'Invalid', `metadata.ownerReferences[${i}].${f}: Required value: ${f} must not be empty`);
        }
      }
    });
  }
  if (meta.finalizers !== undefined && !(Array.isArray(meta.finalizers) && meta.finalizers.every((f) => typeof f === 'string'))) throw badRequest('json: cannot unmarshal into Go struct field ObjectMeta.metadata.finalizers of type []string');
}

/** The verbs of the Kubernetes API over the object store, with its semantics and errors. */
export class SimApi {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(
    readonly registry: ResourceRegistry,
    readonly store: ObjectStore,
    readonly clock: SimClock,
  ) {}

  /** Compiles label and field selectors into one predicate; bad selectors answer 400. */
  filter(r: SimResource, opts: Pick<ListOptions, 'labelSelector' | 'fieldSelector'>): (o: KubeObject) => boolean {
    let labels;
    try {
      labels = parseSelector(opts.labelSelector ?? '');
    } catch (e) {
      if (e instanceof SelectorError) throw badRequest(`unable to parse requirement: ${e.message}`);
      throw e;
    }
    const fields = parseFieldSelector(resourceKey(r), opts.fieldSelector ?? null);
    return (o) => matches(labels, o.metadata?.labels) && fields(o);
  }

  /** GET one object. */
  get(r: SimResource, ns: string | undefined, name: string): KubeObject {
    if (r.view) return r.view.to(this.get(this.viewed(r), ns, name));
    const obj = this.store.get(resourceKey(r), ns, name);
    if (!obj) throw notFound(r, name);
    return obj;
  }

  /**
   * LIST, with selectors and limit/continue pagination over a consistent snapshot. Tokens are a real
   * server's (resourceVersion and start key); one whose snapshot is gone answers 410 with a token
   * (`rv: -1`) that continues over the current objects, as a compacted etcd does.
   */
  list(r: SimResource, ns: string | undefined, opts: ListOptions): ListResult {
    if (r.view) {
      const page = this.list(this.viewed(r), ns, opts);
      return { ...page, items: page.items.map(r.view.to) };
    }
    const scope = JSON.stringify([resourceKey(r), ns ?? '', opts.labelSelector ?? '', opts.fieldSelector ?? '']);
    const keyOf = (o: KubeObject) => (ns !== undefined || !r.namespaced ? String(o.metadata?.name) : `${o.metadata?.namespace}/${o.metadata?.name}`);
    const current = (): Snapshot => {
      const pred = this.filter(r, opts);
      const items = this.store.list(resourceKey(r), ns).filter(pred);
      return { items: items.map((o) => [keyOf(o), o] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, o]) => o), rv: String(this.store.resourceVersion), expires: 0, scope };
    };
    let snap: Snapshot;
    let after: string | undefined;
    if (opts.continueToken) {
      const token = decodeContinue(opts.continueToken);
      after = token.after;
      const found = this.snapshots.get(`${scope}|${token.rv}`);
      if (token.rv === -1) snap = current();
      else if (!found || found.expires < Date.now()) throw expiredContinue(token.after);
      else snap = found;
    } else snap = current();
    const offset = after === undefined ? 0 : snap.items.findIndex((o) => keyOf(o) > after!);
    const from = offset < 0 ? snap.items.length : offset;
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const items = snap.items.slice(from, from + limit);
    const next = from + items.length;
    if (next >= snap.items.length) return { items, resourceVersion: snap.rv };
    if (snap.rv !== '-1') {
      snap.expires = Date.now() + SNAPSHOT_TTL_MS;
      this.snapshots.set(`${scope}|${snap.rv}`, snap);
    }
    this.expireSnapshots();
    const continueToken = encodeContinue({ rv: Number(snap.rv), after: keyOf(items[items.length - 1]) });
    return { items, resourceVersion: snap.rv, continueToken, remainingItemCount: snap.items.length - next };
  }

  /** CREATE: defaults, validates and stores a new object. */
  create(r: SimResource, ns: string | undefined, body: unknown, dryRun = false): KubeObject {
    if (r.view) return r.view.to(this.create(this.viewed(r), ns, r.view.from(this.prepare(r, ns, body)), dryRun));
    const obj = this.prepare(r, ns, body);
    const meta = obj.metadata!;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    const namespace = r.namespaced ? this.store.get('namespaces', undefined, meta.namespace!) : undefined;
    if (r.namespaced && !namespace) {
      throw new StatusError(404, 'NotFound', `namespaces "${meta.namespace}" not found`, { name: meta.namespace, kind: 'namespaces' });
    }
    if (namespace?.metadata?.deletionTimestamp) {
      throw new StatusError(403, 'Forbidden', `${r.resource} "${meta.name ?? meta.generateName}" is forbidden: unable to create new content in namespace ${meta.namespace} because it is being terminated`);
    }
    const key = resourceKey(r);
    const existing = this.store.get(key, meta.namespace, meta.name ?? '');
    if (existing) {
      const err = alreadyExists(r, meta.name!);
      // A real server says why a name is still taken while its object is terminating.
      throw existing.metadata?.deletionTimestamp ? new StatusError(409, err.reason, `object is being deleted: ${err.message}`, err.details) : err;
    }
    delete meta.resourceVersion;
    delete meta.uid;
    delete meta.deletionTimestamp;
    this.defaults(r, obj);
    validate(r, key, obj);
    admit(this, key, obj);
    if (dryRun) return { ...obj, metadata: { ...meta, uid: meta.uid ?? randomUUID(), creationTimestamp: timestamp(this.clock.now()) } };
    return this.store.create(key, obj);
  }

  /** UPDATE (PUT): optimistic concurrency on resourceVersion; `status` writes only the status. */
  update(r: SimResource, ns: string | undefined, name: string, body: unknown, subresource?: string, dryRun = false): KubeObject {
    if (r.view) return r.view.to(this.update(this.viewed(r), ns, name, r.view.from(this.prepare(r, ns, body)), subresource, dryRun));
    const prev = this.get(r, ns, name);
    const obj = this.prepare(r, ns, body);
    if (obj.metadata!.name !== name) throw badRequest(`the name of the object (${obj.metadata!.name}) does not match the name on the URL (${name})`);
    const rv = obj.metadata!.resourceVersion;
    if (rv && rv !== prev.metadata?.resourceVersion) throw conflict(r, name);
    return this.write(r, prev, obj, subresource, dryRun);
  }

  /** PATCH: merge, strategic-merge or JSON patch of the stored object. */
  patch(r: SimResource, ns: string | undefined, name: string, contentType: string, body: unknown, subresource?: string, dryRun = false): KubeObject {
    if (r.view) {
      // Patched as the view shows the object, stored as what it views.
      const viewed = applyPatch(contentType, structuredClone(this.get(r, ns, name)), body);
      if (!viewed || typeof viewed !== 'object') throw badRequest('patch produced an invalid object');
      return r.view.to(this.update(this.viewed(r), ns, name, r.view.from(this.prepare(r, ns, viewed)), subresource, dryRun));
    }
    const prev = this.get(r, ns, name);
    // The custom resource handler knows no strategic merge (no Go struct to read patch strategies from).
    if (r.crd && contentType.split(';')[0].trim() === 'application/strategic-merge-patch+json') {
      throw new StatusError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
    }
    const patched = applyPatch(contentType, structuredClone(prev), body);
    if (!patched || typeof patched !== 'object') throw badRequest('patch produced an invalid object');
    const obj = this.prepare(r, ns, patched);
    if (obj.metadata!.name !== name) throw badRequest(`the name of the object (${obj.metadata!.name}) does not match the name on the URL (${name})`);
    const rv = obj.metadata!.resourceVersion;
    if (rv && rv !== prev.metadata?.resourceVersion) throw conflict(r, name);
    return this.write(r, prev, obj, subresource, dryRun);
  }

  /** DELETE: graceful for scheduled pods and objects with finalizers, immediate otherwise. */
  delete(r: SimResource, ns: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    if (r.view) return r.view.to(this.delete(this.viewed(r), ns, name, opts));
    const key = resourceKey(r);
    const prev = this.get(r, ns, name);
    checkPreconditions(r, prev, opts.preconditions);
    const graceful = this.gracePeriod(key, prev, opts);
    if (opts.dryRun) return prev;
    if (opts.propagationPolicy === 'Orphan') this.orphanDependents(prev);
    // Foreground: the object stays, marked, until the garbage collector has deleted what it owns.
    if (opts.propagationPolicy === 'Foreground' && key !== 'pods') {
      if (prev.metadata?.deletionTimestamp) return prev;
      const finalizers = [...new Set([...(prev.metadata?.finalizers ?? []), 'foregroundDeletion'])];
      return this.store.update(key, { ...prev, metadata: { ...prev.metadata, finalizers, deletionTimestamp: timestamp(this.clock.now()), deletionGracePeriodSeconds: 0 } });
    }
    if (graceful !== undefined || prev.metadata?.finalizers?.length) {
      if (prev.metadata?.deletionTimestamp) return prev;
      const grace = graceful ?? 0;
      const metadata = { ...prev.metadata, deletionTimestamp: timestamp(this.clock.now() + grace * 1000), deletionGracePeriodSeconds: grace };
      const status = key === 'namespaces' ? { ...prev.status, phase: 'Terminating' } : prev.status;
      return this.store.update(key, { ...prev, metadata, ...(status ? { status } : {}) });
    }
    return this.store.remove(key, ns, name)!;
  }

  /** The grace period of a delete, or undefined when the object goes at once. */
  private gracePeriod(key: string, obj: KubeObject, opts: DeleteOptions): number | undefined {
    if (key === 'namespaces') return 0;
    if (key !== 'pods' || !obj.spec?.nodeName || obj.status?.phase === 'Succeeded' || obj.status?.phase === 'Failed') return undefined;
    const grace = opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
    return grace === 0 ? undefined : grace;
  }

  private orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata?.uid;
    for (const dep of this.registry.all()) {
      const key = resourceKey(dep);
      for (const o of this.store.list(key)) {
        const refs = o.metadata?.ownerReferences;
        if (!refs?.some((ref) => ref.uid === uid)) continue;
        this.store.update(key, { ...o, metadata: { ...o.metadata, ownerReferences: refs.filter((ref) => ref.uid !== uid) } });
      }
    }
  }

  private write(r: SimResource, prev: KubeObject, obj: KubeObject, subresource?: string, dryRun = false): KubeObject {
    const key = resourceKey(r);
    let next: KubeObject;
    if (subresource === 'status') next = { ...prev, status: obj.status };
    else {
      next = r.hasStatus ? { ...obj, status: prev.status } : obj;
      if (prev.metadata?.deletionTimestamp) {
        next.metadata = { ...next.metadata, deletionTimestamp: prev.metadata.deletionTimestamp, deletionGracePeriodSeconds: prev.metadata.deletionGracePeriodSeconds };
      }
      // A replaced Service keeps what the server allocated (clusterIP, nodePorts).
      if (key === 'services') keepAllocated(prev, next);
      this.defaults(r, next);
      validate(r, key, next);
      validateUpdate(r, key, prev, next);
    }
    if (dryRun) return next;
    const stored = this.store.update(key, next);
    // An object whose deletion waited on finalizers goes once the last one is removed.
    if (stored.metadata?.deletionTimestamp && !stored.metadata.finalizers?.length && key !== 'pods' && key !== 'namespaces') {
      return this.store.remove(key, stored.metadata.namespace, stored.metadata.name!)!;
    }
    return stored;
  }

  /** Checks a body's shape and aligns its apiVersion, kind and namespace with the URL. */
  private prepare(r: SimResource, ns: string | undefined, body: unknown): KubeObject {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request must be a JSON object');
    const obj = structuredClone(body) as KubeObject;
    if (obj.kind !== undefined && obj.kind !== r.kind) {
      // The decoder's words: the body's kind cannot be converted to the resource's internal type.
      const version = String(obj.apiVersion ?? '').split('/').pop() || r.version;
      throw badRequest(`${String(obj.kind)} in version "${version}" cannot be handled as a ${r.kind}: converting (${version}.${String(obj.kind)}) to (${r.group ? r.group.split('.')[0] : 'core'}.${r.kind}): unknown conversion`);
    }
    if (obj.metadata !== undefined && (obj.metadata === null || typeof obj.metadata !== 'object' || Array.isArray(obj.metadata))) throw badRequest('metadata must be an object');
    checkMetadataTypes((obj.metadata ?? {}) as Record<string, unknown>);
    for (const f of ['spec', 'status']) {
      const v = obj[f];
      if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) {
        throw badRequest(`json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go struct field ${r.kind}.${f} of type object`);
      }
    }
    obj.apiVersion = apiVersionOf(r);
    obj.kind = r.kind;
    obj.metadata = { ...(obj.metadata ?? {}) };
    if (r.namespaced) {
      const bodyNs = obj.metadata.namespace;
      if (bodyNs && ns && bodyNs !== ns) {
        throw badRequest(`the namespace of the provided object does not match the namespace sent on the request`);
      }
      obj.metadata.namespace = ns ?? bodyNs ?? 'default';
    } else delete obj.metadata.namespace;
    delete obj.metadata.managedFields;
    return obj;
  }

  /** Built-in defaults, or for a custom resource those of its CRD's schema. */
  private defaults(r: SimResource, obj: KubeObject): void {
    if (r.crd) defaultFromSchema(versionSchema(this.store.get('customresourcedefinitions.apiextensions.k8s.io', undefined, r.crd.name), r.version), obj);
    else applyDefaults(resourceKey(r), obj);
  }

  /** The resource a view shows the objects of. */
  private viewed(r: SimResource): SimResource {
    return this.registry.get(r.view!.of)!;
  }

  private expireSnapshots(): void {
    const now = Date.now();
    for (const [id, s] of this.snapshots) if (s.expires < now) this.snapshots.delete(id);
  }
}
