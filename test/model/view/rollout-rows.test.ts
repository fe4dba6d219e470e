import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RolloutModel } from '../../../src/model/rollout/rollout-model.js';
import type { KubeObject } from '../../../src/model/types.js';
import { rolloutRows } from '../../../src/model/view/rollout-rows.js';

const T0 = Date.parse('2026-11-22T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A running, unready nginx pod started at T0, terminating when `deleting`. */
function pod(name: string, deleting: boolean): KubeObject {
  return {
    kind: 'Pod',
    metadata: { name, namespace: 'deploy-test', uid: name, creationTimestamp: iso(T0), ...(deleting ? { deletionTimestamp: iso(T0 + 50_000) } : {}) },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1' }] },
    status: { phase: 'Running', containerStatuses: [{ name: 'nginx', state: { running: { startedAt: iso(T0) } }, ready: false, restartCount: 0 }] },
  };
}

/** A StatefulSet's rollout model (no history section) with the given pods and events. */
export function model(pods: KubeObject[], events: KubeObject[] = []): RolloutModel {
  return {
    workload: { kind: 'StatefulSet', metadata: { name: 'web', namespace: 'deploy-test' } },
    strategy: { text: 'RollingUpdate' } as RolloutModel['strategy'],
    paused: false,
    minReadySeconds: 0,
    status: { done: false, message: 'Waiting' } as RolloutModel['status'],
    revisions: [{ revision: '1', isNew: false, desired: 2, current: 2, ready: 0, available: 0, images: ['nginx:1'], pods }],
    imageChanges: [],
    conditions: [],
    events,
  };
}

test('a terminating pod is terminating, never failing readiness (issue 21 #3)', () => {
  const rows = rolloutRows(model([pod('web-0', true), pod('web-1', false)]), T0 + 53_000 + 60_000);
  const line = (name: string) => rows.find((r) => r.key === `pod/${name}`)!;
  assert.match(line('web-0').cells[0], / Terminating$/);
  assert.doesNotMatch(line('web-0').cells[0], /readiness/);
  assert.equal(line('web-0').health, 'warn');
  assert.match(line('web-1').cells[0], /failing readiness: container nginx has been running 113s without becoming ready/);
  assert.equal(line('web-1').health, 'error');
});

test('the rollout view lists events newest first (issue 21 #17)', () => {
  const event = (name: string, at: number, reason: string): KubeObject => ({
    kind: 'Event',
    metadata: { name, namespace: 'deploy-test' },
    type: 'Normal',
    reason,
    lastTimestamp: iso(at),
    involvedObject: { kind: 'Pod', name: 'web-0' },
    message: reason,
  });
  // The model holds them oldest first.
  const events = [event('e1', T0, 'Scheduled'), event('e2', T0 + 10_000, 'Pulled'), event('e3', T0 + 20_000, 'Started')];
  const rows = rolloutRows(model([], events), T0 + 30_000);
  const at = rows.findIndex((r) => r.key === '§events');
  assert.equal(rows[at].cells[0], 'EVENTS  (newest first)');
  assert.deepEqual(rows.slice(at + 1, at + 4).map((r) => r.cells[0]), [
    '  10s   Normal   Started              pod/web-0  Started',
    '  20s   Normal   Pulled               pod/web-0  Pulled',
    '  30s   Normal   Scheduled            pod/web-0  Scheduled',
  ]);
});

test('pod lines keep READY, restarts and age within 80 columns: name, then those, the status last (issue 21 #16)', () => {
  const name = 'nginx-deploy-7c9cdfbcbd-ftd97';
  const creating: KubeObject = { ...pod('nginx-deploy-5c7bb9c75-9s8vn', false), status: { phase: 'Pending', containerStatuses: [{ name: 'nginx', state: { waiting: { reason: 'ContainerCreating' } }, ready: false, restartCount: 0 }] } };
  const rows = rolloutRows(model([pod(name, true), creating]), T0 + 8_000);
  const lines = rows.filter((r) => r.key.startsWith('pod/')).map((r) => r.cells[0]);
  assert.deepEqual(lines, [
    '  rev 1  nginx-deploy-7c9cdfbcbd-ftd97  0/1  0 restarts  8s  Terminating',
    '  rev 1  nginx-deploy-5c7bb9c75-9s8vn   0/1  0 restarts  8s  ContainerCreating',
  ]);
  // The table's gutter takes two cells of 80.
  for (const l of lines) assert.ok(l.length <= 78, `${l.length}: ${l}`);
});

test('what changes stays in sight: the newest event under the summary, the events right after the pods (issue 21 #17)', () => {
  const event = (name: string, at: number, reason: string): KubeObject => ({ kind: 'Event', metadata: { name, namespace: 'deploy-test' }, type: 'Normal', reason, lastTimestamp: iso(at), involvedObject: { kind: 'Pod', name: 'web-0' }, message: reason });
  const rows = rolloutRows(model([pod('web-0', false)], [event('e1', T0, 'Scheduled'), event('e2', T0 + 20_000, 'Started')]), T0 + 30_000);
  const keys = rows.map((r) => r.key);
  assert.equal(rows[keys.indexOf('latest')].cells[0], 'latest    10s   Normal   Started              pod/web-0  Started');
  assert.ok(keys.indexOf('latest') < keys.indexOf('§revisions'), 'the newest event is above the revisions');
  assert.deepEqual(keys.slice(keys.indexOf('§pods')), ['§pods', 'pod/web-0', '§events', 'ev/deploy-test/e2', 'ev/deploy-test/e1', '§conditions']);
});
