import { existsSync, readdirSync, statSync } from 'node:fs';
import { captureSnapshot } from '../kube/snapshot/capture-snapshot.js';
import { kubeconfigSecrets } from '../kube/snapshot/kubeconfig-secrets.js';
import { openSink } from '../kube/snapshot/snapshot-sink.js';
import { resolveKinds } from '../kube/snapshot/snapshot-kinds.js';
import type { SnapshotManifest, UnreadableKind } from '../model/snapshot/snapshot-manifest.js';
import { sanitize } from '../model/sanitize.js';
import { ScenarioError } from '../sim/scenario/scenario-file.js';
import { CliError, UsageError } from '../errors.js';
import { openCommandTarget, TARGET_OPTIONS } from './cluster-target.js';
import { SNAPSHOT_HELP } from './help.js';
import { numberFlag, parse } from './parse.js';
import { parseDuration } from './rollout-command.js';

const HINT = "run 'kdrill snapshot --help' for usage";
// As `kdrill trace --demo`: the demo's pods pulled, started and ready (and its crash loops showing).
const DEMO_WARM_UP_MS = 120_000;

/** `kdrill snapshot -o DIR|FILE.tar.gz`: the state of a cluster written to disk, for exploring offline or a bug report. */
export async function snapshotCommand(args: string[]): Promise<number> {
  try {
    return await snapshot(args);
  } catch (e) {
    if (e instanceof ScenarioError) throw new CliError(e.message, 1);
    throw e;
  }
}

async function snapshot(args: string[]): Promise<number> {
  const { values } = parse('snapshot', args, {
    ...TARGET_OPTIONS,
    namespace: { type: 'string', short: 'n', multiple: true },
    'all-namespaces': { type: 'boolean', short: 'A' },
    kinds: { type: 'string' },
    logs: { type: 'string' },
    since: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'redact-env': { type: 'boolean' },
    readonly: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(SNAPSHOT_HELP);
    return 0;
  }
  if (values.snapshot) throw new UsageError('kdrill snapshot takes a snapshot of a cluster, not of a snapshot', HINT);
  const out = values.output;
  if (!out) throw new UsageError('kdrill snapshot needs -o DIR or -o FILE.tar.gz', HINT);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length)) throw new UsageError(`${out} already exists${statSync(out).isDirectory() ? ' and is not empty' : ''}`, 'give a new directory or file name');
  const namespaces = values.namespace?.flatMap((n) => n.split(',')).filter(Boolean);
  if (namespaces?.length && values['all-namespaces']) throw new UsageError('-n and -A cannot be combined', HINT);
  const logLines = numberFlag('snapshot', 'logs', values.logs, 0, 100_000) ?? 100;
  let sinceSeconds: number | undefined;
  try {
    sinceSeconds = values.since === undefined ? undefined : Math.ceil(parseDuration(values.since) / 1000) || undefined;
  } catch {
    throw new UsageError(`--since must be a duration like 90s, 5m or 1h30m, not "${values.since}"`, HINT);
  }
  const kinds = values.kinds?.split(',').map((k) => k.trim()).filter(Boolean);
  const target = await openCommandTarget(values, DEMO_WARM_UP_MS);
  const { session } = target;
  try {
    if (kinds) {
      const { unknown } = resolveKinds(session.discovery, kinds);
      if (unknown.length) throw new UsageError(`the server does not serve ${unknown.map((k) => `"${k}"`).join(', ')}`, 'kinds are named as kubectl names them: pods, deploy, svc, ing, httproutes... (crds: every custom kind)');
    }
    const tty = !!process.stderr.isTTY;
    const sink = openSink(out, await kubeconfigSecrets(target.kc), Date.now());
    let manifest: SnapshotManifest;
    try {
      manifest = await captureSnapshot(session.transport, session.discovery, session.info, sink, {
        namespaces: values['all-namespaces'] ? undefined : namespaces?.length ? namespaces : [session.info.namespace],
        kinds,
        logLines,
        sinceSeconds,
        redact: { env: !!values['redact-env'] },
        home: session.info.namespace,
        progress: tty ? (line) => process.stderr.write(`\r\x1b[2Kkdrill snapshot: ${sanitize(line, true)}`) : undefined,
      });
    } finally {
      await sink.close();
      if (tty) process.stderr.write('\r\x1b[2K');
    }
    process.stdout.write(summary(manifest, out));
    return 0;
  } finally {
    await target.close();
  }
}

/** What was written and what could not be read, for the person who ran it. */
export function summary(m: SnapshotManifest, out: string): string {
  const objects = m.included.reduce((n, k) => n + k.objects, 0);
  const kinds = new Set(m.included.map((k) => k.resource)).size;
  const lines = [`snapshot of ${m.context} at ${m.capturedAt}: ${objects} objects of ${kinds} kinds, logs of ${m.logs.containers} containers, in ${out}`];
  if (m.access) lines.push(`  ${m.access}`);
  // A kind refused across all namespaces but then read in the context's namespace is one list, not a line each.
  const readInstead = m.unreadable.filter((u) => u.scope === 'all namespaces' && m.included.some((i) => i.resource === u.resource));
  if (readInstead.length) lines.push(`  read in ${m.included.find((i) => i.resource === readInstead[0].resource)!.scope} only (not allowed in all namespaces): ${readInstead.map((u) => u.resource).join(', ')}`);
  // Refused across all namespaces and in the context's too: the narrower refusal says it all.
  const alsoNarrower = (u: UnreadableKind) => u.scope === 'all namespaces' && m.unreadable.some((o) => o !== u && o.resource === u.resource);
  for (const u of m.unreadable) if (!readInstead.includes(u) && !alsoNarrower(u)) lines.push(`  not readable: ${u.resource} (${u.scope}): ${u.why}`);
  if (m.notServed.length) lines.push(`  not served: ${m.notServed.join(', ')}`);
  if (m.unreadable.length) lines.push(`  details: ${out}${/\.(tar\.gz|tgz)$/.test(out) ? ':' : '/'}kdrill-snapshot.yaml`);
  return lines.map((l) => sanitize(l, true)).join('\n') + '\n';
}
