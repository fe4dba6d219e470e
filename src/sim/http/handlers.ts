import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../model/types.js';
import type { SimApi } from '../api/api-server.js';
import type { PodStreams } from '../exec/pod-streams.js';
import type { ApiProxy } from '../app/api-proxy.js';
import { applyPatch } from '../api/patch.js';
import { evictPod } from '../api/eviction.js';
import { badRequest, StatusError } from '../api/status-error.js';
import type { UserInfo } from '../auth/authenticate.js';
import type { RbacAuthorizer } from '../auth/rbac-authorizer.js';
import { answerReview } from '../auth/reviews.js';
import { apiVersionOf, resourceKey, type SimResource } from '../resources.js';
import type { MetricsApi } from '../metrics/metrics-api.js';
import { resourceVerbs } from './discovery-order.js';
import { checkAcceptable, checkContentType, ENDPOINTS_WARNING, listBody, partialObjectMetadata, wantsMetadataOnly } from './list-body.js';
import { readJson, sendJson } from './respond.js';
import { tableColumns, toTable, wantsTable } from './table.js';
import { serveWatch, type WatchConfig, type WatchRegistry } from './watch.js';
import { sendInitialEventsParam, watchListInvalid } from './watch-list.js';

/** What the resource handlers need from the simulated cluster. */
export interface HandlerContext {
  api: SimApi;
  watches: WatchRegistry;
  watchConfig: WatchConfig;
  authorizer: RbacAuthorizer;
  serveLogs(req: IncomingMessage, res: ServerResponse, pod: KubeObject, query: URLSearchParams): void;
  /** metrics.k8s.io, when served. */
  metrics?: MetricsApi;
  /** `pods/proxy` and `services/proxy` (absent: those paths are not served). */
  proxy?: ApiProxy;
  /** `pods/exec`, `pods/attach`, `pods/portforward` over WebSocket (absent: not served). */
  streams?: PodStreams;
}

/** A resource request after routing. */
export interface ResourceRequest {
  resource: SimResource;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  /** Who sent it (the review kinds answer about this user). */
  user: UserInfo;
}

