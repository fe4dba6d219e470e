import type { ClusterSession } from '../kube/cluster-session.js';
import { clusterInfo } from '../kube/kubeconfig.js';
import { translateTimestampSince } from '../model/format/duration.js';
import { rolloutHistory } from '../model/rollout/rollout-history.js';
import { rolloutModel, type RolloutModel } from '../model/rollout/rollout-model.js';
import { rolloutStatus } from '../model/rollout/rollout-status.js';
import { sanitize } from '../model/sanitize.js';
import type { KubeObject } from '../model/types.js';
import { ScenarioError } from '../sim/scenario/scenario-file.js';
import { openCommandTarget, TARGET_OPTIONS } from './cluster-target.js';
import { ROLLOUT_HELP } from './help.js';
import { numberFlag, parse } from './parse.js';
import { deploymentRevision, rolloutUndo, statefulHistory } from './rollout-revisions.js';
import { snapshotBanner } from '../model/snapshot/snapshot-manifest.js';
import { CliError, UsageError } from '../errors.js';

const KINDS: Record<string, 'Deployment' | 'StatefulSet' | 'DaemonSet'> = {
  deployment: 'Deployment', deployments: 'Deployment', deploy: 'Deployment',
  statefulset: 'StatefulSet', statefulsets: 'StatefulSet', sts: 'StatefulSet',
  daemonset: 'DaemonSet', daemonsets: 'DaemonSet', ds: 'DaemonSet',
};
// kubectl's TYPE[.VERSION][.GROUP]: all three kinds are in apps/v1.
const GROUPS = new Set(['', 'apps', 'v1.apps']);

/** Reads kubectl's resource type (`deploy`, `deployments.apps`, `Deployment.v1.apps`...) as a workload kind. */
export function workloadKind(type: string): 'Deployment' | 'StatefulSet' | 'DaemonSet' | undefined {
  const lower = type.toLowerCase();
  const dot = lower.indexOf('.');
  const [resource, group] = dot < 0 ? [lower, ''] : [lower.slice(0, dot), lower.slice(dot + 1)];
  return GROUPS.has(group) && Object.hasOwn(KINDS, resource) ? KINDS[resource] : undefined;
}
const INDEX = { Deployment: 'deployments', StatefulSet: 'statefulSets', DaemonSet: 'daemonSets' } as const;
const RESOURCE = { Deployment: 'deployments.apps', StatefulSet: 'statefulsets.apps', DaemonSet: 'daemonsets.apps' } as const;
const HINT = "run 'kdrill rollout --help' for usage";

/** Reads `TYPE[.GROUP]/NAME` or `TYPE NAME` as kubectl does (deploy, sts, ds, their long names, with or without apps). */
export function parseWorkload(args: string[]): { kind: 'Deployment' | 'StatefulSet' | 'DaemonSet'; name: string } {
  const [a, b, ...rest] = args;
  const [k, n] = a?.includes('/') && b === undefined ? a.split('/', 2) : [a, b];
  if (!k || !n || rest.length || (a?.includes('/') && b !== undefined)) throw new UsageError('kdrill rollout needs one workload: KIND/NAME, e.g. deployment/nginx-deploy', HINT);
  const kind = workloadKind(k);
  if (!kind) throw new UsageError(`rollouts are for deployments, statefulsets and daemonsets, not "${k}"`, HINT);
  return { kind, name: n };
}

/** Reads a duration like kubectl's --timeout (`90s`, `5m`, `1h30m`, `0` for none) in ms. */
export function parseDuration(text: string): number {
  if (text === '0') return 0;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text);
  if (!m || !text) throw new UsageError(`--timeout must be a duration like 90s, 5m or 1h30m, not "${text}"`, HINT);
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** `kdrill rollout status|history|undo KIND/NAME`: kubectl's verdict, live, warning early (or with --fail-early failing) when the new pods say it is stuck. */
export async function rolloutCommand(args: string[]): Promise<number> {
  try {
    return await rollout(args);
  } catch (e) {
    // Usage errors keep 2; cluster errors are 3, so that 1 always means the rollout failed.
    if (e instanceof CliError && e.exitCode !== 3) throw new CliError(e.message, 3, e.hint);
    if (e instanceof ScenarioError) throw new CliError(e.message, 3);
    throw e;
  }
}

