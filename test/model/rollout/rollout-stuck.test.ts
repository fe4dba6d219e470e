import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { rolloutStatus } from '../../../src/model/rollout/rollout-status.js';
import { CONFIG_ERROR_GRACE_MS, podProblem, probeBudgetMs, READINESS_MARGIN_MS, stuckDiagnosis, UNSCHEDULABLE_GRACE_MS } from '../../../src/model/rollout/rollout-stuck.js';
import type { KubeObject } from '../../../src/model/types.js';
import { podStatus } from '../../../src/model/pod-status.js';

const CORPUS = 'fixtures/apiserver-1.36/rollout';
const corpus = (file: string): KubeObject => JSON.parse(readFileSync(`${CORPUS}/${file}`, 'utf8'));
const T0 = Date.parse('2026-11-22T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A new pod created at T0 with one container in the given state. */
function pod(state: Record<string, unknown>, extra: { spec?: Record<string, unknown>; status?: Record<string, unknown>; lastState?: Record<string, unknown>; ready?: boolean } = {}): KubeObject {
  return {
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'ns', creationTimestamp: iso(T0) },
    spec: { containers: [{ name: 'web', image: 'web:2', ...extra.spec }] },
    status: { containerStatuses: [{ name: 'web', state, lastState: extra.lastState ?? {}, ready: extra.ready ?? false, restartCount: 0, image: 'web:2' }], ...extra.status },
  };
}
const waiting = (reason: string, message = '') => pod({ waiting: { reason, message } });
const runningSince = (ms: number, spec: Record<string, unknown> = {}) => pod({ running: { startedAt: iso(ms) } }, { spec });

test('the thresholds are what the help and the README state', () => {
  assert.equal(UNSCHEDULABLE_GRACE_MS, 300_000);
  assert.equal(CONFIG_ERROR_GRACE_MS, 120_000);
  assert.equal(READINESS_MARGIN_MS, 30_000);
  assert.equal(probeBudgetMs(undefined), 30_000, 'kubelet defaults: 0 + 10 s x 3');
  assert.equal(probeBudgetMs({ periodSeconds: 2 }), 6_000);
  assert.equal(probeBudgetMs({ initialDelaySeconds: 20, periodSeconds: 5, failureThreshold: 6 }), 50_000);
});

test('a first ErrImagePull is not stuck; the back-off after it is, and so are CrashLoopBackOff and a bad image name', () => {
  assert.equal(podProblem(waiting('ErrImagePull', 'Failed to pull image "web:2": 429 Too Many Requests'), T0 + 3_600_000), undefined);
  assert.deepEqual(podProblem(waiting('ImagePullBackOff', 'Back-off pulling image "web:2"'), T0), { reason: 'ImagePullBackOff', detail: 'Back-off pulling image "web:2"' });
  assert.equal(podProblem(waiting('InvalidImageName', 'bad'), T0)?.reason, 'InvalidImageName');
  const crash = pod({ waiting: { reason: 'CrashLoopBackOff' } }, { lastState: { terminated: { exitCode: 2, message: 'boom' } } });
  assert.equal(podProblem(crash, T0)?.detail, 'container web restarted 0 times, exit code 2: boom');
});

test('unready counts past the probes\' own budget plus the margin, not before', () => {
  const started = T0 + 5_000;
  // No readiness probe: the kubelet's defaults (30 s), then the margin.
  assert.equal(podProblem(runningSince(started), started + 60_000), undefined);
  assert.match(podProblem(runningSince(started), started + 61_000)!.detail, /^container web has been running 61s without becoming ready \(its probes allow 30s\)$/);
  const probe = { readinessProbe: { initialDelaySeconds: 20, periodSeconds: 5, failureThreshold: 6 } };
  assert.equal(podProblem(runningSince(started, probe), started + 80_000), undefined);
  assert.equal(podProblem(runningSince(started, probe), started + 81_000)?.reason, 'failing readiness');
  // A startup probe's budget comes first.
  const slow = { startupProbe: { periodSeconds: 10, failureThreshold: 30 }, readinessProbe: { periodSeconds: 5, failureThreshold: 3 } };
  assert.equal(podProblem(runningSince(started, slow), started + 345_000), undefined);
  assert.equal(podProblem(runningSince(started, slow), started + 346_000)?.reason, 'failing readiness');
  assert.equal(podProblem(pod({ running: { startedAt: iso(started) } }, { ready: true }), started + 3_600_000), undefined);
  // A terminating pod is leaving, not failing readiness (issue 21 #3); nor is its back-off a problem.
  const leaving = (p: KubeObject): KubeObject => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: iso(started) } });
  assert.equal(podProblem(leaving(runningSince(started)), started + 61_000), undefined);
  assert.equal(podProblem(leaving(waiting('ImagePullBackOff')), started + 61_000), undefined);
});

test('Unschedulable and CreateContainerConfigError count after their grace periods', () => {
  const unschedulable = (extra: Record<string, unknown> = {}) => ({
    kind: 'Pod',
    metadata: { name: 'gpu-1', creationTimestamp: iso(T0) },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available', lastTransitionTime: iso(T0 + 1_000) }], ...extra },
  });
  assert.equal(podProblem(unschedulable(), T0 + 1_000 + UNSCHEDULABLE_GRACE_MS), undefined);
  assert.deepEqual(podProblem(unschedulable(), T0 + 2_000 + UNSCHEDULABLE_GRACE_MS), { reason: 'Unschedulable', detail: '0/3 nodes are available' });
  assert.equal(podProblem(unschedulable({ nominatedNodeName: 'n1' }), T0 + 3_600_000), undefined, 'preemption is making room');
  const config = waiting('CreateContainerConfigError', 'secret "db-password" not found');
  assert.equal(podProblem(config, T0 + CONFIG_ERROR_GRACE_MS), undefined);
  assert.deepEqual(podProblem(config, T0 + CONFIG_ERROR_GRACE_MS + 1_000), { reason: 'CreateContainerConfigError', detail: 'secret "db-password" not found' });
  // After a restart, it has lasted only since the container last ended.
  const restarted = pod({ waiting: { reason: 'CreateContainerConfigError', message: 'x' } }, { lastState: { terminated: { exitCode: 0, finishedAt: iso(T0 + 600_000) } } });
  assert.equal(podProblem(restarted, T0 + 600_000 + CONFIG_ERROR_GRACE_MS), undefined);
  assert.equal(podProblem(restarted, T0 + 601_000 + CONFIG_ERROR_GRACE_MS)?.reason, 'CreateContainerConfigError');
});

