/** What the authorizer is asked about one request, parsed from its method and URL as the API server's RequestInfoFactory does. */
export interface RequestAttributes {
  isResourceRequest: boolean;
  /** get, list, watch, create, update, patch, delete, deletecollection; for non-resource requests the lowercase method. */
  verb: string;
  /** The URL path, for non-resource requests (`/api`, `/version`). */
  path: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

// Namespace subresources stay on the namespace (`/api/v1/namespaces/x/status`) instead of naming a resource.
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);
const METHOD_VERBS: Record<string, string> = { POST: 'create', GET: 'get', HEAD: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
const SEGMENT_INVALID = /[/%]/;

/** The name a `metadata.name=x` field selector pins a list or watch to, as upstream reads it. */
function nameFromFieldSelector(selector: string | null): string {
  if (!selector) return '';
  const terms = selector.split(',');
  for (const t of terms) {
    const m = /^\s*metadata\.name\s*==?\s*(.*?)\s*$/.exec(t);
    if (m && m[1] && m[1] !== '.' && m[1] !== '..' && !SEGMENT_INVALID.test(m[1])) return m[1];
  }
  return '';
}

/** Parses a request as the authorizer sees it: resource requests under /api and /apis, everything else by path. */
export function requestAttributes(method: string, pathname: string, query: URLSearchParams): RequestAttributes {
  const info: RequestAttributes = { isResourceRequest: false, verb: method.toLowerCase(), path: pathname, apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '' };
  let parts: string[];
  try {
    parts = pathname.replace(/^\/+|\/+$/g, '').split('/').map(decodeURIComponent);
  } catch {
    return info;
  }
  if (parts[0] !== 'api' && parts[0] !== 'apis') return info;
  const grouped = parts[0] === 'apis';
  if (parts.length < (grouped ? 3 : 2)) return info;
  info.isResourceRequest = true;
  info.apiGroup = grouped ? parts[1] : '';
  info.apiVersion = grouped ? parts[2] : parts[1];
  let rest = parts.slice(grouped ? 3 : 2);
  if (rest.length === 0 || rest[0] === '') {
    // `/api/v1` and `/apis/g/v` are discovery documents, authorized by path.
    return { ...info, isResourceRequest: false };
  }
  if (rest[0] === 'watch' || rest[0] === 'proxy') {
    info.verb = rest[0];
    rest = rest.slice(1);
  } else info.verb = METHOD_VERBS[method] ?? '';
  if (rest[0] === 'namespaces') {
    if (rest.length > 1) {
      info.namespace = rest[1];
      if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) rest = rest.slice(2);
    }
  }
  if (rest.length >= 3 && info.verb !== 'proxy') info.subresource = rest[2];
  if (rest.length >= 2) info.name = rest[1];
  info.resource = rest[0] ?? '';
  if (!info.name && info.verb === 'get') {
    const watch = (query.get('watch') ?? '').toLowerCase();
    info.verb = watch && watch !== 'false' && watch !== '0' ? 'watch' : 'list';
    info.name = nameFromFieldSelector(query.get('fieldSelector'));
  }
  if (!info.name && info.verb === 'delete') info.verb = 'deletecollection';
  return info;
}
