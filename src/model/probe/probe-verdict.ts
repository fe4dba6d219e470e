import { worse, type Diagnostic, type RouteNode, type RouteTrace } from '../route/route-types.js';
import { answerPhrase, probeLine, probeVia } from './probe-text.js';
import { probeFails, type ProbeResult, type ProbeTarget } from './probe-types.js';

/** What every probed trace says about where its requests come from. */
export const PROBE_SCOPE =
  'pods/proxy and services/proxy reach pods from the API server, past NetworkPolicies, the ingress controller and sidecars: a pod that answers there may still be cut off from real clients';

/** The note a probed trace carries: what was sent, its timeout, and the proxy caveat. */
function scopeNote(runs: readonly ProbeRun[]): string {
  const first = runs[0]?.result;
  return `probes: one ${first?.method ?? 'GET'} per hop, innermost first, ${+((first?.timeoutMs ?? 0) / 1000).toFixed(1)}s timeout each; ${PROBE_SCOPE}`;
}

/** One probe sent, with its result. */
export interface ProbeRun {
  target: ProbeTarget;
  result: ProbeResult;
}

const sent = (r: ProbeResult | undefined): r is ProbeResult => !!r && r.outcome !== 'not-sent';

/** How a group of pods answered: `the pods answer 500` when they agree (outcome and status), else the first one and a count. */
function podsPhrase(pods: { node: RouteNode; r: ProbeResult }[], failing: boolean): string {
  const chosen = pods.filter((p) => probeFails(p.r) === failing);
  const first = chosen[0];
  const key = (r: ProbeResult) => `${r.outcome} ${r.status}`;
  if (chosen.length === pods.length && chosen.every((p) => key(p.r) === key(first.r))) return `the ${pods.length === 1 ? 'pod' : 'pods'} ${answerPhrase(first.r, pods.length > 1)}`;
  return `${chosen.length} of ${pods.length} pods ${answerPhrase(first.r, chosen.length > 1)} (pod ${first.node.facts.name})`;
}

/** The finding for one Service's branch: the innermost failing hop, told by the one inside it that works. */
function serviceFinding(svc: RouteNode, results: ReadonlyMap<string, ProbeResult>): string | undefined {
  const name = `Service ${svc.facts.name}`;
  const pods = svc.children.filter((c) => c.type === 'pod').map((node) => ({ node, r: results.get(node.id) })).filter((p): p is { node: RouteNode; r: ProbeResult } => sent(p.r));
  const s = results.get(svc.id);
  if (pods.some((p) => probeFails(p.r))) {
    const r = pods.find((p) => probeFails(p.r))!.r;
    const ready = pods.every((p) => p.node.facts.ready === true);
    const why = r.outcome === 'answered' && ready ? ` on ${r.method} ${r.path} while they are ready: the application itself fails, which only a request shows` : ': the pods are the innermost hop that fails';
    return `${name}: ${podsPhrase(pods, true)}${why}`;
  }
  if (sent(s) && probeFails(s)) {
    if (pods.length === 0) return `${name} ${answerPhrase(s, false)}, and none of its pods could be probed`;
    return `${podsPhrase(pods, false)}, the ${name} ${answerPhrase(s, false)}: the Service is the hop that fails (its endpoints, selector or port)`;
  }
  return undefined;
}

/** The finding for an entry (Ingress controller, Gateway) that fails while a Service behind it answers. */
function entryFinding(entry: RouteNode, results: ReadonlyMap<string, ProbeResult>, inner: RouteNode[]): string | undefined {
  const r = results.get(entry.id);
  if (!sent(r) || !probeFails(r)) return undefined;
  const what = entry.type === 'gateway' ? `the Gateway ${entry.facts.name}` : `the ingress controller of ${entry.facts.namespace}/${entry.facts.name}`;
  const working = inner.find((n) => sent(results.get(n.id)) && !probeFails(results.get(n.id)!));
  if (!working) return `${what} ${answerPhrase(r, false)} at ${r.target}`;
  return `the Service ${working.facts.name} ${answerPhrase(results.get(working.id)!, false)}, ${what} ${answerPhrase(r, false)} at ${r.target}: the entry is the hop that fails`;
}

