import { createSocket, type Socket } from 'node:dgram';
import { GATEWAY_ADDRESS } from '../controllers/gateway-controller.js';
import { INGRESS_ADDRESS } from '../controllers/ingress-controller.js';
import { answer, readQuestion, type ZoneEntry } from './dns-wire.js';

/**
 * The demo's names: holmes resolves to its edge server's WAN address as in seed 000 (so the edge
 * hop is needed to reach the cluster), shop.example.com straight to the ingress controller, and
 * the seed's cluster-internal name risk-admin.credit-risk-admin-test-id.api.ingress to nothing;
 * the Gateway API hosts to the Gateway's address.
 */
export function demoZone(): Map<string, ZoneEntry> {
  return new Map<string, ZoneEntry>([
    ['holmes.test.shopeekredit.co.id', { A: ['143.92.64.63'] }],
    ['shop.example.com', { A: [INGRESS_ADDRESS] }],
    ['www.shop.example.com', { CNAME: 'shop.example.com' }],
    ['api.shop.example.com', { A: [INGRESS_ADDRESS] }],
    ...['store', 'orders', 'grpc'].map((h): [string, ZoneEntry] => [`${h}.gw.example.com`, { A: [GATEWAY_ADDRESS] }]),
  ]);
}

/** A tiny authoritative DNS server on a loopback UDP port (A, AAAA, CNAME, NXDOMAIN), for the simulator's hosts. */
export class SimDnsServer {
  private socket?: Socket;
  /** Questions answered, oldest first (`name type`), for tests. */
  readonly asked: string[] = [];

  constructor(readonly zone: Map<string, ZoneEntry> = demoZone()) {}

  /** Starts listening on 127.0.0.1 (port 0: any free one); resolves with `127.0.0.1:PORT`. */
  async listen(port = 0): Promise<string> {
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (msg, from) => {
      const q = readQuestion(msg);
      if (!q) return;
      this.asked.push(`${q.name} ${q.type}`);
      socket.send(answer(q, this.zone), from.port, from.address);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, '127.0.0.1', () => resolve());
    });
    socket.unref();
    return this.address;
  }

  /** `127.0.0.1:PORT` once listening. */
  get address(): string {
    return `127.0.0.1:${this.socket?.address().port ?? 0}`;
  }

  /** Stops listening. */
  async close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
