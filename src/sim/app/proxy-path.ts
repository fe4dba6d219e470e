/** A `pods/proxy` or `services/proxy` request path, taken apart as the API server's proxy REST storage does. */
export interface ProxyPath {
  resource: 'pods' | 'services';
  namespace: string;
  name: string;
  /** The port after `NAME:` (a number or a port name), '' when none. */
  port: string;
  /** The scheme before `NAME` (`https:NAME:PORT`), '' when none. */
  scheme: string;
  /** The path sent on to the container: everything after `/proxy`, at least `/`. */
  path: string;
}

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)\/([^/]+)\/proxy(\/.*)?$/;

/** Parses `/api/v1/namespaces/NS/pods/NAME[:PORT]/proxy/PATH` and `.../services/[SCHEME:]NAME[:PORT]/proxy/PATH`; undefined for other paths. */
export function parseProxyPath(pathname: string): ProxyPath | undefined {
  const m = PROXY_PATH.exec(pathname);
  if (!m) return undefined;
  let id: string;
  let namespace: string;
  try {
    id = decodeURIComponent(m[3]);
    namespace = decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
  const parts = id.split(':');
  // `scheme:name:port`, `name:port` or `name`, as the API server's SplitSchemeNamePort reads it.
  const [scheme, name, port] = parts.length === 3 ? parts : parts.length === 2 ? ['', parts[0], parts[1]] : ['', parts[0], ''];
  return { resource: m[2] as 'pods' | 'services', namespace, name, port, scheme, path: m[4] ?? '/' };
}
