import { sanitize } from '../sanitize.js';
import type { Diagnostic, Health, RouteNode, RouteTrace } from './route-types.js';

/** One line of a drawn route tree: a node, or one of a node's diagnostics under it. */
export interface RouteLine {
  /** Unique per line: the node id, or `node id#index` for a diagnostic. */
  key: string;
  node: RouteNode;
  diagnostic?: Diagnostic;
  /** Tree-drawing characters before the mark (`│  ├─ `). */
  prefix: string;
  depth: number;
}

/** The mark in front of a node: a short word that reads without colour. */
export const MARKS: Record<Health, string> = { ok: 'ok  ', info: 'info', warning: 'warn', error: 'FAIL' };

/** The tree as lines, depth first, each node followed by its diagnostics (indented under it). */
export function routeLines(root: RouteNode): RouteLine[] {
  const out: RouteLine[] = [];
  const walk = (node: RouteNode, lead: string, branch: string, depth: number) => {
    out.push({ key: node.id, node, prefix: lead + branch, depth });
    const under = lead + (branch === '' ? '' : branch === '└─ ' ? '   ' : '│  ');
    const more = node.children.length > 0;
    node.diagnostics.forEach((d, i) => out.push({ key: `${node.id}#${i}`, node, diagnostic: d, prefix: under + (more ? '│  ' : '   '), depth: depth + 1 }));
    node.children.forEach((c, i) => walk(c, under, i === node.children.length - 1 ? '└─ ' : '├─ ', depth + 1));
  };
  walk(root, '', '', 0);
  return out;
}

/** A line's text after its prefix: mark, label and facts for a node; severity and message for a diagnostic. */
export function lineText(line: RouteLine): { mark: string; text: string; health: Health } {
  if (line.diagnostic) return { mark: '', text: sanitize(`${line.diagnostic.severity}: ${line.diagnostic.message}`, true), health: line.diagnostic.severity };
  const n = line.node;
  const facts = n.summary.filter(Boolean).join(' · ');
  return { mark: MARKS[n.health], text: sanitize(facts ? `${n.label}  ${facts}` : n.label, true), health: n.health };
}

/** Paints a piece of text by health (identity when output has no colour). */
export type Painter = (health: Health | 'dim', text: string) => string;

const VERDICT_HEALTH: Record<RouteTrace['verdict'], Health> = { healthy: 'ok', degraded: 'warning', broken: 'error', unrouted: 'error' };

/** The whole trace as text for a terminal or a pipe: the verdict, then the tree with diagnostics. */
export function renderTrace(trace: RouteTrace, paint: Painter = (_h, t) => t): string {
  const lines = routeLines(trace.root);
  const out = [`${sanitize(trace.root.label, true)}  ${paint(VERDICT_HEALTH[trace.verdict], trace.verdict.toUpperCase())}`];
  for (const l of lines.slice(1)) {
    const { mark, text, health } = lineText(l);
    out.push(l.diagnostic ? `${paint('dim', l.prefix)}${paint(health, text)}` : `${paint('dim', l.prefix)}${paint(health, mark)} ${text}`);
  }
  const unavailable = Object.entries(trace.unavailable);
  if (unavailable.length) out.push(paint('dim', `not checked: ${unavailable.map(([r, why]) => sanitize(`${r} (${why})`, true)).join(', ')}`));
  return out.join('\n') + '\n';
}
