import type { RouteNode, RouteTrace } from './route-types.js';

/** The schema name and version every JSON trace carries; bumped only on breaking changes. */
export const TRACE_SCHEMA = 'kdrill/trace/v1';

/** One node as the JSON output documents it (README: "kdrill trace -o json"). */
export interface RouteNodeJson {
  type: RouteNode['type'];
  id: string;
  label: string;
  health: RouteNode['health'];
  ref?: RouteNode['ref'];
  facts: Record<string, unknown>;
  diagnostics: RouteNode['diagnostics'];
  /** What a probe of this hop found (only with `--probe`). */
  probe?: RouteNode['probe'];
  children: RouteNodeJson[];
}

/** A trace in the stable JSON schema: schema, host, path, verdict, unavailable and the tree. */
export function traceJson(trace: RouteTrace): { schema: string; host: string; path: string | null; verdict: RouteTrace['verdict']; unavailable: Record<string, string>; root: RouteNodeJson } {
  const node = (n: RouteNode): RouteNodeJson => ({
    type: n.type,
    id: n.id,
    label: n.label,
    health: n.health,
    ...(n.ref ? { ref: n.ref } : {}),
    facts: n.facts,
    diagnostics: n.diagnostics,
    ...(n.probe ? { probe: n.probe } : {}),
    children: n.children.map(node),
  });
  return { schema: TRACE_SCHEMA, host: trace.host, path: trace.path ?? null, verdict: trace.verdict, unavailable: trace.unavailable, root: node(trace.root) };
}
