import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { KubeObject } from '../../model/types.js';
import { badRequest, StatusError } from '../api/status-error.js';
import type { SimClock } from '../clock.js';
import type { ImageCatalog } from '../images.js';
import { linesBetween } from '../logs/log-lines.js';
import type { LogService } from '../logs/log-service.js';
import type { ObjectStore } from '../store.js';
import { containerEnv, type ContainerEnv } from './container-env.js';
import { MiniShell } from './mini-shell.js';
import { forwardPorts } from './port-forward.js';
import { COMMANDS } from './shell-commands.js';
import { acceptUpgrade, CLOSE, ERROR, EXEC_PROTOCOLS, exitStatus, internalErrorStatus, PORT_FORWARD_PROTOCOLS, refuseUpgrade, RESIZE, sendOn, STDERR, STDIN, STDOUT } from './stream-channels.js';
import { localFetch } from './local-fetch.js';

/** The pod subresources that stream over an upgraded connection. */
export const STREAM_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);

const yes = (q: URLSearchParams, name: string) => ['true', '1'].includes(q.get(name) ?? '');
const SHELLS = new Set(['sh', 'bash']);

/**
 * `pods/exec`, `pods/attach` and `pods/portforward` over WebSocket: the API server's checks first
 * (answered as HTTP errors before switching protocols), then a small built-in shell, the
 * container's live output, or its ports.
 */
export class PodStreams {
  /** Open streaming connections, for leak checks. */
  readonly open = new Set<WebSocket>();

  constructor(private readonly store: ObjectStore, private readonly images: ImageCatalog, private readonly logs: LogService, private readonly clock: SimClock) {}

