import { Attach, Exec, PortForward, type KubeConfig, type V1Status } from '@kubernetes/client-node';
// Not exported from the package's index: its constructor takes the socket factory used below.
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { WebSocket } from 'ws';
import { sanitize } from '../model/sanitize.js';

/** A terminal's output as client-node's resize queue reads it: a writable with a size that emits `resize`. */
export type SizedWritable = Writable & { columns: number; rows: number };

/** How a connection into a pod ended: the command's exit code, or why it failed. */
export type StreamEnd = { code: number } | { error: string };

/** What an exec or attach is while it runs. */
export interface PodSession {
  /** Settles when the session has shown it runs (first output), or ended (a shell not found ends at once), or after a short wait. */
  started: Promise<'running' | StreamEnd>;
  /** Where output goes from now on (what came before is written first), and where keys come from. */
  connect(input: Readable, output: SizedWritable): void;
  ended: Promise<StreamEnd>;
  close(): void;
}

/** The exit code a Status on the error channel carries: 0 for Success, the ExitCode cause otherwise. */
function endOf(status: V1Status): StreamEnd {
  if (status.status === 'Success') return { code: 0 };
  const code = status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
  if (status.reason === 'NonZeroExitCode' && code !== undefined) return { code: Number(code) };
  return { error: sanitize(status.message ?? 'the command failed', true) };
}

/**
 * client-node's WebSocket, with the API server's refusal (a Status body on a non-101 answer) read and
 * given as the error's message: "pods "x" is forbidden: ..." rather than "Unexpected server response: 403".
 */
function socketFactory(uri: string, protocols: string[], opts: object): WebSocket {
  const ws = new WebSocket(uri, protocols, opts as never) as WebSocket & { on(e: 'unexpected-response', l: (req: { destroy(): void }, res: NodeJS.ReadableStream & { statusCode?: number }) => void): void };
  ws.on('unexpected-response', (req, res) => {
    let body = '';
    res.on('data', (d: Buffer) => (body += String(d)));
    res.on('end', () => {
      let message = `the API server answered ${res.statusCode}`;
      try {
        message = JSON.parse(body).message ?? message;
      } catch {
        // Not a Status: the code says enough.
      }
      ws.emit('error', new Error(sanitize(message, true)));
      req.destroy();
    });
  });
  return ws;
}

/** The message of what client-node rejects with (ws's error event, or an Error). */
export function streamError(e: unknown): string {
  const err = e as { message?: string; error?: Error };
  return sanitize(err?.message ?? err?.error?.message ?? String(e), true);
}

/** A writable that holds output until the terminal is connected, then passes it on; sized as `size` says. */
class HeldOutput extends Writable {
  private held: (Buffer | string)[] = [];
  private target: Writable | undefined;
  constructor(private readonly size: () => { columns: number; rows: number }) {
    super({ decodeStrings: false });
  }
  get columns(): number {
    return this.size().columns;
  }
  get rows(): number {
    return this.size().rows;
  }
  override _write(chunk: Buffer | string, _e: BufferEncoding, done: () => void): void {
    if (this.target) this.target.write(chunk);
    else this.held.push(chunk);
    this.emit('output');
    done();
  }
  connect(target: Writable): void {
    for (const chunk of this.held) target.write(chunk);
    this.held = [];
    this.target = target;
  }
}

/** Exec, attach and port-forward into pods over WebSocket (client-node's, never kubectl). */
export class PodConnector {
  constructor(private readonly kc: KubeConfig, private readonly readonly: boolean) {}

  private handler(): WebSocketHandler {
    if (this.readonly) throw new Error('kdrill runs read-only (--readonly): it does not open exec, attach or port-forward');
    return new WebSocketHandler(this.kc, socketFactory);
  }

  /** Starts `command` (a shell) in a container with a terminal, or attaches to its main process (`command` undefined). */
  async open(namespace: string, pod: string, container: string, command: string[] | undefined, tty: boolean, size: () => { columns: number; rows: number }, waitMs = 1500): Promise<PodSession> {
    const output = new HeldOutput(size);
    const input = new PassThrough();
    let finish!: (end: StreamEnd) => void;
    const ended = new Promise<StreamEnd>((resolve) => (finish = resolve));
    const handler = this.handler();
    const ws = command
      ? await new Exec(this.kc, handler).exec(namespace, pod, container, command, output, tty ? null : output, input, tty, (s) => finish(endOf(s)))
      : await new Attach(this.kc, handler).attach(namespace, pod, container, output, tty ? null : output, input, tty);
    ws.on('close', () => finish({ code: 0 }));
    const started = new Promise<'running' | StreamEnd>((resolve) => {
      const timer = setTimeout(() => resolve('running'), waitMs);
      output.once('output', () => (clearTimeout(timer), resolve('running')));
      void ended.then((end) => (clearTimeout(timer), resolve(end)));
    });
    return {
      started,
      ended,
      connect: (keys, out) => {
        output.connect(out);
        // The terminal's size now, then each change (client-node reads it from the output it was given).
        out.on('resize', () => output.emit('resize'));
        output.emit('resize');
        keys.pipe(input);
      },
      close: () => ws.close(),
    };
  }

  /**
   * Forwards one TCP connection (`socket`) to a pod's port. Resolves when the forward is set up; `onError`
   * hears the error channel (the pod refused the port), `onBytes` counts what went each way.
   */
  async forward(namespace: string, pod: string, port: number, socket: NodeJS.ReadWriteStream & { destroy(): void }, onError: (message: string) => void, onBytes: (up: number, down: number) => void): Promise<() => void> {
    const down = new Writable({
      write(chunk: Buffer, _e, done) {
        if (chunk.length) onBytes(0, chunk.length);
        socket.write(chunk);
        done();
      },
    });
    const errors = new Writable({
      write(chunk: Buffer, _e, done) {
        if (chunk.length) onError(sanitize(String(chunk), true));
        done();
      },
    });
    const up = new PassThrough();
    socket.on('data', (d: Buffer) => onBytes(d.length, 0));
    socket.pipe(up);
    const ws = (await new PortForward(this.kc, true, this.handler()).portForward(namespace, pod, [port], down, errors, up)) as WebSocket;
    ws.on('close', () => socket.destroy());
    socket.on('close', () => ws.close());
    socket.on('error', () => ws.close());
    return () => ws.close();
  }
}
