import { Transform, Writable, type Readable } from 'node:stream';
import { PodConnector, streamError, type PodSession, type SizedWritable, type StreamEnd } from '../kube/pod-connect.js';
import type { KubeObject } from '../model/types.js';
import { handOver } from './hand-over.js';
import type { KeyContext } from './keys/key-context.js';
import type { ShellAction } from './state/ui-state.js';

// The container chosen last in each pod, and the last chosen anywhere (a pod of the same workload has it too).
const chosen = new Map<string, string>();
let lastChosen: string | undefined;

/** The shells `s` tries, in order: $KDRILL_SHELLS (comma-separated), else bash then sh. */
export function shellsToTry(env = process.env): string[] {
  const list = (env.KDRILL_SHELLS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return list.length ? list : ['bash', 'sh'];
}

/** The container a shell opens in by default: the one chosen last in this pod (or any), the pod's default container, else its first. */
export function defaultContainer(pod: KubeObject): string {
  const names: string[] = (pod.spec?.containers ?? []).map((c: any) => String(c.name));
  const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  return [chosen.get(key), lastChosen, annotated].find((n) => n && names.includes(n)) ?? names[0] ?? '';
}

/** Remembers the container a shell was opened in. */
export function rememberContainer(namespace: string, pod: string, container: string): void {
  chosen.set(`${namespace}/${pod}`, container);
  lastChosen = container;
}

/** Why there can be no shell in the container now (the pod or container is not running), or undefined. */
export function notRunning(pod: KubeObject, container: string): string | undefined {
  const name = pod.metadata?.name;
  if (pod.metadata?.deletionTimestamp) return `pod ${name} is terminating: no shell`;
  const phase = pod.status?.phase ?? 'Pending';
  if (phase !== 'Running') return `pod ${name} is ${phase}: a shell needs a running container`;
  const st = (pod.status?.containerStatuses ?? []).find((s: any) => s.name === container);
  if (!st?.state?.running) {
    const why = st?.state?.waiting?.reason ?? (st?.state?.terminated ? `terminated (${st.state.terminated.reason ?? 'exited'})` : 'not started');
    return `container ${container} of pod ${name} is not running (${why}): no shell`;
  }
  return undefined;
}

/** Passes keys on, except Ctrl-P Ctrl-Q (and Ctrl-C where the container has no terminal), which end the session instead. */
function detachKeys(keys: Readable, detach: () => void, ctrlC: boolean): Readable {
  let prev = '';
  const filter = new Transform({
    transform(chunk, _e, done) {
      const text = String(chunk);
      for (const ch of text) {
        if ((prev === '\u0010' && ch === '\u0011') || (ctrlC && ch === '\u0003')) return detach(), done();
        prev = ch;
      }
      done(null, chunk);
    },
  });
  return keys.pipe(filter);
}

/** Output without a terminal on the other side ends lines with \n only: the local terminal, raw, needs \r\n. */
function crlf(out: SizedWritable): SizedWritable {
  const w = new Writable({
    decodeStrings: false,
    write(chunk, _e, done) {
      out.write(String(chunk).replace(/\r?\n/g, '\r\n'));
      done();
    },
  }) as SizedWritable;
  Object.defineProperty(w, 'columns', { get: () => out.columns });
  Object.defineProperty(w, 'rows', { get: () => out.rows });
  out.on('resize', () => w.emit('resize'));
  return w;
}

/** Opens the first shell of `shells` the container has; undefined when it has none of them. */
async function firstShell(connector: PodConnector, a: ShellAction, shells: string[], size: () => { columns: number; rows: number }): Promise<PodSession | StreamEnd | undefined> {
  for (const shell of shells) {
    const session = await connector.open(a.namespace, a.name, a.container, [shell], true, size);
    const started = await session.started;
    if (started === 'running') return session;
    // The runtime found no such program: the next shell is tried, as k9s and kubectl users do by hand.
    if ('error' in started && /executable file not found|no such file or directory/i.test(started.error)) continue;
    return started;
  }
  return undefined;
}

function ending(a: ShellAction, end: StreamEnd): { text: string; level: 'info' | 'error' } {
  const where = `${a.type === 'shell' ? 'shell in' : 'attach to'} ${a.name}/${a.container}`;
  if ('error' in end) return { text: `${where}: ${end.error}`, level: 'error' };
  return { text: `${where} ended${end.code ? ` (exit code ${end.code})` : ''}`, level: 'info' };
}

/**
 * Runs a confirmed shell or attach: connects first (a refusal, a pod that is not running or a missing
 * shell is one footer line, and the screen never flickers), then hands the terminal over until the
 * session ends, and says how it ended.
 */
export async function runShell(ctx: KeyContext, a: ShellAction, shells = shellsToTry()): Promise<void> {
  const say = (r: { text: string; level: 'info' | 'error' }) => ctx.dispatch({ type: 'flash', ...r });
  const connector = new PodConnector(ctx.session.transport.kc, ctx.session.transport.readonly);
  const size = () => ({ columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24 });
  const spec = (ctx.session.indexes.pods.select(a.namespace, []).find((p) => p.metadata?.name === a.name)?.spec?.containers ?? []).find((c: any) => c.name === a.container);
  const tty = a.type === 'shell' || !!(spec?.stdin && spec?.tty);
  let session: PodSession | StreamEnd | undefined;
  try {
    session = a.type === 'shell' ? await firstShell(connector, a, shells, size) : await connector.open(a.namespace, a.name, a.container, undefined, tty, size);
  } catch (e) {
    return say({ text: `${a.type === 'shell' ? 'shell in' : 'attach to'} ${a.name}/${a.container}: ${streamError(e)}`, level: 'error' });
  }
  if (!session) return say({ text: `no shell in container ${a.container} of pod ${a.name} (tried ${shells.join(', ')})`, level: 'error' });
  if (!('connect' in session)) return say(ending(a, session));
  rememberContainer(a.namespace, a.name, a.container);
  const open = session;
  try {
    const end = await handOver(async (t) => {
      // Raw: every key (Ctrl-C included) goes to the container's terminal, as kubectl exec -it does.
      t.setRaw(true);
      if (!tty) t.output.write(`attached to ${a.name}/${a.container} (no terminal): Ctrl-C or Ctrl-P Ctrl-Q detaches\r\n`);
      open.connect(detachKeys(t.input(), () => open.close(), !tty), tty ? t.output : crlf(t.output));
      t.signal.addEventListener('abort', () => open.close());
      return await open.ended;
    });
    say(ending(a, end));
  } catch (e) {
    open.close();
    say({ text: `${a.type}: ${streamError(e)}`, level: 'error' });
  }
}
