import { safeJson, sanitize } from '../model/sanitize.js';
import type { ClusterSession } from '../kube/cluster-session.js';
import { renderTrace, type Painter } from '../model/route/route-lines.js';
import { traceChanges } from '../model/route/trace-changes.js';
import { traceJson } from '../model/route/route-json.js';
import { parseRouteTarget } from '../model/route/route-target.js';
import type { RouteTrace } from '../model/route/route-types.js';
import { OUTSIDE_RESOURCES, ROUTE_ENTRY_RESOURCES, ROUTE_RESOURCES, routeNamespaces, traceRoute, type TraceQuery } from '../model/route/trace-route.js';
import { controllerNamespaces } from '../model/route/entry-points.js';
import type { EdgeConfig } from '../model/edge/edge-types.js';
import { lookupHost, parseDnsServer, type DnsServerChoice } from '../net/dns-lookup.js';
import { readEdgeConfig } from '../net/edge-files.js';
import { ScenarioError } from '../sim/scenario/scenario-file.js';
import { DEMO_WARM_UP_MS, openCommandTarget, TARGET_OPTIONS } from './cluster-target.js';
import { TRACE_HELP } from './help.js';
import { parse } from './parse.js';
import { SNAPSHOT_DNS_NOTE, snapshotBanner } from '../model/snapshot/snapshot-manifest.js';
import { CliError, UsageError } from '../errors.js';
import { DEFAULT_PROBE, type ProbeOptions } from '../model/probe/probe-plan.js';
import { probeNetwork, probeTrace, standInEdges } from './probe-route.js';

/** Exit statuses of `kdrill trace`, as documented. */
export const TRACE_EXIT = { healthy: 0, degraded: 1, broken: 1, unrouted: 2, error: 3 } as const;

/** Reads `HOST[/PATH]` (a URL is accepted too) into a query, or throws a UsageError. */
export function parseTarget(arg: string | undefined, namespace?: string): TraceQuery {
  if (!arg) throw new UsageError('kdrill trace needs a host, e.g. kdrill trace shop.example.com/cart', "run 'kdrill trace --help' for usage");
  const target = parseRouteTarget(arg);
  if (!target) throw new UsageError(`"${arg}" is not a host name (expected HOST or HOST/PATH, e.g. shop.example.com/cart)`, "run 'kdrill trace --help' for usage");
  return { ...target, namespace };
}

const ANSI: Record<string, string> = { ok: '32', info: '36', warning: '33', error: '31', dim: '2' };
const paintAnsi: Painter = (h, t) => (t ? `\x1b[${ANSI[h]}m${t}\x1b[0m` : t);

/** `kdrill trace HOST[/PATH]`: the route from a host to its containers, as text or JSON. */
export async function traceCommand(args: string[]): Promise<number> {
  try {
    return await trace(args);
  } catch (e) {
    // Usage and cluster errors share exit status 3, so 1 and 2 always speak about the route.
    if (e instanceof UsageError || e instanceof CliError) throw new CliError(e.message, TRACE_EXIT.error, e.hint);
    if (e instanceof ScenarioError) throw new CliError(e.message, TRACE_EXIT.error);
    throw e;
  }
}

