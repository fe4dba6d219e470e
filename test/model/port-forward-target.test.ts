import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerPorts, parseLocal, pickReadyPod, servicePorts, suggestLocalPort, targetPortOn } from '../../src/model/port-forward-target.js';
import type { KubeObject } from '../../src/model/types.js';

const pod = (name: string, ready: boolean, extra: Partial<KubeObject> = {}): KubeObject => ({
  kind: 'Pod',
  metadata: { name, namespace: 'shop' },
  spec: { containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  ...extra,
});
const svc: KubeObject = { kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ name: 'web', port: 80, targetPort: 'http' }, { port: 81, targetPort: 9090 }, { port: 82 }] } };

test('a pod\'s TCP ports, named as the dialog shows them', () => {
  assert.deepEqual(containerPorts(pod('a', true)).map((p) => p.label), ['http (8080)', '9090']);
  assert.deepEqual(servicePorts(svc).map((p) => p.label), ['web (80)', '81', '82']);
});

test('a Service port leads to its targetPort on the pod: by name, by number, or the port itself', () => {
  assert.equal(targetPortOn(svc, 80, pod('a', true)), 8080);
  assert.equal(targetPortOn(svc, 81, pod('a', true)), 9090);
  assert.equal(targetPortOn(svc, 82, pod('a', true)), 82);
  assert.equal(targetPortOn(svc, 83, pod('a', true)), undefined);
});

test('a Service forward keeps its pod while it is ready, else takes the first ready one by name', () => {
  const pods = [pod('c', true), pod('b', false), pod('a', true), pod('d', true, { metadata: { name: 'd', namespace: 'shop', deletionTimestamp: 'x' } })];
  assert.equal(pickReadyPod(pods)?.metadata?.name, 'a');
  assert.equal(pickReadyPod(pods, 'c')?.metadata?.name, 'c');
  assert.equal(pickReadyPod(pods, 'b')?.metadata?.name, 'a');
  assert.equal(pickReadyPod([pod('b', false)]), undefined);
});

test('the local port: the same when 1024 or above and free, else the next free from 8080', () => {
  assert.equal(suggestLocalPort(3000, () => true), 3000);
  assert.equal(suggestLocalPort(80, () => true), 8080);
  assert.equal(suggestLocalPort(3000, (p) => p !== 3000 && p !== 8080), 8081);
});

test('[address:]port as typed in the dialog', () => {
  assert.deepEqual(parseLocal('9000'), { address: '127.0.0.1', port: 9000 });
  assert.deepEqual(parseLocal('0.0.0.0:9000'), { address: '0.0.0.0', port: 9000 });
  assert.equal(parseLocal('abc'), undefined);
  assert.equal(parseLocal('70000'), undefined);
});
