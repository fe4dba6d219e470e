import { at, int, list, str, text } from '../columns/read.js';
import { fromLabelSelector, formatSelector } from '../label-selector.js';
import { shortHumanDuration, timestampMs } from '../format/duration.js';
import type { KubeObject } from '../types.js';
import { describeTime, writeAnnotations, writeEvents, writeLabels, writeMeta, type DescribeContext, type DescribeWriter } from './describe-writer.js';
import { controllerOf } from '../owner-chain.js';
import { writePodTemplate } from './pod-describe.js';

const REVISION = 'deployment.kubernetes.io/revision';
const selectorText = (o: KubeObject) => {
  const s = fromLabelSelector(at(o, 'spec', 'selector') as never);
  return s ? formatSelector(s) : '<none>';
};
const intOrPercent = (v: unknown, fallback: string) => (v === undefined || v === null ? fallback : text(v));

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
  writeEvents(w, ctx);
}

/** The head ReplicaSets and Jobs share: name, namespace, selector, labels, annotations, controller. */
function writeControlledHead(w: DescribeWriter, o: KubeObject): void {
  w.line(0, 'Name:', String(o.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(o.metadata?.namespace ?? ''));
  w.line(0, 'Selector:', selectorText(o));
  writeLabels(w, 0, 'Labels', o.metadata?.labels);
  writeAnnotations(w, 0, o.metadata?.annotations);
  const owner = controllerOf(o);
  if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
}

/** `kubectl describe replicaset`. */
export function describeReplicaSet(w: DescribeWriter, rs: KubeObject, ctx: DescribeContext): void {
  writeControlledHead(w, rs);
  w.line(0, 'Replicas:', `${int(at(rs, 'status', 'replicas'))} current / ${int(at(rs, 'spec', 'replicas'))} desired`);
  w.line(0, 'Pods Status:', podsStatus(ctx.indexes.ownedBy(rs.metadata?.uid).filter((o) => o.kind === 'Pod')));
  writePodTemplate(w, at(rs, 'spec', 'template'));
  if (list(at(rs, 'status', 'conditions')).length) writeTable(w, 'Conditions', at(rs, 'status', 'conditions'), ['Type', 'Status', 'Reason']);
  writeEvents(w, ctx);
}

function podsStatus(pods: KubeObject[]): string {
  const phase = (p: string) => pods.filter((x) => str(at(x, 'status', 'phase')) === p).length;
  return `${phase('Running')} Running / ${phase('Pending')} Waiting / ${phase('Succeeded')} Succeeded / ${phase('Failed')} Failed`;
}

/** `kubectl describe statefulset`. */
export function describeStatefulSet(w: DescribeWriter, sts: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(sts.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(sts.metadata?.namespace ?? ''));
  w.line(0, 'CreationTimestamp:', describeTime(sts.metadata?.creationTimestamp));
  w.line(0, 'Selector:', selectorText(sts));
  writeLabels(w, 0, 'Labels', sts.metadata?.labels);
  writeAnnotations(w, 0, sts.metadata?.annotations);
  w.line(0, 'Replicas:', `${int(at(sts, 'spec', 'replicas') ?? 1)} desired | ${int(at(sts, 'status', 'replicas'))} total`);
  w.line(0, 'Update Strategy:', str(at(sts, 'spec', 'updateStrategy', 'type')) || 'RollingUpdate');
  const partition = at(sts, 'spec', 'updateStrategy', 'rollingUpdate', 'partition');
  if (typeof partition === 'number') w.line(1, 'Partition:', partition);
  w.line(0, 'Pods Status:', podsStatus(ctx.indexes.ownedBy(sts.metadata?.uid).filter((o) => o.kind === 'Pod')));
  writePodTemplate(w, at(sts, 'spec', 'template'));
  const claims = list(at(sts, 'spec', 'volumeClaimTemplates'));
  if (!claims.length) w.line(0, 'Volume Claims:', '<none>');
  else {
    w.line(0, 'Volume Claims:');
    for (const c of claims) {
      w.line(1, 'Name:', str(at(c, 'metadata', 'name')));
      w.line(1, 'StorageClass:', str(at(c, 'spec', 'storageClassName')));
      writeLabels(w, 1, 'Labels', at(c, 'metadata', 'labels'));
      writeLabels(w, 1, 'Annotations', at(c, 'metadata', 'annotations'), ': ');
      w.line(1, 'Capacity:', str(at(c, 'spec', 'resources', 'requests', 'storage')) || '<default>');
      w.line(1, 'Access Modes:', `[${list(at(c, 'spec', 'accessModes')).map(String).join(' ')}]`);
    }
  }
  writeEvents(w, ctx);
}

/** `kubectl describe daemonset`. */
export function describeDaemonSet(w: DescribeWriter, ds: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(ds.metadata?.name ?? ''));
  w.line(0, 'Selector:', selectorText(ds));
  const nodeSelector = at(ds, 'spec', 'template', 'spec', 'nodeSelector') as Record<string, string> | undefined;
  w.line(0, 'Node-Selector:', nodeSelector && Object.keys(nodeSelector).length ? Object.keys(nodeSelector).sort().map((k) => `${k}=${nodeSelector[k]}`).join(',') : '<none>');
  writeLabels(w, 0, 'Labels', ds.metadata?.labels);
  writeAnnotations(w, 0, ds.metadata?.annotations);
  w.raw(`Desired Number of Nodes Scheduled: ${int(at(ds, 'status', 'desiredNumberScheduled'))}\n`);
  w.raw(`Current Number of Nodes Scheduled: ${int(at(ds, 'status', 'currentNumberScheduled'))}\n`);
  w.raw(`Number of Nodes Scheduled with Up-to-date Pods: ${int(at(ds, 'status', 'updatedNumberScheduled'))}\n`);
  w.raw(`Number of Nodes Scheduled with Available Pods: ${int(at(ds, 'status', 'numberAvailable'))}\n`);
  w.raw(`Number of Nodes Misscheduled: ${int(at(ds, 'status', 'numberMisscheduled'))}\n`);
  w.line(0, 'Pods Status:', podsStatus(ctx.indexes.ownedBy(ds.metadata?.uid).filter((o) => o.kind === 'Pod')));
  writePodTemplate(w, at(ds, 'spec', 'template'));
  writeEvents(w, ctx);
}