test('one name for one state: the reason and the stuck line say what the STATUS column says (issue 21 #7)', () => {
  // nginx retries its pull (ErrImagePull) while nettool is in its back-off: kubectl's STATUS shows the first.
  const pulling = (name: string, reason: string) => ({ name, state: { waiting: { reason, message: `${reason} of ${name}` } }, ready: false, restartCount: 0 });
  const twoContainers: KubeObject = {
    kind: 'Pod',
    metadata: { name: 'nginx-deploy-1', namespace: 'deploy-test', creationTimestamp: iso(T0) },
    spec: { containers: [{ name: 'nginx' }, { name: 'nettool' }] },
    status: { phase: 'Pending', containerStatuses: [pulling('nginx', 'ErrImagePull'), pulling('nettool', 'ImagePullBackOff')] },
  };
  assert.equal(podStatus(twoContainers), 'ErrImagePull');
  assert.deepEqual(podProblem(twoContainers, T0), { reason: 'ErrImagePull', detail: 'ErrImagePull of nginx' });
  assert.deepEqual(stuckDiagnosis([twoContainers], T0), { reason: 'ImagePullBackOff', text: 'rollout stuck: 1 of 1 new pod in ErrImagePull: ErrImagePull of nginx' });
  // Pods flipping between the two words are counted as one state, said with the word most show.
  const d = stuckDiagnosis([twoContainers, { ...twoContainers, metadata: { name: 'nginx-deploy-2' } }, waiting('ImagePullBackOff', 'x')], T0);
  assert.deepEqual(d, { reason: 'ImagePullBackOff', text: 'rollout stuck: 3 of 3 new pods in ErrImagePull: ErrImagePull of nginx' });
});

test('the diagnosis names the reason most new pods share', () => {
  const d = stuckDiagnosis([waiting('ImagePullBackOff', 'Back-off pulling image "web:2"'), waiting('ImagePullBackOff', 'x'), waiting('ErrImagePull', 'y')], T0);
  assert.deepEqual(d, { reason: 'ImagePullBackOff', text: 'rollout stuck: 2 of 3 new pods in ImagePullBackOff: Back-off pulling image "web:2"' });
  assert.equal(stuckDiagnosis([waiting('ErrImagePull', 'y')], T0), undefined);
});

test('recorded from a real cluster: kubectl rollout status --watch=false says what rolloutStatus says', { skip: existsSync(CORPUS) ? false : 'corpus not present' }, () => {
  for (const name of ['deployment-api', 'deployment-gpu-worker', 'deployment-thumbnailer', 'deployment-web', 'deployment-report-ui', 'statefulset-db', 'daemonset-edge-proxy']) {
    const s = rolloutStatus(corpus(`${name}.json`));
    const stderr = existsSync(`${CORPUS}/${name}.rollout-status.stderr.txt`) ? readFileSync(`${CORPUS}/${name}.rollout-status.stderr.txt`, 'utf8') : '';
    assert.equal(s.error ? '' : `${s.message}\n`, readFileSync(`${CORPUS}/${name}.rollout-status.txt`, 'utf8'), name);
    assert.equal(s.error ? `error: ${s.error}\n` : '', stderr, name);
  }
});

test('recorded from a real cluster: the stuck pods are diagnosed as what they are, the slow one only past its budget', { skip: existsSync(CORPUS) ? false : 'corpus not present' }, () => {
  const recorded = Date.parse('2026-11-28T18:23:00Z');
  assert.match(podProblem(corpus('pod-thumbnailer-7f9b46d9d9-8cl26.json'), recorded)!.detail, /^Back-off pulling image "registry\.example\.org\/corpus\/thumbnailer:0\.9\.0-does-not-exist": ErrImagePull: /);
  assert.equal(podProblem(corpus('pod-api-7d647cccb4-nbrnz.json'), recorded)!.detail, 'container api restarted 5 times, exit code 1');
  // Unschedulable since 18:12:26.
  const gpu = corpus('pod-gpu-worker-68f597c9cc-5fznt.json');
  assert.equal(podProblem(gpu, Date.parse('2026-11-28T18:17:26Z')), undefined);
  assert.match(podProblem(gpu, recorded)!.detail, /^0\/1 nodes are available: 1 node\(s\) didn't match Pod's node affinity\/selector/);
  // web's second new pod: running since 18:14:01, its probe allows 0 + 5 s x 3, then the margin.
  const web = corpus('pod-web-fd4777b49-v62mq.json');
  assert.equal(podProblem(web, Date.parse('2026-11-28T18:14:46Z')), undefined);
  assert.equal(podProblem(web, Date.parse('2026-11-28T18:14:47Z'))!.detail, 'container web has been running 46s without becoming ready (its probes allow 15s)');
  assert.equal(podProblem(corpus('pod-web-fd4777b49-m9dwq.json'), recorded), undefined);
});