  /** Handles an (authorized) upgrade request for a pod's streaming subresource. */
  async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, namespace: string, name: string, subresource: string, q: URLSearchParams): Promise<void> {
    try {
      const pod = this.store.get('pods', namespace, name);
      if (!pod) throw new StatusError(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' });
      if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
      if (subresource === 'portforward') {
        const ports = q.getAll('ports').flatMap((p) => p.split(',')).filter(Boolean);
        if (!ports.length || ports.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 65535)) throw badRequest('invalid port: at least one port between 1 and 65535 is required');
        const ws = await acceptUpgrade(req, socket, head, PORT_FORWARD_PROTOCOLS);
        this.track(ws);
        return forwardPorts(ws, this.images, () => this.store.get('pods', namespace, name), ports.map(Number));
      }
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') throw badRequest(`cannot ${subresource === 'exec' ? 'exec into' : 'attach to'} a container in a completed pod; current phase is ${phase}`);
      const container = this.container(pod, q.get('container'));
      const command = q.getAll('command');
      if (subresource === 'exec' && !command.length) throw badRequest('you must specify at least 1 command');
      const status = (pod.status?.containerStatuses ?? []).find((s: any) => s.name === container);
      if (!status?.state?.running) throw new StatusError(500, '', `container not found ("${container}")`);
      const ws = await acceptUpgrade(req, socket, head, EXEC_PROTOCOLS);
      this.track(ws);
      const env = containerEnv(this.store, this.images, pod, container);
      const options = { stdin: yes(q, 'stdin'), tty: yes(q, 'tty') };
      if (subresource === 'exec') this.exec(ws, env, command, options);
      else this.attach(ws, env, pod, container, options);
    } catch (e) {
      refuseUpgrade(socket, e instanceof StatusError ? e : new StatusError(500, 'InternalError', String(e)));
    }
  }

  private track(ws: WebSocket): void {
    this.open.add(ws);
    ws.on('close', () => this.open.delete(ws));
    ws.on('error', () => ws.terminate());
  }

  /** The container a request names, or the pod's only one; the API server's 400s otherwise. */
  private container(pod: KubeObject, asked: string | null): string {
    const names: string[] = (pod.spec?.containers ?? []).map((c: any) => c.name);
    if (!asked) {
      if (names.length !== 1) throw badRequest(`a container name must be specified for pod ${pod.metadata?.name}, choose one of: [${names.join(' ')}]`);
      return names[0];
    }
    if (!names.includes(asked)) throw badRequest(`container ${asked} is not valid for pod ${pod.metadata?.name}`);
    return asked;
  }

  /** Runs a command (a shell, or one program) with the session's channels; its end is the status on channel 3. */
  private exec(ws: WebSocket, env: ContainerEnv, command: string[], o: { stdin: boolean; tty: boolean }): void {
    const program = command[0].replace(/^\/(usr\/)?bin\//, '');
    const found = env.shells !== 'none' && (program === 'sh' || (program === 'bash' && env.shells === 'bash') || !!COMMANDS[program]);
    if (!found) {
      const why = `failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown`;
      sendOn(ws, ERROR, JSON.stringify(internalErrorStatus(`error executing command in container: ${why}`)));
      return ws.close(1000);
    }
    const shell = this.shell(ws, env, SHELLS.has(program) ? (program as 'sh' | 'bash') : env.shells === 'bash' ? 'bash' : 'sh', o.tty, (code) => {
      sendOn(ws, ERROR, JSON.stringify(exitStatus(command, code)));
      ws.close(1000);
    });
    if (SHELLS.has(program) && command[1] === '-c') void shell.runScript(command[2] ?? '');
    else if (SHELLS.has(program)) {
      shell.start();
      // Without stdin a shell reads end of input at once.
      if (!o.stdin) shell.endInput();
    } else void shell.runCommand([program, ...command.slice(1)]);
  }

  /** Attach: a container started with stdin and a TTY is a shell; others stream their output from now on. */
  private attach(ws: WebSocket, env: ContainerEnv, pod: KubeObject, container: string, o: { stdin: boolean; tty: boolean }): void {
    const spec = (pod.spec?.containers ?? []).find((c: any) => c.name === container);
    if (spec?.stdin && spec?.tty && env.shells !== 'none') {
      const shell = this.shell(ws, env, env.shells === 'bash' ? 'bash' : 'sh', o.tty, () => ws.close(1000));
      shell.start();
      return;
    }
    const src = this.logs.source(pod, container, false);
    let from = this.clock.now() + 1;
    const timer = setInterval(() => {
      const to = this.clock.now() + 1;
      const lines = linesBetween(src, from, to);
      from = to;
      if (lines.length) sendOn(ws, STDOUT, lines.map((l) => `${l.text}${o.tty ? '\r\n' : '\n'}`).join(''));
    }, 200);
    ws.on('close', () => clearInterval(timer));
  }

  /** A shell wired to the session: stdin (and its close) in, stdout and stderr out (one stream with a TTY). */
  private shell(ws: WebSocket, env: ContainerEnv, program: 'bash' | 'sh', tty: boolean, exit: (code: number) => void): MiniShell {
    const text = (s: string) => (tty ? s.replace(/\r?\n/g, '\r\n') : s);
    const shell = new MiniShell(env, program, tty, {
      out: (s) => sendOn(ws, STDOUT, text(s)),
      err: (s) => sendOn(ws, tty ? STDOUT : STDERR, text(s)),
      fetch: localFetch(this.images, env),
      exit,
    });
    ws.on('message', (data: Buffer) => {
      if (data[0] === STDIN) shell.input(data.subarray(1).toString('utf8'));
      else if (data[0] === CLOSE && data[1] === STDIN) shell.endInput();
      else if (data[0] === RESIZE) {
        // kubectl sends {"Width":..,"Height":..}, client-node {"width":..,"height":..}: Go reads both.
        try {
          const size = JSON.parse(data.subarray(1).toString('utf8'));
          shell.resize(Number(size.Width ?? size.width), Number(size.Height ?? size.height));
        } catch {
          // A malformed size is ignored, as the kubelet logs and ignores it.
        }
      }
    });
    ws.on('close', () => shell.endInput());
    return shell;
  }
}
