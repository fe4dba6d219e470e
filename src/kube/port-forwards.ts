import { createServer, type AddressInfo, type Server } from 'node:net';
import { sanitize } from '../model/sanitize.js';
import { streamError, type PodConnector } from './pod-connect.js';

/** Where each new connection of a forward goes: a pod and its port, or why there is none now. */
export type ForwardResolver = () => Promise<{ pod: string; port: number } | { gone: string }>;

/** One forward as `:pf` lists it. */
export interface ForwardState {
  id: number;
  context: string;
  namespace: string;
  /** `pod/NAME` or `service/NAME`. */
  target: string;
  /** The remote port as chosen (`http (80)`). */
  remote: string;
  address: string;
  localPort: number;
  /** The pod connections go to now (a Service forward picks one). */
  via?: string;
  connections: number;
  bytesUp: number;
  bytesDown: number;
  errors: number;
  /** The last error or change worth saying (the pod went away, another pod was picked). */
  note?: string;
  started: number;
}

interface Forward {
  state: ForwardState;
  server: Server;
  closers: Set<() => void>;
}

/**
 * The running port-forwards: a local TCP server each, whose connections go to a pod over client-node's
 * PortForward. Process-wide, so that every exit path stops them all (`stopAll`).
 */
export class PortForwards {
  private readonly forwards = new Map<number, Forward>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  private version = 0;

  /** Listens on `address:localPort` and forwards each connection to where `resolve` says; throws when it cannot listen. */
  async start(connector: PodConnector, spec: Omit<ForwardState, 'id' | 'connections' | 'bytesUp' | 'bytesDown' | 'errors' | 'started'>, resolve: ForwardResolver, onConnection?: () => void): Promise<ForwardState> {
    const state: ForwardState = { ...spec, id: this.nextId++, connections: 0, bytesUp: 0, bytesDown: 0, errors: 0, started: Date.now() };
    const closers = new Set<() => void>();
    const server = createServer((socket) => {
      socket.on('error', () => socket.destroy());
      onConnection?.();
      void (async () => {
        const to = await resolve().catch((e) => ({ gone: streamError(e) }));
        if ('gone' in to) {
          this.update(state, { note: to.gone, errors: state.errors + 1 });
          return socket.destroy();
        }
        if (state.via && to.pod !== state.via) this.update(state, { note: `pod ${state.via} went away: now pod ${to.pod}` });
        this.update(state, { via: to.pod, connections: state.connections + 1 });
        try {
          const close = await connector.forward(state.namespace, to.pod, to.port, socket, (message) => this.update(state, { note: message, errors: state.errors + 1 }), (up, down) => this.update(state, { bytesUp: state.bytesUp + up, bytesDown: state.bytesDown + down }));
          closers.add(close);
          socket.on('close', () => closers.delete(close));
        } catch (e) {
          this.update(state, { note: streamError(e), errors: state.errors + 1 });
          socket.destroy();
        }
      })();
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', (e) => fail(new Error(sanitize(`cannot listen on ${spec.address}:${spec.localPort}: ${(e as Error).message}`, true))));
      server.listen(spec.localPort, spec.address, () => ok());
    });
    state.localPort = (server.address() as AddressInfo).port;
    this.forwards.set(state.id, { state, server, closers });
    this.changed();
    return state;
  }

  private update(state: ForwardState, patch: Partial<ForwardState>): void {
    Object.assign(state, patch);
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Stops one forward: its local port closes and its connections end. */
  stop(id: number): boolean {
    const f = this.forwards.get(id);
    if (!f) return false;
    this.forwards.delete(id);
    f.server.close();
    for (const close of f.closers) close();
    this.changed();
    return true;
  }

  /** Stops every forward (kdrill is exiting). */
  stopAll(): void {
    for (const id of [...this.forwards.keys()]) this.stop(id);
  }

  /** The running forwards, oldest first (copies). */
  list(): ForwardState[] {
    return [...this.forwards.values()].map((f) => ({ ...f.state }));
  }

  /** Whether a local port is taken by one of these forwards. */
  uses(port: number): boolean {
    return [...this.forwards.values()].some((f) => f.state.localPort === port);
  }

  /** For useSyncExternalStore: subscribe, and a number that changes with every change. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  getVersion = (): number => this.version;
}

/** kdrill's forwards (the screen's and the command's). */
export const portForwards = new PortForwards();

/** Whether a local TCP port can be listened on now. */
export async function portFree(port: number, address = '127.0.0.1'): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, address, () => server.close(() => resolve(true)));
  });
}