function intParam(q: URLSearchParams, name: string): number | null {
  const v = q.get(name);
  if (v === null || v === '') return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid value for ${name}: ${JSON.stringify(v)}`);
  return n;
}

function listKind(r: SimResource): string {
  return `${r.kind}List`;
}

function toScale(obj: KubeObject): KubeObject {
  const selector = obj.spec?.selector?.matchLabels ? Object.entries(obj.spec.selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(',') : '';
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: obj.metadata?.name, namespace: obj.metadata?.namespace, uid: obj.metadata?.uid, resourceVersion: obj.metadata?.resourceVersion, creationTimestamp: obj.metadata?.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector },
  };
}

// Kinds whose immediate delete answers with the deleted object rather than a Status.
const RETURNS_DELETED_OBJECT = new Set(['pods', 'serviceaccounts', 'storageclasses.storage.k8s.io']);

/** What a DELETE answers: the object while it is terminating (or for some kinds), else a Success Status. */
function deleteResponse(r: SimResource, obj: KubeObject): unknown {
  if (obj.metadata?.deletionTimestamp || RETURNS_DELETED_OBJECT.has(r.group ? `${r.resource}.${r.group}` : r.resource)) return obj;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: obj.metadata?.name, ...(r.group ? { group: r.group } : {}), kind: r.resource, uid: obj.metadata?.uid },
  };
}

/** Handles GET/LIST/WATCH/POST/PUT/PATCH/DELETE on a resource, its objects and subresources. */
export async function handleResource(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, rr: ResourceRequest): Promise<void> {
  const { api } = ctx;
  const { resource: r, namespace: ns, name, subresource, query: q } = rr;
  const method = req.method ?? 'GET';
  const table = wantsTable(req.headers.accept);
  const metadataOnly = wantsMetadataOnly(req.headers.accept);
  checkAcceptable(req.headers.accept);
  if (resourceKey(r) === 'endpoints') res.setHeader('Warning', ENDPOINTS_WARNING);
  const now = api.clock.now();
  const encodeOne = (obj: KubeObject) =>
    table ? toTable(tableColumns(api.store, r), [obj], now, { resourceVersion: obj.metadata?.resourceVersion }, q.get('includeObject')) : metadataOnly ? partialObjectMetadata(obj) : obj;

  if (r.computed && ctx.metrics) return sendJson(res, 200, ctx.metrics.answer({ resource: r, namespace: ns, name, method, query: q }));
  if (r.verbs) {
    // The review kinds are create-only: answered from the posted spec, never stored.
    if (method !== 'POST' || name) throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
    const reviews = { authorizer: ctx.authorizer, store: api.store, now: () => api.clock.now() };
    return sendJson(res, 201, answerReview(reviews, r, rr.user, await readJson(req), ns));
  }
  if (subresource && !r.subresources.includes(subresource)) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  if (subresource === 'log') {
    if (method !== 'GET') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
    ctx.serveLogs(req, res, api.get(r, ns, name!), q);
    return;
  }
  if (subresource === 'scale') return handleScale(api, req, res, r, ns, name!, q.get('dryRun') === 'All');
  if (subresource === 'eviction') {
    if (method !== 'POST') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
    checkContentType(req.headers['content-type']);
    return sendJson(res, 201, evictPod(api, r, ns!, name!, (await readJson(req)) as KubeObject | undefined));
  }

  const dryRunParam = q.get('dryRun');
  if (dryRunParam !== null && dryRunParam !== 'All') throw new StatusError(400, 'BadRequest', `dryRun: Unsupported value: "${dryRunParam}": supported values: "All"`);
  const dryRun = dryRunParam === 'All';
  const watch = q.get('watch') === 'true' || q.get('watch') === '1';
  if (method === 'GET' && (watch || !name)) {
    const selectors = { labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector') };
    const rvParam = q.get('resourceVersion');
    if (rvParam && !/^\d+$/.test(rvParam)) throw new StatusError(400, 'BadRequest', `invalid resource version: ${JSON.stringify(rvParam)}`);
    const invalidList = watchListInvalid(q, watch);
    if (invalidList) throw invalidList;
    if (watch) {
      serveWatch(api, ctx.watches, ctx.watchConfig, req, res, {
        resource: r,
        namespace: ns,
        name,
        ...selectors,
        resourceVersion: q.get('resourceVersion'),
        timeoutSeconds: intParam(q, 'timeoutSeconds'),
        allowBookmarks: q.get('allowWatchBookmarks') === 'true',
        sendInitialEvents: sendInitialEventsParam(q),
        // The store holds what a view views (core events for events.k8s.io): converted before encoding.
        encode: r.view ? (o: KubeObject) => encodeOne(r.view!.to(o)) : encodeOne,
      });
      return;
    }
    if (q.get('resourceVersionMatch') === 'Exact' && rvParam && Number(rvParam) < api.store.resourceVersion) {
      // The simulator keeps no past states to list from: an older exact version is gone, as after a compaction.
      throw new StatusError(410, 'Expired', 'The resourceVersion for the provided list is too old.');
    }
    const page = api.list(r, ns, { ...selectors, limit: intParam(q, 'limit') ?? undefined, continueToken: q.get('continue') });
    const meta = { resourceVersion: page.resourceVersion, ...(page.continueToken ? { continue: page.continueToken, remainingItemCount: page.remainingItemCount } : {}) };
    if (table) sendJson(res, 200, toTable(tableColumns(api.store, r), page.items, now, meta, q.get('includeObject')));
    else sendJson(res, 200, listBody(r, page, req.headers.accept));
    return;
  }
  if (method === 'GET') return sendJson(res, 200, encodeOne(api.get(r, ns, name!)));
  if (method === 'POST' || method === 'PUT') checkContentType(req.headers['content-type']);
  if (method === 'POST' && !name) return sendJson(res, 201, api.create(r, ns, await readJson(req), dryRun));
  if (method === 'PUT' && name) return sendJson(res, 200, api.update(r, ns, name, await readJson(req), subresource, dryRun));
  if (method === 'PATCH' && name) {
    return sendJson(res, 200, api.patch(r, ns, name, req.headers['content-type'] ?? '', await readJson(req), subresource, dryRun));
  }
  if (method === 'DELETE') {
    if (!name && !resourceVerbs(r).includes('deletecollection')) throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const body = ((await readJson(req)) ?? {}) as Record<string, any>;
    const grace = intParam(q, 'gracePeriodSeconds') ?? (Number.isInteger(body.gracePeriodSeconds) ? body.gracePeriodSeconds : undefined);
    const opts = { gracePeriodSeconds: grace ?? undefined, propagationPolicy: q.get('propagationPolicy') ?? body.propagationPolicy, dryRun, preconditions: body.preconditions };
    if (name) return sendJson(res, 200, deleteResponse(r, api.delete(r, ns, name, opts)));
    const victims = api.list(r, ns, { labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector') }).items;
    const items = victims.map((o) => api.delete(r, o.metadata?.namespace, o.metadata!.name!, opts));
    return sendJson(res, 200, { kind: listKind(r), apiVersion: apiVersionOf(r), metadata: {}, items });
  }
  throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

async function handleScale(api: SimApi, req: IncomingMessage, res: ServerResponse, r: SimResource, ns: string | undefined, name: string, dryRun: boolean): Promise<void> {
  const method = req.method ?? 'GET';
  const obj = api.get(r, ns, name);
  if (method === 'GET') return sendJson(res, 200, toScale(obj));
  const body = (await readJson(req)) as KubeObject | undefined;
  let replicas: unknown;
  if (method === 'PUT') replicas = body?.spec?.replicas;
  else if (method === 'PATCH') {
    replicas = applyPatch(req.headers['content-type'] ?? '', toScale(obj), body).spec?.replicas;
  } else throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
  if (!Number.isInteger(replicas) || (replicas as number) < 0) {
    throw new StatusError(422, 'Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
  }
  const updated = api.patch(r, ns, name, 'application/merge-patch+json', { spec: { replicas } }, undefined, dryRun);
  sendJson(res, 200, toScale(updated));
}
