import { at, list, str } from '../columns/read.js';
import type { KubeObject } from '../types.js';
import type { DescribeContext, DescribeWriter } from './describe-writer.js';

// kubectl's helpTextForResourceQuotaScope.
const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const quantity = (map: unknown, key: string) => str(at(map, key)) || '0';

/** A quota's scopes (sorted) and their help lines; `help` is the prefix kubectl gives those lines. */
function writeScopes(w: DescribeWriter, level: number, q: KubeObject, help: string): void {
  const scopes = list(at(q, 'spec', 'scopes')).map(String).sort(byName);
  if (!scopes.length) return;
  w.line(level, 'Scopes:', scopes.join(', '));
  for (const s of scopes) if (SCOPE_HELP[s]) w.line(level, `${help}* ${SCOPE_HELP[s]}`);
}

/** A quota's `Resource / Used / Hard` rows, by resource name. */
function writeUsage(w: DescribeWriter, level: number, q: KubeObject, rule: string): void {
  w.line(level, 'Resource', 'Used', 'Hard');
  w.line(level, '--------', rule, rule);
  const hard = at(q, 'status', 'hard') ?? {};
  for (const r of Object.keys(hard as object).sort(byName)) w.line(level, r, quantity(at(q, 'status', 'used'), r), quantity(hard, r));
}

/** `kubectl describe resourcequota`. */
export function describeResourceQuota(w: DescribeWriter, q: KubeObject): void {
  w.line(0, 'Name:', String(q.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(q.metadata?.namespace ?? ''));
  writeScopes(w, 0, q, ' ');
  writeUsage(w, 0, q, '----');
}

/** The rows of a LimitRange: type, resource, min, max, default request, default limit, ratio (`-` when unset). */
function writeLimitRows(w: DescribeWriter, lr: KubeObject, prefix: string): void {
  for (const item of list(at(lr, 'spec', 'limits'))) {
    const fields = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'];
    // kubectl prints the resources in Go's map order (random); kdrill sorts them.
    const resources = [...new Set(fields.flatMap((f) => Object.keys((at(item, f) ?? {}) as object)))].sort(byName);
    for (const r of resources) w.line(0, `${prefix}${str(at(item, 'type'))}`, r, ...fields.map((f) => str(at(item, f, r)) || '-'));
  }
}

const LIMIT_HEADER = ['Type', 'Resource', 'Min', 'Max', 'Default Request', 'Default Limit', 'Max Limit/Request Ratio'];

/** `kubectl describe limitrange`. */
export function describeLimitRange(w: DescribeWriter, lr: KubeObject): void {
  w.line(0, 'Name:', String(lr.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(lr.metadata?.namespace ?? ''));
  w.line(0, ...LIMIT_HEADER);
  w.line(0, ...LIMIT_HEADER.map((h) => '-'.repeat(h.length)));
  writeLimitRows(w, lr, '');
}

/**
 * The quota and limit sections of `kubectl describe namespace`, from the quotas and limit ranges
 * the indexes hold; a section is left out when its resource is unavailable (kubectl leaves it out
 * when the server does not serve it).
 */
export function writeNamespaceLimits(w: DescribeWriter, ns: KubeObject, ctx: DescribeContext): void {
  const name = String(ns.metadata?.name ?? '');
  const quotas = ctx.indexes.quotas.get(name).sort((a, b) => byName(String(a.metadata?.name), String(b.metadata?.name)));
  if (!ctx.indexes.unavailable.has('resourcequotas')) writeQuotas(w, quotas);
  if (!ctx.indexes.unavailable.has('limitranges')) writeLimitRanges(w, ctx.indexes.limitRanges.get(name).sort((a, b) => byName(String(a.metadata?.name), String(b.metadata?.name))));
}

function writeQuotas(w: DescribeWriter, quotas: KubeObject[]): void {
  w.raw('\n');
  if (!quotas.length) w.raw('No resource quota.\n');
  else {
    w.raw('Resource Quotas\n');
    for (const q of quotas) {
      w.line(1, 'Name:', String(q.metadata?.name ?? ''));
      writeScopes(w, 1, q, '');
      writeUsage(w, 1, q, '---');
    }
  }
}

function writeLimitRanges(w: DescribeWriter, ranges: KubeObject[]): void {
  w.raw('\n');
  if (!ranges.length) return w.raw('No LimitRange resource.\n');
  w.raw('Resource Limits\n');
  w.line(0, ...LIMIT_HEADER.map((h, i) => (i === 0 ? ` ${h}` : h)));
  w.line(0, ...LIMIT_HEADER.map((h, i) => `${i === 0 ? ' ' : ''}${'-'.repeat(h.length)}`));
  for (const lr of ranges) writeLimitRows(w, lr, ' ');
}
