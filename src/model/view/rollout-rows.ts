import { humanDuration, translateTimestampSince } from '../format/duration.js';
import { podProblem } from '../rollout/rollout-stuck.js';
import { at, list, str } from '../columns/read.js';
import { controlledRevisions, revisionTemplate } from '../rollout/revision-history.js';
import { rolloutHistory, templateDiff } from '../rollout/rollout-history.js';
import { podLine, type RolloutModel, type RevisionState } from '../rollout/rollout-model.js';
import { sanitize } from '../sanitize.js';
import type { KubeObject } from '../types.js';
import type { RouteRow } from './route-rows.js';
import type { Health } from './row-health.js';

/** A text bar of `value` out of `max`, `width` cells wide. */
export function bar(value: number, max: number, width = 10): string {
  const full = max > 0 ? Math.round((Math.min(value, max) / max) * width) : 0;
  return '█'.repeat(full) + '░'.repeat(width - full);
}

const row = (key: string, text: string, health: Health = 'ok', object?: KubeObject): RouteRow => ({ key, cells: [sanitize(text, true)], health, object });
const title = (key: string, text: string): RouteRow => row(`§${key}`, text, 'done');
const ago = (t: number | undefined, now: number) => (t === undefined ? '?' : translateTimestampSince(new Date(t).toISOString(), now));

function revisionRows(m: RolloutModel): RouteRow[] {
  const max = Math.max(1, ...m.revisions.map((r) => Math.max(r.desired, r.current)));
  return m.revisions.map((r: RevisionState) =>
    row(
      `rev/${r.revision}`,
      `  rev ${r.revision.padEnd(10)} ${r.isNew ? 'new' : 'old'}  ${bar(r.available, max)}  desired ${r.desired} · current ${r.current} · ready ${r.ready} · available ${r.available}  ${r.replicaSet?.metadata?.name ?? ''}  ${r.images.join(' ')}`,
      r.isNew && r.available < r.desired ? 'warn' : 'ok',
      r.replicaSet,
    ),
  );
}

// A pod line's columns, each padded to its longest value: the name (what identifies it) first,
// then READY, restarts and age, which a narrow terminal must keep; the status and a problem last,
// where a cut costs the least.
function podRows(m: RolloutModel, now: number): RouteRow[] {
  const lines = m.revisions
    .slice()
    .reverse()
    .flatMap((r) =>
      r.pods.map((p) => {
        const { status, ready, restarts } = podLine(p);
        const problem = podProblem(p, now);
        const health: Health = problem ? 'error' : ready.startsWith('0/') || status !== 'Running' ? 'warn' : 'ok';
        const cells = [`rev ${r.revision}`, String(p.metadata?.name), ready, `${restarts} restarts`, translateTimestampSince(p.metadata?.creationTimestamp, now), status];
        return { p, cells, health, problem };
      }),
    );
  const widths = lines[0]?.cells.map((_, i) => Math.max(...lines.map((l) => l.cells[i].length))) ?? [];
  return lines.map(({ p, cells, health, problem }) =>
    row(`pod/${p.metadata?.uid}`, `  ${cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join('  ')}${problem ? `  ${problem.reason}: ${problem.detail}` : ''}`, health, p),
  );
}

function eventText(e: KubeObject, now: number): string {
  const io = e.involvedObject ?? e.regarding ?? {};
  return `${translateTimestampSince(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp, now).padEnd(5)} ${String(e.type ?? '').padEnd(8)} ${String(e.reason ?? '').padEnd(20)} ${String(io.kind ?? '').toLowerCase()}/${io.name ?? ''}  ${e.message ?? e.note ?? ''}`;
}

/** A StatefulSet's or DaemonSet's history from its ControllerRevisions: `kubectl rollout history`'s revisions, with images and age. */
function controllerHistoryRows(w: KubeObject, revisions: readonly KubeObject[], now: number): RouteRow[] {
  const own = controlledRevisions(w, revisions);
  const newest = own.at(-1);
  return own.map((cr) => {
    const images = list(at(revisionTemplate(cr), 'spec', 'containers')).map((c) => str(at(c, 'image'))).join(',');
    const cause = str(at(cr, 'metadata', 'annotations', 'kubernetes.io/change-cause')) || '<none>';
    const created = ago(Date.parse(String(cr.metadata?.creationTimestamp ?? '')) || undefined, now);
    return row(`hist/${cr.revision}`, `  ${String(cr.revision).padEnd(4)} ${cr === newest ? 'current ' : '        '} ${images.padEnd(30)} created ${created} ago  ${cause}`, 'ok', cr);
  });
}