async function trace(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    'trace',
    args,
    {
      ...TARGET_OPTIONS,
      namespace: { type: 'string', short: 'n' },
      output: { type: 'string', short: 'o' },
      watch: { type: 'boolean', short: 'w' },
      'no-color': { type: 'boolean' },
      'dns-server': { type: 'string' },
      'edge-config': { type: 'string', multiple: true },
      probe: { type: 'boolean' },
      'probe-method': { type: 'string' },
      readonly: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(TRACE_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`kdrill trace takes one HOST[/PATH], not ${positionals.length}`, "run 'kdrill trace --help' for usage");
  const output = values.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new UsageError(`-o must be text or json, not "${output}"`, "run 'kdrill trace --help' for usage");
  const query = parseTarget(positionals[0], values.namespace);
  const probe = probeOptions(values);
  const dnsFlag = values['dns-server'];
  if (dnsFlag !== undefined && !parseDnsServer(dnsFlag)) throw new UsageError(`--dns-server must be IP[:PORT], not "${dnsFlag}"`, "run 'kdrill trace --help' for usage");
  const edges = (values['edge-config'] ?? []).map(readEdge);
  const target = await openCommandTarget(values, DEMO_WARM_UP_MS, !probe);
  const { session, log } = target;
  try {
    // The lookup runs while the caches load; it never fails the trace.
    const dnsChoice: DnsServerChoice = dnsFlag ? { server: dnsFlag, label: `dns server ${dnsFlag}` } : target.dnsServer ? { server: target.dnsServer, label: target.demo ? 'demo resolver' : 'the kubeconfig\'s resolver' } : { label: 'system resolver' };
    // A snapshot is offline: what the host resolves to now says nothing about the captured cluster.
    const dnsAnswer = session.snapshot ? undefined : lookupHost(query.host, dnsChoice);
    log.info('trace', { host: query.host, path: query.path, context: session.info.context, server: session.info.server });
    // Ingresses first; then the rest of the route only in the namespaces they send this host to,
    // so that tracing one host on a large cluster lists a few namespaces, not every pod.
    await session.reviewed;
    session.addRelations(ROUTE_ENTRY_RESOURCES, [values.namespace]);
    await session.relationsReady();
    session.addRelations(ROUTE_RESOURCES, routeNamespaces(session.indexes, query));
    const dns = await dnsAnswer;
    Object.assign(query, { ...(dns ? { dns } : {}), ...(edges.length ? { edges } : {}) });
    if (dns) log.info('dns', { host: query.host, server: dns.server, addresses: dns.addresses.join(','), error: dns.error });
    // Entry points (controller pods, their Services, node addresses) only when there is something to compare them with.
    if (dns?.addresses.length || edges.length) session.addRelations(OUTSIDE_RESOURCES, controllerNamespaces(session.indexes));
    await session.relationsReady();
    const why = session.indexes.unavailable.get('ingresses.networking.k8s.io');
    if (why) throw new CliError(`cannot list Ingresses: ${why}`, TRACE_EXIT.error, values.namespace ? undefined : 'name a namespace you may read with -n NS');
    // A user who may not list Ingresses in all namespaces gets the trace of those they may read, and is told so.
    const searched = !values.namespace && session.refusedClusterWide('ingresses.networking.k8s.io') ? session.homeNamespaces : undefined;
    if (searched) process.stderr.write(`kdrill: Ingresses cannot be listed in all namespaces; searched ${searched.length === 1 ? 'namespace' : 'namespaces'} ${sanitize(searched.join(', '), true)} only (-n NS for another)\n`);
    const color = output === 'text' && !!process.stdout.isTTY && !values['no-color'] && !process.env.NO_COLOR;
    // The DNS hop (when the trace has one) has nothing to resolve against offline: see SNAPSHOT_DNS_NOTE.
    if (session.snapshot) process.stderr.write(`kdrill: ${sanitize(snapshotBanner(session.snapshot), true)}; ${SNAPSHOT_DNS_NOTE}\n`);
    const print = (t: RouteTrace) => process.stdout.write(output === 'json' ? `${safeJson(searched ? { ...traceJson(t), searched } : traceJson(t), 2)}\n` : renderTrace(t, color ? paintAnsi : undefined));
    let last = traceRoute(session.indexes, query, session.now());
    if (probe) {
      await standInEdges(target, dns?.addresses ?? [], edges);
      last = await probeTrace(last, session, await probeNetwork(target), probe);
    }
    print(last);
    // Each new tree of a text watch comes after a timestamped line saying what changed (JSON stays a stream of documents).
    const separate = (before: RouteTrace, after: RouteTrace) => process.stdout.write(output === 'json' ? '\n' : `\n── ${new Date().toISOString().slice(0, 19)}Z ── ${traceChanges(before, after)}\n`);
    // A snapshot does not change: there is nothing to watch for.
    if (values.watch && !session.snapshot) last = await watchTrace(session, query, last, print, separate);
    log.info('verdict', { host: query.host, verdict: last.verdict, unavailable: Object.keys(last.unavailable).join(',') });
    return TRACE_EXIT[last.verdict];
  } finally {
    await target.close();
  }
}

/** The probe options the flags ask for (undefined: no probing); refused under --readonly, before anything connects. */
function probeOptions(values: { probe?: boolean; 'probe-method'?: string; readonly?: boolean; watch?: boolean }): ProbeOptions | undefined {
  const method = (values['probe-method'] ?? 'GET').toUpperCase();
  if (values['probe-method'] !== undefined && !values.probe) throw new UsageError('--probe-method needs --probe', "run 'kdrill trace --help' for usage");
  if (!values.probe) return undefined;
  if (values.readonly) throw new CliError('--readonly refuses --probe: probes send requests to the applications (nothing was sent)', TRACE_EXIT.error);
  if (method !== 'GET' && method !== 'HEAD') throw new UsageError(`--probe-method must be GET or HEAD, not "${values['probe-method']}"`, "run 'kdrill trace --help' for usage");
  if (values.watch) throw new UsageError('--probe cannot be combined with --watch: probes are sent once, when asked');
  return { ...DEFAULT_PROBE, method };
}

/** Reads one `--edge-config PATH`, or throws a UsageError saying why it cannot be read. */
function readEdge(path: string): EdgeConfig {
  try {
    return readEdgeConfig(path);
  } catch (e) {
    throw new UsageError(`cannot read --edge-config ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Reprints the trace whenever it changes, until SIGINT or SIGTERM; resolves with the last trace. */
function watchTrace(session: ClusterSession, query: TraceQuery, first: RouteTrace, print: (t: RouteTrace) => void, separate: (before: RouteTrace, after: RouteTrace) => void): Promise<RouteTrace> {
  let last = first;
  let lastJson = JSON.stringify(traceJson(first));
  return new Promise((resolve) => {
    const unsubscribe = session.indexes.subscribe(() => {
      // An Ingress may now send the host to another namespace: watch that one too.
      session.addRelations(ROUTE_RESOURCES, routeNamespaces(session.indexes, query));
      const next = traceRoute(session.indexes, query, session.now());
      const json = JSON.stringify(traceJson(next));
      if (json === lastJson) return;
      separate(last, next);
      last = next;
      lastJson = json;
      print(next);
    });
    const stop = () => {
      unsubscribe();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(last);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
