import type { ClusterSession } from '../kube/cluster-session.js';
import { probeTrace as probeWith, type ProbeNetwork } from '../kube/route-probe.js';
import type { ProbeOptions } from '../model/probe/probe-plan.js';
import type { RouteTrace } from '../model/route/route-types.js';
import type { CommandTarget } from './cluster-target.js';
import type { EdgeConfig } from '../model/edge/edge-types.js';
import { fetchStandIns } from '../net/kubeconfig-stand-ins.js';

/**
 * Where a command's probes may connect: in the demo, and against a simulator whose kubeconfig names
 * its stand-ins (`kdrill sim`), only to loopback, the fake addresses replaced by the stand-ins;
 * elsewhere anywhere, unless KDRILL_PROBE_LOOPBACK_ONLY=1 says loopback only.
 */
export async function probeNetwork(target: Pick<CommandTarget, 'demo' | 'sim' | 'standInsUrl'>): Promise<ProbeNetwork> {
  if (target.demo) return { standIns: target.sim?.standIns, loopbackOnly: true };
  if (target.standInsUrl) return { standIns: await fetchStandIns(target.standInsUrl), loopbackOnly: true };
  return { loopbackOnly: process.env.KDRILL_PROBE_LOOPBACK_ONLY === '1' };
}

/**
 * In the demo, plays each `--edge-config` at the addresses the host resolved to (the edge's fake WAN
 * address), on loopback stand-ins, so the edge hop can be probed; a cluster entry address stays the entry.
 */
export async function standInEdges(target: Pick<CommandTarget, 'sim'>, addresses: readonly string[], edges: readonly EdgeConfig[]): Promise<void> {
  const sim = target.sim;
  if (!sim) return;
  const taken = new Set([...sim.standIns.keys()].map((k) => k.replace(/:\d+$/, '')));
  for (const a of addresses) if (!taken.has(a)) for (const e of edges) await sim.entries.addEdge(a, e);
}

/** Probes a traced route through the session's own (pinned) transport. */
export function probeTrace(trace: RouteTrace, session: ClusterSession, net: ProbeNetwork, opts: ProbeOptions): Promise<RouteTrace> {
  return probeWith(trace, session.transport, net, opts);
}
