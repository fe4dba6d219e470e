import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError } from '../api/status-error.js';
import type { ResourceRegistry, SimResource } from '../resources.js';
import { resourceVerbs, sortGroups, subresourceKind, subresourceVerbs } from './discovery-order.js';

/** The media type of aggregated discovery (apidiscovery.k8s.io/v2), as the server names it in Content-Type. */
export const AGGREGATED_DISCOVERY_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/**
 * What an Accept header asks of `/api` or `/apis`: aggregated discovery (v2), the legacy lists,
 * or nothing the server serves (only v2beta1 aggregated discovery, no longer served: 406).
 */
export function discoveryFormat(accept: string | undefined): 'aggregated' | 'legacy' | 'not-acceptable' {
  const types = (accept ?? '').split(',').map((t) => t.trim().replace(/\s+/g, ''));
  if (types.some((t) => t.includes('as=APIGroupDiscoveryList') && t.includes('g=apidiscovery.k8s.io') && t.includes('v=v2') && !t.includes('v=v2beta1'))) return 'aggregated';
  const plain = types.some((t) => t === '' || t.startsWith('*/*') || t.startsWith('application/*') || (/^application\/json(;|$)/.test(t) && !t.includes('as=')));
  if (plain || !types.some((t) => t.includes('as=APIGroupDiscoveryList'))) return 'legacy';
  return 'not-acceptable';
}

function kindRef(r: SimResource, kind: string): { group: string; version: string; kind: string } {
  // Built-ins name their response kind relative to their own group; custom resources name it in full.
  return r.crd ? { group: r.group, version: r.version, kind } : { group: '', version: '', kind };
}

function resourceEntry(r: SimResource): unknown {
  const subs = [...r.subresources].sort();
  return {
    resource: r.resource,
    responseKind: kindRef(r, r.kind),
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: resourceVerbs(r),
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
    ...(subs.length
      ? {
          subresources: subs.map((sub) => ({
            subresource: sub,
            responseKind: subresourceKind(sub) ?? kindRef(r, r.kind),
            verbs: subresourceVerbs(sub),
          })),
        }
      : {}),
  };
}

/** `/api` (core) or `/apis` (named groups) as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean, stale: ReadonlySet<string> = new Set()): unknown {
  const gvs = registry.groupVersions();
  const groups = core ? [''] : sortGroups([...new Set(gvs.filter((gv) => gv.includes('/')).map((gv) => gv.split('/')[0]))]);
  const items = groups.map((group) => {
    const versions = core ? ['v1'] : gvs.filter((gv) => gv.startsWith(group + '/')).map((gv) => gv.slice(group.length + 1));
    return {
      metadata: group ? { name: group } : {},
      // An aggregated API whose server is down is listed Stale, without its resources, as a real server does.
      versions: versions.map((version) => stale.has(`${group}/${version}`) ? { version, freshness: 'Stale' } : ({
        version,
        resources: registry
          .inGroupVersion(group ? `${group}/${version}` : version)
          .slice()
          .sort((a, b) => (a.resource < b.resource ? -1 : 1))
          .map(resourceEntry),
        freshness: 'Current',
      })),
    };
  });
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

/** Answers aggregated discovery with its ETag (a 304 when the client has it) or the 406 for v2beta1. */
export function sendAggregatedDiscovery(req: IncomingMessage, res: ServerResponse, registry: ResourceRegistry, core: boolean, stale?: ReadonlySet<string>): void {
  const text = JSON.stringify(aggregatedDiscovery(registry, core, stale));
  const etag = `"${createHash('sha512').update(text).digest('hex').toUpperCase()}"`;
  const headers = { 'Cache-Control': 'public', ETag: etag, Vary: 'Accept' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': AGGREGATED_DISCOVERY_TYPE, 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/** The 406 a server answers to discovery in a media type it no longer serves. */
export function discoveryNotAcceptable(): StatusError {
  const e = new StatusError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  e.omitDetails = true;
  return e;
}

/** Answers `/api` or `/apis` when the client asked for aggregated discovery; false leaves the legacy answer to the caller. */
export function answerAggregatedDiscovery(req: IncomingMessage, res: ServerResponse, registry: ResourceRegistry, core: boolean, stale?: ReadonlySet<string>): boolean {
  const format = discoveryFormat(req.headers.accept);
  if (format === 'not-acceptable') throw discoveryNotAcceptable();
  if (format === 'legacy') return false;
  sendAggregatedDiscovery(req, res, registry, core, stale);
  return true;
}
