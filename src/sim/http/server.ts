import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { StatusError } from '../api/status-error.js';
import { answerAggregatedDiscovery } from './aggregated-discovery.js';
import { authenticate, type UserInfo } from '../auth/authenticate.js';
import { authFailureHeaders, forbidden, unauthorized } from '../auth/forbidden.js';
import { MASTERS_GROUP } from '../auth/rbac-authorizer.js';
import { requestAttributes } from '../auth/request-info.js';
import { apiGroup, apiGroups, apiVersions, resourceList, SIM_VERSION } from './discovery.js';
import { handleResource, type HandlerContext } from './handlers.js';
import { openApiGroupVersion, openApiRoot } from './openapi.js';
import { sendError, sendJson } from './respond.js';
import { route } from './routes.js';
import { parseProxyPath } from '../app/proxy-path.js';
import { SIM_TLS } from './sim-tls.js';
import { CostCounter } from './cost-counter.js';
import { STREAM_SUBRESOURCES } from '../exec/pod-streams.js';
import { refuseUpgrade } from '../exec/stream-channels.js';
import type { Duplex } from 'node:stream';

// The first byte of a TLS ClientHello (a handshake record).
const TLS_HANDSHAKE = 0x16;

/** One request as the simulator's request log records it. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  /** The Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
}

/** Decides, before routing, whether a fault answers a request instead of the server. */
export type RequestInterceptor = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

// A TLS socket wraps the accepted connection (`_parent`): its bytes are the TLS records a client reads.
const rawSocket = (req: IncomingMessage) => ((req.socket as Socket & { _parent?: Socket })._parent ?? req.socket) as Socket;

function verbOf(method: string, hasName: boolean, watch: boolean): string {
  if (method === 'GET') return watch ? 'watch' : hasName ? 'get' : 'list';
  if (method === 'POST') return 'create';
  if (method === 'PUT') return 'update';
  if (method === 'PATCH') return 'patch';
  if (method === 'DELETE') return hasName ? 'delete' : 'deletecollection';
  return method.toLowerCase();
}

/**
 * The simulated cluster's HTTP front: discovery, resources, logs; every error a Status. One port
 * speaks both plain HTTP and HTTPS (told apart by the first byte): kubectl sends bearer tokens
 * only over TLS, client-node over either.
 */
