import type { ClusterSession } from '../kube/cluster-session.js';
import { probeTrace as probeWith, type ProbeNetwork } from '../kube/route-probe.js';
import type { ProbeOptions } from '../model/probe/probe-plan.js';
import type { RouteTrace } from '../model/route/route-types.js';
import type { CommandTarget } from './cluster-target.js';

/**
 * Where a command's probes may connect: in the demo only to loopback, its fake addresses replaced by
 * the simulator's stand-ins; elsewhere anywhere, unless KDRILL_PROBE_LOOPBACK_ONLY=1 (tests) says loopback only.
 */
export function probeNetwork(target: Pick<CommandTarget, 'demo' | 'sim'>): ProbeNetwork {
  if (target.demo) return { standIns: target.sim?.standIns, loopbackOnly: true };
  return { loopbackOnly: process.env.KDRILL_PROBE_LOOPBACK_ONLY === '1' };
}

/** Probes a traced route through the session's own (pinned) transport. */
export function probeTrace(trace: RouteTrace, session: ClusterSession, net: ProbeNetwork, opts: ProbeOptions): Promise<RouteTrace> {
  return probeWith(trace, session.transport, net, opts);
}
