/** How bad a finding is: `error` breaks the route, `warning` degrades it, `info` is worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/** A node's mark: the worst severity found at or under it, `ok` when nothing was. */
export type Health = 'ok' | Severity;

/** One finding about one hop of a route, in a sentence a person understands. */
export interface Diagnostic {
  severity: Severity;
  /** A stable identifier (documented in the README), e.g. `service.selector-matches-nothing`. */
  code: string;
  message: string;
}

/** The kinds of node a route tree has, root first. */
export type RouteNodeType = 'host' | 'dns' | 'edge-server' | 'edge-location' | 'upstream' | 'ingress' | 'gateway' | 'listener' | 'tls' | 'route' | 'rule' | 'path' | 'backend' | 'service' | 'resource' | 'pod' | 'container';

/** The object a node stands for, so a screen can open it. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  /** For a container node: the container, within the pod `name`. */
  container?: string;
}

import type { KubeObject } from '../types.js';
import type { ProbeResult } from '../probe/probe-types.js';

/** One node of a route tree: what it is, the facts about it, what is wrong with it, and what it leads to. */
export interface RouteNode {
  type: RouteNodeType;
  /** Unique within the tree and stable while the cluster changes (cursor key). */
  id: string;
  /** A one-line label, e.g. `service risk-admin:http (80 → 80)`. */
  label: string;
  /** Short facts shown after the label (`1/1 ready`, `10.244.1.3`, `node-a`). */
  summary: string[];
  ref?: ObjectRef;
  /** The object itself, for screens (never in the JSON output). */
  object?: KubeObject;
  /** The facts of this node type, as documented for the JSON output. */
  facts: Record<string, unknown>;
  diagnostics: Diagnostic[];
  health: Health;
  children: RouteNode[];
  /** What a probe (`--probe`, `P`) of this hop found, when one was sent. */
  probe?: ProbeResult;
}

/** The overall answer: healthy, degraded (warnings), broken (errors) or unrouted (no Ingress or attached route serves the host). */
export type Verdict = 'healthy' | 'degraded' | 'broken' | 'unrouted';

/** A traced route: the tree under the host, and the verdict. */
export interface RouteTrace {
  host: string;
  path?: string;
  verdict: Verdict;
  root: RouteNode;
  /** Resources whose absence from the caches proves nothing (forbidden, still loading). */
  unavailable: Record<string, string>;
}

const RANK: Record<Health, number> = { ok: 0, info: 1, warning: 2, error: 3 };

/** The worse of two healths. */
export function worse(a: Health, b: Health): Health {
  return RANK[b] > RANK[a] ? b : a;
}

/** A node's own mark from its diagnostics: the worst warning or error (`ok` when only information). */
export function worstOf(diagnostics: readonly Diagnostic[]): Health {
  return diagnostics.reduce<Health>((h, d) => (d.severity === 'info' ? h : worse(h, d.severity)), 'ok');
}
