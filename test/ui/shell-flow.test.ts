import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultContainer, notRunning, rememberContainer, shellsToTry } from '../../src/ui/shell-flow.js';
import type { KubeObject } from '../../src/model/types.js';

const pod = (name: string, annotations: Record<string, string> = {}, status: Record<string, unknown> = { phase: 'Running', containerStatuses: [{ name: 'app', state: { running: {} } }, { name: 'sidecar', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }): KubeObject => ({
  kind: 'Pod',
  metadata: { name, namespace: 'shop', annotations },
  spec: { containers: [{ name: 'app' }, { name: 'sidecar' }] },
  status,
});

test('bash then sh, unless $KDRILL_SHELLS says otherwise', () => {
  assert.deepEqual(shellsToTry({}), ['bash', 'sh']);
  assert.deepEqual(shellsToTry({ KDRILL_SHELLS: 'zsh, ash' }), ['zsh', 'ash']);
});

test('the container a shell opens in: the one chosen last in the pod, the default-container annotation, else the first', () => {
  assert.equal(defaultContainer(pod('p1')), 'app');
  assert.equal(defaultContainer(pod('p2', { 'kubectl.kubernetes.io/default-container': 'sidecar' })), 'sidecar');
  rememberContainer('shop', 'p3', 'sidecar');
  assert.equal(defaultContainer(pod('p3')), 'sidecar');
});

test('no shell where nothing runs: one line saying why', () => {
  assert.equal(notRunning(pod('p'), 'app'), undefined);
  assert.equal(notRunning(pod('p'), 'sidecar'), 'container sidecar of pod p is not running (CrashLoopBackOff): no shell');
  assert.equal(notRunning(pod('p', {}, { phase: 'Pending' }), 'app'), 'pod p is Pending: a shell needs a running container');
});