export class SimHttpServer {
  readonly requests: LoggedRequest[] = [];
  /** Requests by verb, wire bytes and open watches since the start (never trimmed, unlike `requests`). */
  readonly cost = new CostCounter();
  interceptor: RequestInterceptor | undefined;
  private readonly server: NetServer;
  private readonly plain: Server;
  private readonly tls: TlsServer;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly ctx: HandlerContext, private readonly requestLogLimit = 100_000) {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.plain = createServer(handler);
    this.tls = createTlsServer({ key: SIM_TLS.key, cert: SIM_TLS.cert }, handler);
    const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head);
    this.plain.on('upgrade', upgrade);
    this.tls.on('upgrade', upgrade);
    this.server = createNetServer((s) => {
      this.sockets.add(s);
      this.cost.connection(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => s.destroy());
      s.once('data', (first: Buffer) => {
        s.pause();
        s.unshift(first);
        (first[0] === TLS_HANDSHAKE ? this.tls : this.plain).emit('connection', s);
        process.nextTick(() => s.resume());
      });
    });
  }

  /** Starts listening on 127.0.0.1; port 0 picks a free port. */
  listen(port = 0, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting connections and cuts the open ones (an API server going down); `listen` again to come back. */
  async goDown(): Promise<void> {
    await this.close();
  }

  /** Stops listening and cuts every open connection. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      for (const s of this.sockets) s.destroy();
      this.server.close(() => resolve());
    });
  }

  /** How many TCP connections are open, for leak checks. */
  connectionCount(): number {
    return this.sockets.size;
  }

  /** Group versions whose (aggregated) API server is down: Stale in aggregated discovery, 503 on their paths. */
  readonly staleGroupVersions = new Set<string>();

  /** Why a request is refused before it reaches the API, or undefined: a snapshot refuses every write (see snapshot-refusal). */
  refusal: ((method: string, pathname: string) => StatusError | undefined) | undefined;

  /** Handles `/kdrill-sim/...` requests (fault switches) before the Kubernetes API; returns whether it did. */
  admin: RequestInterceptor | undefined;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      // The Date header tells the simulated clock's time, as a real server tells its own.
      res.setHeader('Date', new Date(this.ctx.api.clock.now()).toUTCString());
      const url = new URL(req.url ?? '/', 'http://sim');
      // The simulator's own switches are no API request: counted apart, so that cost figures show any.
      if (url.pathname.startsWith('/kdrill-sim/') && this.admin && (await this.admin(req, res))) return void this.cost.request('kdrill-sim', url.pathname, url.search);
      const r = route(this.ctx.api.registry, url.pathname);
      const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
      const proxy = parseProxyPath(url.pathname);
      // Logged before a fault answers it: the log is everything a client sent, refused or not.
      const verb = verbOf(req.method ?? 'GET', (r.type === 'resource' && !!r.name) || !!proxy, watch);
      this.log(req.method ?? 'GET', url, verb);
      // Counted by what they are: API server operators tell discovery (and /version, OpenAPI) from lists.
      this.cost.request(r.type === 'resource' || proxy ? verb : 'discovery', url.pathname, url.search, res, rawSocket(req));
      if (this.interceptor && (await this.interceptor(req, res))) return;
      const refused = this.refusal?.(req.method ?? 'GET', url.pathname);
      if (refused) throw refused;
      const user = this.authorize(req, res, url);
      if (!user) return;
      if (proxy && this.ctx.proxy) return await this.ctx.proxy.serve(req, res, proxy, url.search);
      if (r.type === 'resource' && r.resource.resource === 'pods' && r.subresource && STREAM_SUBRESOURCES.has(r.subresource)) throw new StatusError(400, 'BadRequest', 'Upgrade request required');
      if (url.pathname === '/openapi/v3' || url.pathname.startsWith('/openapi/v3/')) return this.openApi(res, url.pathname);
      switch (r.type) {
        case 'version':
          return sendJson(res, 200, SIM_VERSION);
        case 'health':
          res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
          return;
        case 'api-versions':
          if (answerAggregatedDiscovery(req, res, this.ctx.api.registry, true)) return;
          return sendJson(res, 200, apiVersions());
        case 'api-groups':
          if (answerAggregatedDiscovery(req, res, this.ctx.api.registry, false, this.staleGroupVersions)) return;
          return sendJson(res, 200, apiGroups(this.ctx.api.registry));
        case 'group':
          return sendJson(res, 200, apiGroup(this.ctx.api.registry, r.group));
        case 'resource-list':
          return sendJson(res, 200, resourceList(this.ctx.api.registry, r.groupVersion));
        case 'resource':
          return await handleResource(this.ctx, req, res, { ...r, query: url.searchParams, user });
        case 'bad-path':
          throw new StatusError(400, 'BadRequest', `invalid escape in request path: ${url.pathname}`);
        case 'unknown-resource':
          throw new StatusError(404, 'NotFound', `the server could not find the requested resource`);
        default:
          // Paths no API handler owns (an unknown group) get Go's plain-text NotFound, as a real server answers.
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end('404 page not found\n');
          return;
      }
    } catch (err) {
      sendError(res, err);
    }
  }

  /** Authentication then RBAC, before routing as a real server does: answers 401 or 403 and gives undefined when refused. */
  private authorize(req: IncomingMessage, res: ServerResponse, url: URL): UserInfo | undefined {
    const checked = this.check(req, url, req.method ?? 'GET');
    if (!(checked instanceof StatusError)) return checked;
    authFailureHeaders(res, checked.code);
    sendError(res, checked);
    return undefined;
  }

  /** The user a request is authenticated as and authorized for, or the 401 or 403 refusing it. */
  private check(req: IncomingMessage, url: URL, method: string): UserInfo | StatusError {
    const user = authenticate(req.headers.authorization, this.ctx.api.store);
    if (!user) return unauthorized();
    // The cluster-admin (every benchmark request) skips parsing: its group is allowed everything.
    if (user.groups.includes(MASTERS_GROUP)) return user;
    const attrs = requestAttributes(method, url.pathname, url.searchParams);
    const decision = this.ctx.authorizer.authorize(user, attrs);
    return decision.allowed ? user : forbidden(user.username, attrs, decision.reason);
  }

  /**
   * A WebSocket upgrade: `pods/exec`, `pods/attach` and `pods/portforward`. Authorized as `create` on the
   * subresource whatever the method (a WebSocket handshake is a GET), as the API server does since 1.31.
   */
  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://sim');
    const r = route(this.ctx.api.registry, url.pathname);
    const streams = r.type === 'resource' && r.resource.resource === 'pods' && !r.resource.group && r.namespace && r.name && r.subresource && STREAM_SUBRESOURCES.has(r.subresource);
    this.log(req.method ?? 'GET', url, streams ? 'create' : 'get');
    this.cost.request(streams ? 'create' : 'get', url.pathname, url.search);
    if (!streams || !this.ctx.streams) return refuseUpgrade(socket, new StatusError(400, 'BadRequest', 'Upgrade request not supported on this path'));
    const checked = this.check(req, url, 'POST');
    if (checked instanceof StatusError) return refuseUpgrade(socket, checked);
    await this.ctx.streams.upgrade(req, socket, head, r.namespace!, r.name!, r.subresource!, url.searchParams);
  }

  private openApi(res: ServerResponse, pathname: string): void {
    const registry = this.ctx.api.registry;
    const doc = pathname === '/openapi/v3' ? openApiRoot(registry) : openApiGroupVersion(registry, pathname.slice('/openapi/v3/'.length));
    if (!doc) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    sendJson(res, 200, doc);
  }

  private log(method: string, url: URL, verb: string): void {
    this.requests.push({ method, path: url.pathname, query: url.search, verb });
    if (this.requests.length > this.requestLogLimit) this.requests.splice(0, this.requests.length - this.requestLogLimit);
  }
}
