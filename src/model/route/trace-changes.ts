import { sanitize } from '../sanitize.js';
import type { RouteNode, RouteTrace } from './route-types.js';

const SHOWN = 3;

function flatten(node: RouteNode, into = new Map<string, RouteNode>()): Map<string, RouteNode> {
  into.set(node.id, node);
  for (const child of node.children) flatten(child, into);
  return into;
}

// A hop's own state: its health is left out, as it also moves when a hop under it does.
const stateOf = (n: RouteNode) => JSON.stringify([n.label, n.summary, n.diagnostics.map((d) => [d.severity, d.code, d.message])]);

function named(what: string, nodes: RouteNode[], detail: (n: RouteNode) => string = () => ''): string | undefined {
  if (!nodes.length) return undefined;
  const shown = nodes.slice(0, SHOWN).map((n) => `${sanitize(n.label, true)}${detail(n)}`);
  return `${what} ${shown.join(', ')}${nodes.length > SHOWN ? ` and ${nodes.length - SHOWN} more` : ''}`;
}

/**
 * One line saying how a route changed between two traces: the verdict (`HEALTHY → BROKEN`, or as
 * it was), then the hops that are new, gone, or changed (their health when it moved), a few named.
 */
export function traceChanges(before: RouteTrace, after: RouteTrace): string {
  const was = flatten(before.root);
  const now = flatten(after.root);
  const added = [...now.values()].filter((n) => !was.has(n.id));
  const gone = [...was.values()].filter((n) => !now.has(n.id));
  const changed = [...now.values()].filter((n) => was.has(n.id) && stateOf(was.get(n.id)!) !== stateOf(n));
  const verdict = before.verdict === after.verdict ? `still ${after.verdict.toUpperCase()}` : `${before.verdict.toUpperCase()} → ${after.verdict.toUpperCase()}`;
  const health = (n: RouteNode) => (was.get(n.id)!.health !== n.health ? ` (${was.get(n.id)!.health} → ${n.health})` : '');
  const parts = [named('changed:', changed, health), named('gone:', gone), named('new:', added)].filter(Boolean);
  return `${verdict}${parts.length ? `: ${parts.join('; ')}` : ''}`;
}
