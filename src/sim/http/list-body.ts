import type { KubeObject } from '../../model/types.js';
import type { ListResult } from '../api/api-server.js';
import { StatusError } from '../api/status-error.js';
import { apiVersionOf, type SimResource } from '../resources.js';

const META = 'meta.k8s.io/v1';

/** Whether an Accept header asks for metadata only (`as=PartialObjectMetadataList` / `as=PartialObjectMetadata`). */
export function wantsMetadataOnly(accept: string | undefined): boolean {
  return !!accept && /as=PartialObjectMetadata(List)?\b/.test(accept);
}

/** An object as `as=PartialObjectMetadata` returns it. */
export function partialObjectMetadata(o: KubeObject): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: META, metadata: o.metadata };
}

/**
 * A LIST body as a real server writes it. Built-in lists: `resourceVersion`, then `continue` and
 * `remainingItemCount` only when there is a next page; items without kind and apiVersion.
 * Custom resource lists (the apiextensions server): keys sorted, `continue` always there ("" on
 * the last page), items with kind and apiVersion.
 */
export function listBody(r: SimResource, page: ListResult, accept: string | undefined): unknown {
  const next = page.continueToken ? { continue: page.continueToken, remainingItemCount: page.remainingItemCount } : {};
  if (wantsMetadataOnly(accept)) {
    return { kind: 'PartialObjectMetadataList', apiVersion: META, metadata: { resourceVersion: page.resourceVersion, ...next }, items: page.items.map(partialObjectMetadata) };
  }
  if (r.crd) {
    const metadata = { continue: page.continueToken ?? '', ...(page.continueToken ? { remainingItemCount: page.remainingItemCount } : {}), resourceVersion: page.resourceVersion };
    return { apiVersion: apiVersionOf(r), items: page.items, kind: `${r.kind}List`, metadata };
  }
  const items = page.items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
  return { kind: `${r.kind}List`, apiVersion: apiVersionOf(r), metadata: { resourceVersion: page.resourceVersion, ...next }, items };
}

// Media types a real server can answer resource requests in; anything else is 406.
const SERVED = /^(application\/(json|yaml|vnd\.kubernetes\.protobuf|\*)|\*\/\*)/;

/** Refuses an Accept header naming no media type the server serves (`application/xml`), as a real server does. */
export function checkAcceptable(accept: string | undefined): void {
  if (!accept || !accept.trim()) return;
  if (accept.split(',').some((t) => SERVED.test(t.trim()))) return;
  throw new StatusError(406, 'NotAcceptable', '406: Not Acceptable\n\nAvailable representations: application/json, application/yaml, application/vnd.kubernetes.protobuf');
}

/** The warning every request for v1 Endpoints gets from a 1.33+ server. */
export const ENDPOINTS_WARNING = '299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"';

/** Refuses a create or update body in a media type the server cannot decode (`text/plain`) with 415. */
export function checkContentType(contentType: string | undefined): void {
  if (!contentType || /^application\/(json|yaml|vnd\.kubernetes\.protobuf)\s*(;|$)/.test(contentType.trim())) return;
  throw new StatusError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
}
