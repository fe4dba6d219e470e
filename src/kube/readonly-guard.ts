/**
 * The subresources a read-only session may GET. Everything else under an object is refused, because
 * the "connect" subresources (pods/exec, pods/attach, pods/portforward, pods/proxy, services/proxy,
 * nodes/proxy, and an aggregated API's own, such as a VM console) answer a GET with a stream into the
 * workload, or a request the workload acts on: a GET there is not a read.
 */
const READABLE_SUBRESOURCES = new Set(['log', 'status', 'scale']);

/**
 * Why a read-only session must not send this request, or undefined when it may: only GET, and no
 * GET to a subresource outside READABLE_SUBRESOURCES (nor to the old `/api/v1/proxy/...` paths).
 * `pathname` is the URL's normalised path (no `..` left), as the request will carry it; `basePath` is the
 * server URL's own path (a proxy such as Rancher serves a cluster under one), which the API paths follow.
 */
export function readonlyRefusal(method: string, pathname: string, basePath = ''): string | undefined {
  // Node sends the method upper-cased.
  if (method.toUpperCase() !== 'GET') return 'kdrill runs read-only (--readonly): it sends only get, list and watch requests';
  const base = basePath.replace(/\/+$/, '');
  if (base && !pathname.startsWith(`${base}/`)) return 'kdrill runs read-only (--readonly): the request leaves the server\'s path';
  let parts: string[];
  try {
    // The API server decodes the path before routing: `%65xec` is `exec` to it, and `x%2Fexec` is `x/exec`.
    parts = decodeURIComponent(pathname.slice(base.length)).toLowerCase().split('/').filter(Boolean);
  } catch {
    return 'kdrill runs read-only (--readonly): the request path is not valid';
  }
  const rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : [];
  // namespaces/<ns>/<resource>/<name>/<subresource>; namespaces/<name>/status is read the same way (as resource "status").
  const [resource, , subresource] = rest[0] === 'namespaces' && rest.length >= 3 ? rest.slice(2) : rest;
  if (resource === 'proxy') return 'kdrill runs read-only (--readonly): it does not proxy to workloads';
  if (subresource !== undefined && !READABLE_SUBRESOURCES.has(subresource)) {
    return `kdrill runs read-only (--readonly): it does not open ${resource}/${subresource} (exec, attach, port-forward and proxy reach into workloads)`;
  }
  return undefined;
}