/** `kubectl describe job`. */
export function describeJob(w: DescribeWriter, job: KubeObject, ctx: DescribeContext): void {
  writeControlledHead(w, job);
  w.line(0, 'Parallelism:', int(at(job, 'spec', 'parallelism') ?? 1));
  const completions = at(job, 'spec', 'completions');
  w.line(0, 'Completions:', typeof completions === 'number' ? completions : '<unset>');
  w.line(0, 'Completion Mode:', str(at(job, 'spec', 'completionMode')) || 'NonIndexed');
  w.line(0, 'Suspend:', String(at(job, 'spec', 'suspend') === true));
  w.line(0, 'Backoff Limit:', int(at(job, 'spec', 'backoffLimit') ?? 6));
  const ttl = at(job, 'spec', 'ttlSecondsAfterFinished');
  if (typeof ttl === 'number') w.line(0, 'TTL Seconds After Finished:', ttl);
  const start = timestampMs(at(job, 'status', 'startTime'));
  if (start !== undefined) w.line(0, 'Start Time:', describeTime(at(job, 'status', 'startTime')));
  const done = timestampMs(at(job, 'status', 'completionTime'));
  if (done !== undefined) {
    w.line(0, 'Completed At:', describeTime(at(job, 'status', 'completionTime')));
    if (start !== undefined) w.line(0, 'Duration:', shortHumanDuration(done - start));
  }
  const deadline = at(job, 'spec', 'activeDeadlineSeconds');
  if (typeof deadline === 'number') w.line(0, 'Active Deadline Seconds:', `${deadline}s`);
  w.line(0, 'Pods Statuses:', `${int(at(job, 'status', 'active'))} Active (${int(at(job, 'status', 'ready'))} Ready) / ${int(at(job, 'status', 'succeeded'))} Succeeded / ${int(at(job, 'status', 'failed'))} Failed`);
  writePodTemplate(w, at(job, 'spec', 'template'));
  writeEvents(w, ctx);
}

/** `kubectl describe cronjob`. */
export function describeCronJob(w: DescribeWriter, cj: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(cj.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(cj.metadata?.namespace ?? ''));
  writeLabels(w, 0, 'Labels', cj.metadata?.labels);
  writeAnnotations(w, 0, cj.metadata?.annotations);
  w.line(0, 'Schedule:', str(at(cj, 'spec', 'schedule')));
  w.line(0, 'Concurrency Policy:', str(at(cj, 'spec', 'concurrencyPolicy')) || 'Allow');
  w.line(0, 'Suspend:', at(cj, 'spec', 'suspend') === true ? 'True' : 'False');
  const hist = (k: string) => (typeof at(cj, 'spec', k) === 'number' ? String(at(cj, 'spec', k)) : '<unset>');
  w.line(0, 'Successful Job History Limit:', hist('successfulJobsHistoryLimit'));
  w.line(0, 'Failed Job History Limit:', hist('failedJobsHistoryLimit'));
  const sds = at(cj, 'spec', 'startingDeadlineSeconds');
  w.line(0, 'Starting Deadline Seconds:', typeof sds === 'number' ? `${sds}s` : '<unset>');
  const jt = at(cj, 'spec', 'jobTemplate');
  const sel = fromLabelSelector(at(jt, 'spec', 'selector') as never);
  w.line(0, 'Selector:', sel ? formatSelector(sel) : '<unset>');
  w.line(0, 'Parallelism:', typeof at(jt, 'spec', 'parallelism') === 'number' ? String(at(jt, 'spec', 'parallelism')) : '<unset>');
  w.line(0, 'Completions:', typeof at(jt, 'spec', 'completions') === 'number' ? String(at(jt, 'spec', 'completions')) : '<unset>');
  const ads = at(jt, 'spec', 'activeDeadlineSeconds');
  if (typeof ads === 'number') w.line(0, 'Active Deadline Seconds:', `${ads}s`);
  writePodTemplate(w, at(jt, 'spec', 'template'));
  w.line(0, 'Last Schedule Time:', at(cj, 'status', 'lastScheduleTime') ? describeTime(at(cj, 'status', 'lastScheduleTime')) : '<unset>');
  const active = list(at(cj, 'status', 'active')).map((r) => str(at(r, 'name')));
  w.line(0, 'Active Jobs:', active.join(', ') || '<none>');
  writeEvents(w, ctx);
}
