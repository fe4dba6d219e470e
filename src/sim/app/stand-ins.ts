import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { GATEWAY_ADDRESS } from '../controllers/gateway-controller.js';
import { INGRESS_ADDRESS } from '../controllers/ingress-controller.js';
import { SIM_TLS } from '../http/sim-tls.js';
import type { ImageCatalog } from '../images.js';
import type { ObjectStore } from '../store.js';
import { entryHandler } from './entry-router.js';
import { edgeHandler } from './edge-stand-in.js';
import type { EdgeConfig } from '../../model/edge/edge-types.js';

/** A loopback address and port that stands in for one of the demo's fake addresses. */
export interface StandIn {
  host: string;
  port: number;
}

const INGRESS_IMAGE = /ingress-nginx\/controller/;

/**
 * Loopback listeners that play the demo's unreachable addresses: the ingress controller's address
 * (and the nodes where it listens on host ports) and the Gateway's, each on 80 (HTTP) and 443 (TLS,
 * the simulator's self-signed certificate). kdrill in demo mode connects to these in their place.
 */
export class StandIns {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly listeners = new Map<string, StandIn>();
  // Extra fake addresses (the edge's) registered by other parts of the simulator.
  private readonly extra = new Map<string, StandIn>();

  constructor(private readonly store: ObjectStore, private readonly images: ImageCatalog, private readonly now: () => number) {}

  /** Starts the listeners on 127.0.0.1 (free ports). */
  async start(): Promise<void> {
    for (const kind of ['ingress', 'gateway'] as const) {
      const handler = entryHandler(this.store, this.images, kind, this.now);
      this.listeners.set(`${kind}:80`, await this.listen(createServer(handler)));
      this.listeners.set(`${kind}:443`, await this.listen(createTlsServer({ key: SIM_TLS.key, cert: SIM_TLS.cert }, handler)));
    }
  }

  /** Adds a stand-in for another fake address (e.g. the edge proxy's), served by `handler` on a new loopback listener (TLS with the simulator's certificate when `tls`). */
  async add(address: string, port: number, handler: (req: IncomingMessage, res: ServerResponse) => void, tls = false): Promise<StandIn> {
    const s = await this.listen(tls ? createTlsServer({ key: SIM_TLS.key, cert: SIM_TLS.cert }, handler) : createServer(handler));
    this.extra.set(`${address}:${port}`, s);
    return s;
  }

  /** `address:port` → loopback stand-in, for the addresses as the cluster is now (nodes where the controller has host ports). */
  map(): Map<string, StandIn> {
    const out = new Map<string, StandIn>();
    const put = (key: string, kind: string, port: number) => {
      const s = this.listeners.get(`${kind}:${port}`);
      if (s) out.set(key, s);
    };
    for (const port of [80, 443]) {
      put(`${INGRESS_ADDRESS}:${port}`, 'ingress', port);
      put(`${GATEWAY_ADDRESS}:${port}`, 'gateway', port);
    }
    for (const pod of this.store.list('pods')) {
      for (const c of pod.spec?.containers ?? []) {
        if (!INGRESS_IMAGE.test(c.image ?? '')) continue;
        const node = this.store.get('nodes', undefined, pod.spec?.nodeName ?? '');
        const ip = (node?.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address;
        for (const p of c.ports ?? []) if (ip && p.hostPort && [80, 443].includes(p.containerPort)) put(`${ip}:${p.hostPort}`, 'ingress', p.containerPort);
      }
    }
    for (const [k, v] of this.extra) out.set(k, v);
    return out;
  }

  /** Plays an nginx edge with this configuration at `address` on each port its server blocks listen on (the demo's edge, from `--edge-config`). */
  async addEdge(address: string, config: EdgeConfig): Promise<void> {
    const ports = new Map<number, boolean>();
    for (const s of config.servers) for (const l of s.listens) ports.set(l.port, (ports.get(l.port) ?? false) || l.ssl);
    for (const [port, ssl] of ports) {
      if (this.extra.has(`${address}:${port}`)) continue;
      await this.add(address, port, edgeHandler(config, port, ssl, () => this.map()), ssl);
    }
  }

  /** Stops every listener and cuts open connections. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }

  private listen(server: Server): Promise<StandIn> {
    this.servers.push(server);
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve({ host: '127.0.0.1', port: (server.address() as AddressInfo).port }));
    });
  }
}