async function rollout(args: string[]): Promise<number> {
  const { values, positionals } = parse('rollout', args, {
    ...TARGET_OPTIONS, namespace: { type: 'string', short: 'n' }, timeout: { type: 'string' }, 'fail-early': { type: 'boolean' },
    revision: { type: 'string' }, 'to-revision': { type: 'string' }, readonly: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  }, true);
  if (values.help) {
    process.stdout.write(ROLLOUT_HELP);
    return 0;
  }
  const [sub, ...rest] = positionals;
  if (sub !== 'status' && sub !== 'history' && sub !== 'undo') throw new UsageError(sub ? `unknown rollout command "${sub}"; use status, history or undo` : 'kdrill rollout needs status, history or undo', HINT);
  const { kind, name } = parseWorkload(rest);
  const timeoutMs = values.timeout === undefined ? 0 : parseDuration(values.timeout);
  const revision = numberFlag('rollout', 'revision', values.revision, 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const toRevision = numberFlag('rollout', 'to-revision', values['to-revision'], 0, Number.MAX_SAFE_INTEGER) ?? 0;
  if (values.revision !== undefined && sub !== 'history') throw new UsageError('--revision is for rollout history', HINT);
  if (values['to-revision'] !== undefined && sub !== 'undo') throw new UsageError('--to-revision is for rollout undo', HINT);
  // Only undo writes; --readonly makes it refuse before any request, as everywhere in kdrill.
  const target = await openCommandTarget(values, 30_000, sub !== 'undo' || values.readonly === true);
  const { session, log } = target;
  try {
    const namespace = values.namespace ?? (target.demo ? 'deploy-test' : clusterInfo(target.kc).namespace);
    log.info('rollout', { command: sub, kind, namespace, name, context: session.info.context, server: session.info.server });
    if (sub === 'undo') return await rolloutUndo({ session, kind, namespace, name }, toRevision);
    if (sub === 'history' && kind !== 'Deployment') return await statefulHistory({ session, kind, namespace, name }, revision);
    if (sub === 'history' && revision > 0) return await deploymentRevision({ session, kind, namespace, name }, revision);
    session.watchRelations(namespace);
    await session.relationsReady();
    const workload = session.indexes[INDEX[kind]].get(namespace, name);
    if (!workload) throw new CliError(`${kind.toLowerCase()} ${namespace}/${name} not found`, 3, `list them with: kubectl get ${kind.toLowerCase()}s -n ${namespace}`);
    if (sub === 'history') return printHistory(rolloutModel(session.indexes, workload, session.now()), session.now());
    if (session.snapshot) return snapshotStatus(session, workload, kind);
    const code = await watchStatus(session, kind, namespace, name, timeoutMs, values['fail-early'] === true);
    log.info('rollout ended', { kind, namespace, name, exit: code });
    return code;
  } finally {
    await target.close();
  }
}

function printHistory(m: RolloutModel, now: number): number {
  const rows = rolloutHistory(m.revisions).map((h) => [h.revision + (h.current ? ' *' : ''), h.createdAt ? translateTimestampSince(new Date(h.createdAt).toISOString(), now) : '?', h.images.join(','), h.changeCause]);
  const table = [['REVISION', 'AGE', 'IMAGES', 'CHANGE-CAUSE'], ...rows];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  process.stdout.write(`deployment.apps/${sanitize(m.workload.metadata?.name, true)}  (* current)\n`);
  for (const r of table) process.stdout.write(`${r.map((c, i) => sanitize(c, true).padEnd(widths[i])).join('  ').trimEnd()}\n`);
  return 0;
}

/**
 * The status of a rollout in a snapshot, printed once as it was at capture (a snapshot does not
 * move on): 0 when it was complete, 1 otherwise, with a line on stderr saying the data is not live.
 */
function snapshotStatus(session: ClusterSession, workload: KubeObject, kind: keyof typeof INDEX): number {
  process.stderr.write(`kdrill: ${sanitize(snapshotBanner(session.snapshot!), true)}: the rollout status at capture time\n`);
  const status = rolloutStatus({ ...workload, kind });
  const { stuck } = rolloutModel(session.indexes, workload, session.now());
  if (status.error) process.stderr.write(`error: ${sanitize(status.error, true)}\n`);
  else process.stdout.write(`${sanitize(status.message, true)}\n`);
  if (!status.done && !status.error && stuck) process.stderr.write(`warning: ${sanitize(stuck, true)}\n`);
  return status.done ? 0 : 1;
}

// How often the stuck diagnosis is looked at again when nothing changes (its thresholds are times).
const DIAGNOSE_EVERY_MS = 1_000;

/**
 * Follows the rollout as `kubectl rollout status` does: the status of every version of the
 * workload the watch brings (repeats included, as kubectl prints them; on a terminal, one line
 * redrawn in place), until it is done (0) or fails (1: progress deadline, --timeout). The early
 * stuck diagnosis is a warning on stderr, or with `failEarly` an error that ends it (1).
 */
function watchStatus(session: ClusterSession, kind: keyof typeof INDEX, namespace: string, name: string, timeoutMs: number, failEarly: boolean): Promise<number> {
  const tty = !!process.stdout.isTTY;
  let shown = '';
  const warned = new Set<string>();
  let ended = false;
  return new Promise((resolve) => {
    const lease = session.caches.acquire(session.discovery.get(RESOURCE[kind])!, namespace, { background: true });
    let timer: NodeJS.Timeout | undefined;
    const endLine = () => {
      if (tty && shown) process.stdout.write('\n');
      shown = '';
    };
    const finish = (code: number, line?: string) => {
      if (ended) return;
      ended = true;
      unChange();
      unsubscribe();
      lease.release();
      clearTimeout(timer);
      clearInterval(tick);
      process.off('SIGINT', interrupted);
      endLine();
      if (line) (code === 0 ? process.stdout : process.stderr).write(`${sanitize(line, true)}\n`);
      resolve(code);
    };
    const interrupted = () => finish(130);
    const report = (w: KubeObject) => {
      const status = rolloutStatus({ ...w, kind });
      if (status.error) return finish(1, `error: ${status.error}`);
      if (status.done) {
        if (tty && shown) process.stdout.write('\r\x1b[2K');
        shown = '';
        return finish(0, status.message);
      }
      if (!tty) return void process.stdout.write(`${sanitize(status.message, true)}\n`);
      if (status.message === shown) return;
      shown = status.message;
      process.stdout.write(`\r\x1b[2K${sanitize(shown, true)}`);
    };
    const diagnose = () => {
      if (ended) return;
      const w: KubeObject | undefined = session.indexes[INDEX[kind]].get(namespace, name);
      if (!w) return finish(1, `error: ${kind.toLowerCase()} ${namespace}/${name} was deleted`);
      const { stuck, stuckCause } = rolloutModel(session.indexes, w, Date.now());
      if (!stuck) return;
      if (failEarly) return finish(1, `error: ${stuck}`);
      // Once per cause: pods flapping between ErrImagePull and its back-off would repeat it at every retry.
      if (warned.has(stuckCause!)) return;
      warned.add(stuckCause!);
      endLine();
      process.stderr.write(`warning: ${sanitize(stuck, true)}\n`);
    };
    const unChange = lease.cache.onChange((c) => {
      if (ended || c.object.metadata?.name !== name || c.object.metadata?.namespace !== namespace) return;
      if (c.type === 'delete') return finish(1, `error: ${kind.toLowerCase()} ${namespace}/${name} was deleted`);
      report(c.object);
    });
    const unsubscribe = session.indexes.subscribe(diagnose);
    const tick = setInterval(diagnose, DIAGNOSE_EVERY_MS);
    process.on('SIGINT', interrupted);
    if (timeoutMs > 0) timer = setTimeout(() => finish(1, `error: timed out after ${timeoutMs / 1000}s waiting for the rollout to finish`), timeoutMs);
    // As kubectl: the status it lists first, then (when it already holds) the diagnosis.
    const first = session.indexes[INDEX[kind]].get(namespace, name);
    if (first) report(first);
    diagnose();
  });
}
