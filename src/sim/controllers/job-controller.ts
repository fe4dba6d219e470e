import type { KubeObject } from '../../model/types.js';
import { timestamp } from '../store.js';
import { splitKey, wakeOwner, wakeSelf, type Controller, type ControllerHost } from './runtime.js';
import { generatedPodName, isActive, podFromTemplate, readySince } from './workload-util.js';

const JOBS = 'jobs.batch';
const SOURCE = { component: 'job-controller' };

function finished(job: KubeObject): boolean {
  return (job.status?.conditions ?? []).some((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** Runs a Job's pods up to its parallelism until it has enough completions or exhausts its backoffLimit. */
export class JobController implements Controller {
  readonly name = 'job-controller';
  readonly triggers = { [JOBS]: wakeSelf, pods: wakeOwner('Job') };

  constructor(private readonly host: ControllerHost) {}

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const job = this.host.store.get(JOBS, ns, name);
    if (!job || job.metadata?.deletionTimestamp || finished(job)) return;
    const now = this.host.clock.now();
    const pods = this.host.owned('pods', job.metadata?.uid);
    const active = pods.filter(isActive);
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    const completions = Number(job.spec.completions ?? 1);
    const parallelism = Number(job.spec.parallelism ?? 1);
    const at = timestamp(now);
    const status: Record<string, any> = {
      startTime: job.status?.startTime ?? at,
      ...(succeeded ? { succeeded } : {}),
      ...(failed ? { failed } : {}),
      terminating: 0,
      uncountedTerminatedPods: {},
    };
    const cond = (type: string, reason?: string, message?: string) => ({ type, status: 'True', lastProbeTime: at, lastTransitionTime: at, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });

    if (failed > Number(job.spec.backoffLimit ?? 6)) {
      active.forEach((p) => this.host.delete('pods', p, 0));
      status.conditions = [cond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'), cond('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')];
      status.ready = 0;
      this.host.setStatus(JOBS, job, status);
      this.host.events.record(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', SOURCE);
      return;
    }
    if (succeeded >= completions) {
      status.conditions = [cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'), cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods')];
      status.completionTime = at;
      status.ready = 0;
      this.host.setStatus(JOBS, job, status);
      this.host.events.record(job, 'Normal', 'Completed', 'Job completed', SOURCE);
      return;
    }
    const want = Math.min(parallelism, completions - succeeded) - active.length;
    for (let i = 0; i < want; i++) {
      const pod = this.host.create('pods', podFromTemplate(job, job.spec.template, generatedPodName(name)));
      this.host.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata!.name}`, SOURCE);
    }
    const live = this.host.owned('pods', job.metadata?.uid).filter(isActive);
    status.active = live.length || undefined;
    status.ready = live.filter((p) => readySince(p) !== undefined).length;
    this.host.setStatus(JOBS, job, status);
  }
}
