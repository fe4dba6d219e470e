// The parts of the `ws` package (client-node's WebSocket) kdrill and the simulator use; ws ships no types of its own.
declare module 'ws' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';
  import type { Duplex } from 'node:stream';

  /** One WebSocket connection. */
  export class WebSocket extends EventEmitter {
    static readonly OPEN: number;
    constructor(address: string, protocols?: string[], options?: object);
    readonly protocol: string;
    readonly readyState: number;
    send(data: Buffer | string, cb?: (err?: Error) => void): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: string, listener: (...args: any[]) => void): this;
  }

  /** Accepts upgrades handed to it (noServer). */
  export class WebSocketServer extends EventEmitter {
    constructor(options: { noServer: true; handleProtocols?: (protocols: Set<string>, req: IncomingMessage) => string | false; perMessageDeflate?: boolean });
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, cb: (ws: WebSocket, req: IncomingMessage) => void): void;
    close(cb?: () => void): void;
  }
}