/**
 * The rollout view as lines: header, kubectl's status, the stuck warning, revisions, pods, conditions,
 * history (a Deployment's from its ReplicaSets; a StatefulSet's or DaemonSet's from `controllerRevisions`), events.
 */
export function rolloutRows(m: RolloutModel, now: number, controllerRevisions?: readonly KubeObject[], eventsLoading = false): RouteRow[] {
  const w = m.workload;
  const ns = String(w.metadata?.namespace ?? '');
  const name = String(w.metadata?.name ?? '');
  const settings = [m.strategy.text, m.paused ? 'PAUSED' : '', m.progressDeadlineSeconds !== undefined ? `progress deadline ${m.progressDeadlineSeconds}s` : '', `min ready ${m.minReadySeconds}s`].filter(Boolean).join(' · ');
  const fresh = m.revisions.find((r) => r.isNew);
  const timing = m.finishedAt !== undefined && m.startedAt !== undefined
    ? `finished ${ago(m.finishedAt, now)} ago, after ${humanDuration(Math.max(0, m.finishedAt - m.startedAt))}`
    : m.startedAt !== undefined ? `started ${ago(m.startedAt, now)} ago` : '';
  const out: RouteRow[] = [
    row('workload', `${String(w.kind).toLowerCase()} ${ns}/${name}  ${settings}`, 'ok', w),
    row('status', `status    ${m.status.error ? `error: ${m.status.error}` : m.status.message}`, m.status.error ? 'error' : m.status.done ? 'ok' : 'warn', w),
  ];
  if (m.stuck) out.push(row('stuck', `          ${m.stuck}`, 'error', w));
  const previous = [...m.revisions].reverse().find((r) => !r.isNew && r.current > 0);
  const revisions = previous && !m.status.done ? `${previous.revision} → ${fresh?.revision ?? '?'}` : (fresh?.revision ?? '?');
  out.push(row('revision', `revision  ${revisions}${m.imageChanges.length ? `  ${m.imageChanges.join(', ')}` : ''}${timing ? `  ${timing}` : ''}`, 'ok', w));
  // What changes now stays in sight whatever the height: the newest event under the summary,
  // and the events (newest first) right after the pods, before conditions and history.
  const latest = m.events[m.events.length - 1];
  if (latest) out.push(row('latest', `latest    ${eventText(latest, now)}`, latest.type === 'Warning' ? 'warn' : 'ok', latest));
  out.push(title('revisions', 'REVISIONS'), ...revisionRows(m));
  out.push(title('pods', 'PODS'), ...podRows(m, now));
  out.push(title('events', eventsLoading && !m.events.length ? 'EVENTS  loading…' : 'EVENTS  (newest first)'));
  for (const e of m.events.slice(-50).reverse()) out.push(row(`ev/${e.metadata?.namespace}/${e.metadata?.name}`, `  ${eventText(e, now)}`, e.type === 'Warning' ? 'warn' : 'ok', e));
  out.push(title('conditions', 'CONDITIONS'));
  for (const c of m.conditions) out.push(row(`cond/${c.type}`, `  ${c.type.padEnd(16)} ${c.status.padEnd(6)} ${c.reason.padEnd(28)} ${c.message}`, c.status === 'True' ? 'ok' : 'warn', w));
  if (w.kind === 'Deployment') {
    out.push(title('history', 'HISTORY  (Enter: diff against the current template, U: undo to it)'));
    for (const h of rolloutHistory(m.revisions)) {
      out.push(row(`hist/${h.revision}`, `  ${h.revision.padEnd(4)} ${h.current ? 'current ' : '        '} ${h.images.join(',').padEnd(30)} created ${ago(h.createdAt, now)} ago  ${h.changeCause}`, 'ok', h.replicaSet));
    }
  } else if (controllerRevisions) {
    out.push(title('history', 'HISTORY  (ControllerRevisions; U: undo to the one under the cursor, or the previous one)'));
    out.push(...controllerHistoryRows(w, controllerRevisions, now));
  }
  return out;
}

/** The template diff of a revision against the current one, as coloured lines. */
export function diffRows(from: KubeObject | undefined, to: KubeObject | undefined): RouteRow[] {
  return templateDiff(from, to).map((l, i) => row(`diff/${i}`, l, l.startsWith('+ ') ? 'ok' : l.startsWith('- ') ? 'error' : 'done', from));
}
