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
  assert.match(line('web-0').cells[0], / Terminating /);
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
  assert.deepEqual(rows.slice(at + 1).map((r) => r.cells[0]), [
    '  10s   Normal   Started              pod/web-0  Started',
    '  20s   Normal   Pulled               pod/web-0  Pulled',
    '  30s   Normal   Scheduled            pod/web-0  Scheduled',
  ]);
});
