import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../model/types.js';
import { badRequest } from '../api/status-error.js';
import type { SimClock } from '../clock.js';
import { containerId } from '../controllers/pod-runtime.js';
import type { ImageCatalog } from '../images.js';
import type { ObjectStore } from '../store.js';
import { linesBetween, tailLines, type LogLine, type LogSource } from './log-lines.js';
import { capturedKey, type CapturedLogs } from '../snapshot/captured-logs.js';

const FOLLOW_TICK_MS = 200;

function nanoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** Serves `pods/NAME/log` from generated, repeatable container histories. */
export class LogService {
  /** Open follow streams, for leak checks and fault injection. */
  readonly streams = new Set<ServerResponse>();
  /** A snapshot's captured lines: served instead of generated ones, and never followed (the snapshot does not run). */
  captured: CapturedLogs | undefined;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly images: ImageCatalog,
    private readonly followTickMs = FOLLOW_TICK_MS,
  ) {}

  /** The log source of a pod's container, current or previous instance; throws the API server's 400s. */
  source(pod: KubeObject, container: string, previous: boolean): LogSource {
    const podName = pod.metadata?.name;
    const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s: any) => s?.name === container);
    const image = this.images.get(status?.image ?? '');
    const style = image.logs;
    const rate = image.logsPerSecond;
    if (previous) {
      const last = status?.lastState?.terminated;
      if (!last) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
      return {
        seed: last.containerID ?? containerId(pod.metadata!.uid!, container, Math.max(0, (status.restartCount ?? 1) - 1)),
        style,
        image: status.image,
        startedAt: Date.parse(last.startedAt),
        endedAt: Date.parse(last.finishedAt),
        crashMessage: last.exitCode ? image.crash?.message : undefined,
        rate,
      };
    }
    const state = status?.state ?? {};
    if (state.running) return { seed: status.containerID, style, image: status.image, startedAt: Date.parse(state.running.startedAt), rate };
    if (state.terminated) {
      return { seed: status.containerID, style, image: status.image, startedAt: Date.parse(state.terminated.startedAt), endedAt: Date.parse(state.terminated.finishedAt), crashMessage: state.terminated.exitCode ? image.crash?.message : undefined, rate };
    }
    if (state.waiting?.reason === 'CrashLoopBackOff' && status.lastState?.terminated) return this.source(pod, container, true);
    const reason = state.waiting?.reason ?? 'ContainerCreating';
    const why = /ImagePull|ErrImage/.test(reason) ? 'trying and failing to pull image' : reason;
    throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${why}`);
  }

  /** Handles a log request: history by tailLines/sinceSeconds/sinceTime, then follow if asked. */
  serve(req: IncomingMessage, res: ServerResponse, pod: KubeObject, q: URLSearchParams): void {
    const names = (pod.spec?.containers ?? []).map((c: any) => c?.name);
    const allNames = [...(pod.spec?.initContainers ?? []).map((c: any) => c?.name), ...names];
    let container = q.get('container');
    if (!container) {
      if (names.length !== 1) throw badRequest(`a container name must be specified for pod ${pod.metadata?.name}, choose one of: [${names.join(' ')}]`);
      container = names[0] as string;
    }
    if (!allNames.includes(container)) throw badRequest(`container ${container} is not valid for pod ${pod.metadata?.name}`);
    const src = this.source(pod, container, q.get('previous') === 'true');
    const now = this.clock.now();
    let from = src.startedAt;
    const sinceSeconds = q.get('sinceSeconds');
    const sinceTime = q.get('sinceTime');
    if (sinceSeconds !== null) {
      if (!/^\d+$/.test(sinceSeconds) || Number(sinceSeconds) < 1) throw badRequest('sinceSeconds must be a positive integer');
      from = Math.max(from, now - Number(sinceSeconds) * 1000);
    } else if (sinceTime !== null) {
      const t = Date.parse(sinceTime);
      if (Number.isNaN(t)) throw badRequest(`invalid sinceTime: ${JSON.stringify(sinceTime)}`);
      from = Math.max(from, t);
    }
    const tail = q.get('tailLines');
    if (tail !== null && !/^-?\d+$/.test(tail)) throw badRequest('tailLines must be an integer');
    let lines = this.captured ? this.capturedLines(pod, container, q.get('previous') === 'true', from) : linesBetween(src, from, now + 1);
    if (tail !== null && Number(tail) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
    else if (tail === null && lines.length > 100_000 && !this.captured) lines = tailLines(src, 100_000, now);
    const stamps = q.get('timestamps') === 'true';
    const limit = q.get('limitBytes') !== null ? Number(q.get('limitBytes')) : Infinity;
    let written = 0;
    const format = (l: LogLine) => (stamps ? `${nanoTimestamp(l.at)} ${l.text}\n` : `${l.text}\n`);
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
    const write = (text: string): boolean => {
      if (written + Buffer.byteLength(text) > limit) {
        res.write(Buffer.from(text).subarray(0, Math.max(0, limit - written)));
        res.end();
        return false;
      }
      written += Buffer.byteLength(text);
      res.write(text);
      return true;
    };
    if (!write(lines.map(format).join(''))) return;
    if (q.get('follow') !== 'true' || src.endedAt !== undefined || this.captured) {
      res.end();
      return;
    }
    this.follow(req, res, pod, container, src, now + 1, (l) => write(format(l)));
  }

  /** A container's captured lines from `from` on; a 400 where the snapshot holds none. */
  private capturedLines(pod: KubeObject, container: string, previous: boolean, from: number): LogLine[] {
    const lines = this.captured!.get(capturedKey(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', container, previous));
    if (!lines) throw badRequest(`the snapshot holds no log lines of container "${container}" in pod "${pod.metadata?.name}"${previous ? ' (previous instance)' : ''}`);
    return lines.filter((l) => l.at >= from);
  }

  private follow(req: IncomingMessage, res: ServerResponse, pod: KubeObject, container: string, src: LogSource, start: number, emit: (l: LogLine) => boolean): void {
    let cursor = start;
    this.streams.add(res);
    const stop = () => {
      clearInterval(timer);
      this.streams.delete(res);
    };
    const timer = setInterval(() => {
      const current = this.store.get('pods', pod.metadata?.namespace, pod.metadata!.name!);
      const status = (current?.status?.containerStatuses ?? []).find((s: any) => s?.name === container);
      const sameInstance = current?.metadata?.uid === pod.metadata?.uid && status?.containerID === src.seed;
      const ended = !sameInstance || !status?.state?.running;
      const now = this.clock.now();
      const until = ended && status?.state?.terminated ? Date.parse(status.state.terminated.finishedAt) + 1 : now + 1;
      for (const l of linesBetween(src, cursor, until)) if (!emit(l)) return stop();
      cursor = Math.max(cursor, until);
      if (ended) {
        stop();
        res.end();
      }
    }, this.followTickMs);
    res.on('close', stop);
    req.on('close', stop);
  }
}

