import type { ResourceRegistry, SimResource } from '../resources.js';

/** What a request path addresses. */
export type Route =
  | { type: 'version' }
  | { type: 'health' }
  | { type: 'api-versions' }
  | { type: 'api-groups' }
  | { type: 'group'; group: string }
  | { type: 'resource-list'; groupVersion: string }
  | { type: 'resource'; resource: SimResource; namespace?: string; name?: string; subresource?: string }
  | { type: 'unknown-resource'; groupVersion: string; resource: string }
  | { type: 'bad-path' }
  | { type: 'not-found' };

/** Parses a request path against the served resources. */
export function route(registry: ResourceRegistry, pathname: string): Route {
  let parts: string[];
  try {
    parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { type: 'bad-path' };
  }
  if (pathname === '/version' || pathname === '/version/') return { type: 'version' };
  if (['healthz', 'readyz', 'livez'].includes(parts[0] ?? '') && parts.length === 1) return { type: 'health' };
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { type: 'api-versions' };
    [group, version, rest] = ['', parts[1], parts.slice(2)];
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { type: 'api-groups' };
    if (parts.length === 2) return registry.groupVersions().some((gv) => gv.startsWith(parts[1] + '/')) ? { type: 'group', group: parts[1] } : { type: 'not-found' };
    [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  } else return { type: 'not-found' };
  const gv = group ? `${group}/${version}` : version;
  if (!registry.inGroupVersion(gv).length) {
    // A known group's unknown version is a JSON 404 from the group's handler; an unknown group reaches no handler.
    const knownGroup = group !== '' && registry.groupVersions().some((v) => v.startsWith(group + '/'));
    return knownGroup ? { type: 'unknown-resource', groupVersion: gv, resource: rest[0] ?? '' } : { type: 'not-found' };
  }
  if (rest.length === 0) return { type: 'resource-list', groupVersion: gv };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const inner = registry.lookup(group, version, rest[2]);
    if (inner?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const resource = registry.lookup(group, version, rest[0]);
  if (!resource) return { type: 'unknown-resource', groupVersion: gv, resource: rest[0] };
  if (rest.length > 3) return { type: 'not-found' };
  return { type: 'resource', resource, namespace, name: rest[1], subresource: rest[2] };
}
