import { at, int, list, str } from '../columns/read.js';
import { fromLabelSelector, formatSelector } from '../label-selector.js';
import type { KubeObject } from '../types.js';
import { writeEvents, writeLabels, writeMeta, type DescribeContext, type DescribeWriter } from './describe-writer.js';
import { writePodTemplate } from './pod-describe.js';

const REVISION = 'deployment.kubernetes.io/revision';
const selectorText = (o: KubeObject) => {
  const s = fromLabelSelector(at(o, 'spec', 'selector') as never);
  return s ? formatSelector(s) : '<none>';
};
const intOrPercent = (v: unknown, fallback: string) => (v === undefined || v === null ? fallback : String(v));

function writeTable(w: DescribeWriter, title: string, rows: unknown, columns: string[]): void {
  w.line(0, `${title}:`);
  w.line(1, ...columns);
  w.line(1, ...columns.map((c) => '-'.repeat(c.length)));
  for (const r of list(rows)) w.line(1, ...columns.map((c) => str(at(r, c.charAt(0).toLowerCase() + c.slice(1)))));
}

const rsSummary = (rs: KubeObject) => `${rs.metadata?.name} (${int(at(rs, 'status', 'replicas'))}/${int(at(rs, 'spec', 'replicas'))} replicas created)`;

/** `kubectl describe deployment`. */
export function describeDeployment(w: DescribeWriter, d: KubeObject, ctx: DescribeContext): void {
  writeMeta(w, d, { created: true });
  w.line(0, 'Selector:', selectorText(d));
  const desired = int(at(d, 'spec', 'replicas') ?? 1);
  w.line(0, 'Replicas:', `${desired} desired | ${int(at(d, 'status', 'updatedReplicas'))} updated | ${int(at(d, 'status', 'replicas'))} total | ${int(at(d, 'status', 'availableReplicas'))} available | ${int(at(d, 'status', 'unavailableReplicas'))} unavailable`);
  const type = str(at(d, 'spec', 'strategy', 'type')) || 'RollingUpdate';
  w.line(0, 'StrategyType:', type);
  w.line(0, 'MinReadySeconds:', int(at(d, 'spec', 'minReadySeconds')));
  if (type === 'RollingUpdate') {
    const ru = at(d, 'spec', 'strategy', 'rollingUpdate');
    w.line(0, 'RollingUpdateStrategy:', `${intOrPercent(at(ru, 'maxUnavailable'), '25%')} max unavailable, ${intOrPercent(at(ru, 'maxSurge'), '25%')} max surge`);
  }
  writePodTemplate(w, at(d, 'spec', 'template'));
  if (list(at(d, 'status', 'conditions')).length) writeTable(w, 'Conditions', at(d, 'status', 'conditions'), ['Type', 'Status', 'Reason']);
  const sets = ctx.indexes.ownedBy(d.metadata?.uid).filter((o) => o.kind === 'ReplicaSet');
  const current = d.metadata?.annotations?.[REVISION];
  const fresh = sets.find((rs) => rs.metadata?.annotations?.[REVISION] === current);
  // As kubectl: old ReplicaSets that still want pods.
  const old = sets.filter((rs) => rs !== fresh && int(at(rs, 'spec', 'replicas')) !== 0);
  w.line(0, 'OldReplicaSets:', old.length ? old.map(rsSummary).join(', ') : '<none>');
  w.line(0, 'NewReplicaSet:', fresh ? rsSummary(fresh) : '<none>');
  writeEvents(w, ctx.events, ctx.now);
}

/** `kubectl describe replicaset`. */
export function describeReplicaSet(w: DescribeWriter, rs: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(rs.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(rs.metadata?.namespace ?? ''));
  w.line(0, 'Selector:', selectorText(rs));
  writeLabels(w, 0, 'Labels', rs.metadata?.labels);
  writeLabels(w, 0, 'Annotations', rs.metadata?.annotations, ': ');
  const owner = (rs.metadata?.ownerReferences ?? []).find((r) => r.controller);
  if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
  w.line(0, 'Replicas:', `${int(at(rs, 'status', 'replicas'))} current / ${int(at(rs, 'spec', 'replicas'))} desired`);
  const pods = ctx.indexes.ownedBy(rs.metadata?.uid).filter((o) => o.kind === 'Pod');
  const phase = (p: string) => pods.filter((x) => str(at(x, 'status', 'phase')) === p).length;
  w.line(0, 'Pods Status:', `${phase('Running')} Running / ${phase('Pending')} Waiting / ${phase('Succeeded')} Succeeded / ${phase('Failed')} Failed`);
  writePodTemplate(w, at(rs, 'spec', 'template'));
  if (list(at(rs, 'status', 'conditions')).length) writeTable(w, 'Conditions', at(rs, 'status', 'conditions'), ['Type', 'Status', 'Reason']);
  writeEvents(w, ctx.events, ctx.now);
}
