import { CronExpressionParser } from 'cron-parser';
import type { KubeObject } from '../../model/types.js';
import { timestamp } from '../store.js';
import { keyOf, ownerRefTo, splitKey, wakeOwner, wakeSelf, type Controller, type ControllerHost } from './runtime.js';

const CRONJOBS = 'cronjobs.batch';
const JOBS = 'jobs.batch';
const SOURCE = { component: 'cronjob-controller' };

function condition(job: KubeObject): 'Complete' | 'Failed' | undefined {
  const c = (job.status?.conditions ?? []).find((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.type;
}

/** The times a cron schedule fires after `after` (epoch ms), in order; undefined if it cannot be parsed. */
function firings(schedule: string, after: number, timeZone = 'UTC'): (() => number) | undefined {
  try {
    // Etc/UTC is UTC: luxon takes its IANA path, whose first Intl zone check costs the demo's start ~10 ms.
    const expr = CronExpressionParser.parse(schedule, { currentDate: new Date(after), tz: timeZone === 'Etc/UTC' ? 'UTC' : timeZone });
    return () => expr.next().getTime();
  } catch {
    return undefined;
  }
}

/** The next time a cron schedule fires after `after` (epoch ms), or undefined if it cannot be parsed. */
export function nextSchedule(schedule: string, after: number, timeZone?: string): number | undefined {
  try {
    return firings(schedule, after, timeZone)?.();
  } catch {
    return undefined;
  }
}

/**
 * The latest schedule time in (after, now], as the controller starts only the most recent
 * missed run (none when it is older than startingDeadlineSeconds).
 */
export function mostRecentMissed(schedule: string, after: number, now: number, timeZone?: string, deadlineSeconds?: number): number | undefined {
  // One parse, stepped: parsing anew for each firing cost the demo's warm-up ~10 ms.
  const next = firings(schedule, after, timeZone);
  let latest: number | undefined;
  for (let i = 0; next && i < 1000; i++) {
    let n: number;
    try {
      n = next();
    } catch {
      break;
    }
    if (n > now) break;
    latest = n;
  }
  if (latest !== undefined && typeof deadlineSeconds === 'number' && now - latest > deadlineSeconds * 1000) return undefined;
  return latest;
}

/** Creates a Job for each time a CronJob's schedule fires, and keeps its job history within limits. */
export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';
  readonly triggers = { [CRONJOBS]: wakeSelf, [JOBS]: wakeOwner('CronJob') };
  private readonly armed = new Map<string, number>();

  constructor(private readonly host: ControllerHost) {
    host.trackOwners(JOBS);
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const cj = this.host.store.get(CRONJOBS, ns, name);
    if (!cj || cj.metadata?.deletionTimestamp) return;
    const now = this.host.clock.now();
    const jobs = this.host.owned(JOBS, cj.metadata?.uid).sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? ''));
    const status: Record<string, any> = { ...(cj.status ?? {}) };
    for (const job of jobs) {
      const done = condition(job);
      const wasActive = (cj.status?.active ?? []).some((r: any) => r.uid === job.metadata?.uid);
      if (done && wasActive) {
        this.host.events.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata?.name}, condition: ${done}`, SOURCE);
        if (done === 'Complete') status.lastSuccessfulTime = job.status?.completionTime ?? timestamp(now);
      }
    }
    const last = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata?.creationTimestamp ?? '') || now;
    const next = cj.spec.suspend ? undefined : mostRecentMissed(cj.spec.schedule, last, now, cj.spec.timeZone, cj.spec.startingDeadlineSeconds);
    let running = jobs.filter((j) => !condition(j));
    if (next !== undefined && next <= now) {
      const forbid = cj.spec.concurrencyPolicy === 'Forbid' && running.length > 0;
      if (!forbid) {
        if (cj.spec.concurrencyPolicy === 'Replace') running.forEach((j) => this.host.delete(JOBS, j));
        const job = this.createJob(cj, next);
        running = [...(cj.spec.concurrencyPolicy === 'Replace' ? [] : running), job];
      }
      status.lastScheduleTime = timestamp(next);
    }
    status.active = running.length ? running.map((j) => ({ kind: 'Job', namespace: ns, name: j.metadata?.name, uid: j.metadata?.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata?.resourceVersion })) : undefined;
    this.host.setStatus(CRONJOBS, cj, status);
    this.trimHistory(cj, jobs);
    const upcoming = cj.spec.suspend ? undefined : nextSchedule(cj.spec.schedule, Math.max(now, Date.parse(status.lastScheduleTime ?? '') || 0), cj.spec.timeZone);
    if (upcoming !== undefined && this.armed.get(key) !== upcoming) {
      this.armed.set(key, upcoming);
      this.host.wakeAfter(this, key, Math.max(1, upcoming - now));
    }
  }

  private createJob(cj: KubeObject, scheduled: number): KubeObject {
    const name = `${cj.metadata!.name}-${Math.floor(scheduled / 60_000)}`;
    const tmpl = cj.spec.jobTemplate ?? {};
    const job = this.host.create(JOBS, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata!.namespace,
        labels: { ...(tmpl.metadata?.labels ?? {}) },
        annotations: { ...(tmpl.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': new Date(scheduled).toISOString().replace('.000Z', 'Z') },
        ownerReferences: [ownerRefTo(cj)],
      },
      spec: structuredClone(tmpl.spec ?? {}),
    });
    this.host.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, SOURCE);
    return job;
  }

  private trimHistory(cj: KubeObject, jobs: KubeObject[]): void {
    const trim = (list: KubeObject[], limit: number) => {
      for (const job of list.slice(0, Math.max(0, list.length - limit))) {
        this.host.delete(JOBS, job);
        this.host.events.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata?.name}`, SOURCE);
      }
    };
    trim(jobs.filter((j) => condition(j) === 'Complete'), Number(cj.spec.successfulJobsHistoryLimit ?? 3));
    trim(jobs.filter((j) => condition(j) === 'Failed'), Number(cj.spec.failedJobsHistoryLimit ?? 1));
  }
}

/** Queue keys of every CronJob, for waking them all at start-up. */
export const allCronJobs = (host: ControllerHost): string[] => host.store.list(CRONJOBS).map(keyOf);