/** The finding for an edge that fails while the cluster's entry behind it answers. */
function edgeFinding(edge: RouteNode, results: ReadonlyMap<string, ProbeResult>, entries: RouteNode[]): string | undefined {
  const r = results.get(edge.id);
  if (!sent(r) || !probeFails(r)) return undefined;
  const working = entries.find((n) => sent(results.get(n.id)) && !probeFails(results.get(n.id)!));
  if (!working) return `the edge ${answerPhrase(r, false)} at ${r.target}`;
  return `the cluster's entry ${working.facts.namespace}/${working.facts.name} ${answerPhrase(results.get(working.id)!, false)}, the edge ${answerPhrase(r, false)} at ${r.target}: the edge is the hop that fails`;
}

function collect(node: RouteNode, type: RouteNode['type']): RouteNode[] {
  return [...(node.type === type ? [node] : []), ...node.children.flatMap((c) => collect(c, type))];
}

/**
 * A trace with probe results on its nodes: each probed node carries `probe` and a line saying what
 * came back (an error where it failed); the host gets one finding per failing branch naming the
 * innermost hop that fails while the one inside it works, and the scope note. A failing probe
 * makes the route broken even where the static analysis found nothing.
 */
export function applyProbes(trace: RouteTrace, runs: readonly ProbeRun[]): RouteTrace {
  const results = new Map(runs.map((r) => [r.target.nodeId, r.result]));
  const targets = new Map(runs.map((r) => [r.target.nodeId, r.target]));
  const mark = (node: RouteNode): RouteNode => {
    const children = node.children.map(mark);
    const r = results.get(node.id);
    const diagnostics: Diagnostic[] = [...node.diagnostics];
    let health = children.reduce((h, c) => worse(h, c.health), node.health);
    if (r) {
      const fails = probeFails(r);
      diagnostics.push({ severity: fails ? 'error' : 'info', code: fails ? 'probe.failed' : r.outcome === 'not-sent' || r.outcome === 'planned' ? `probe.${r.outcome}` : 'probe.answered', message: probeLine(r, probeVia(targets.get(node.id)!)) });
      if (fails) health = worse(health, 'error');
    }
    return { ...node, children, diagnostics, health, ...(r ? { probe: r } : {}) };
  };
  const root = mark(trace.root);
  const findings: Diagnostic[] = [];
  for (const svc of collect(root, 'service')) {
    const f = serviceFinding(svc, results);
    if (f) findings.push({ severity: 'error', code: 'probe.failing-hop', message: f });
  }
  if (findings.length === 0) {
    for (const entry of [...collect(root, 'ingress'), ...collect(root, 'gateway')]) {
      const f = entryFinding(entry, results, collect(entry, 'service'));
      if (f) findings.push({ severity: 'error', code: 'probe.failing-hop', message: f });
    }
  }
  if (findings.length === 0) {
    const entries = [...collect(root, 'ingress'), ...collect(root, 'gateway')];
    for (const edge of collect(root, 'edge-server')) {
      const f = edgeFinding(edge, results, entries);
      if (f) findings.push({ severity: 'error', code: 'probe.failing-hop', message: f });
    }
  }
  const probed = runs.some((r) => r.target.via === 'api-proxy' && r.result.outcome !== 'not-sent' && r.result.outcome !== 'planned');
  const notes: Diagnostic[] = probed ? [{ severity: 'info', code: 'probe.scope', message: scopeNote(runs) }] : [];
  const failed = runs.some((r) => probeFails(r.result));
  const health = failed ? worse(root.health, 'error') : root.health;
  const verdict = trace.verdict !== 'unrouted' && failed ? 'broken' : trace.verdict;
  return { ...trace, verdict, root: { ...root, health, diagnostics: [...root.diagnostics, ...findings, ...notes] } };
}
