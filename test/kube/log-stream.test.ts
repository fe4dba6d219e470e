import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { LogStream } from '../../src/kube/log-stream.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { LogBuffer } from '../../src/model/log-buffer.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

/** A kubeconfig for a plain HTTP server on localhost. */
function kubeconfigFor(port: number) {
  return loadKubeConfig({
    inline: {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: `http://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    },
  });
}

test('the ring buffer keeps the newest lines and makes control sequences visible', () => {
  const b = new LogBuffer(3);
  for (const l of ['one', 'two\tcols', '\x1b]52;c;ZXZpbA==\x07evil', '\x1b[2Jclear', 'five']) b.push(l);
  assert.deepEqual(b.lines(), ['^[]52;c;ZXZpbA==^Gevil', '^[[2Jclear', 'five']);
  assert.equal(b.dropped, 2);
  assert.ok(b.lines().every((l) => !/[\x00-\x1f\x7f]/.test(l)));
});

test('a log stream resumes after a dropped connection from its last line, without repeating or losing any', async () => {
  const requests: URLSearchParams[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    requests.push(q);
    res.writeHead(200, { 'content-type': 'text/plain' });
    if (requests.length === 1) {
      // Two lines, an empty one, one with an escape sequence, then the connection drops.
      res.write('2026-11-22T10:00:00.000000001Z first\n2026-11-22T10:00:00.000000001Z same instant\n2026-11-22T10:00:01.000000000Z \n2026-11-22T10:00:02.000000000Z \x1b[31mred\x1b[0m\n');
      setTimeout(() => res.destroy(), 20);
      return;
    }
    // sinceTime is whole seconds: the server repeats the last line before the new one.
    res.write('2026-11-22T10:00:02.000000000Z \x1b[31mred\x1b[0m\n2026-11-22T10:00:03.000000000Z after the drop\n');
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const transport = new KubeTransport(kubeconfigFor((server.address() as AddressInfo).port));
  const s = new LogStream(transport, { namespace: 'ns', pod: 'p', container: 'c' }, { flushMs: 5 }).start();
  try {
    await waitFor('the stream to end after the second connection', () => s.getState().phase === 'ended', 10_000);
    assert.deepEqual(s.buffer.lines(), ['first', 'same instant', '', '^[[31mred^[[0m', 'after the drop']);
    assert.equal(requests[0].get('tailLines'), '200');
    assert.equal(requests[0].get('follow'), 'true');
    assert.equal(requests[0].get('timestamps'), 'true');
    assert.equal(requests[1].get('sinceTime'), '2026-11-22T10:00:02.000000000Z');
    assert.equal(requests[1].get('tailLines'), null);
  } finally {
    s.stop();
    transport.destroy();
    server.close();
  }
});

test('a follow that a proxy ends cleanly is followed again; the log is ended only after two empty follows', async () => {
  let n = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    n++;
    res.writeHead(200, { 'content-type': 'text/plain' });
    if (n === 1) res.end('2026-11-22T10:00:00.000000000Z before the proxy closed\n');
    else if (n === 2) res.end('2026-11-22T10:00:00.000000000Z before the proxy closed\n2026-11-22T10:00:05.000000000Z still running\n');
    else res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const transport = new KubeTransport(kubeconfigFor((server.address() as AddressInfo).port));
  const s = new LogStream(transport, { namespace: 'ns', pod: 'p', container: 'c' }, { flushMs: 5 }).start();
  try {
    await waitFor('the log to end', () => s.getState().phase === 'ended', 15_000);
    assert.deepEqual(s.buffer.lines(), ['before the proxy closed', 'still running']);
    assert.equal(n, 4, 'followed again after each clean end, until two brought nothing');
  } finally {
    s.stop();
    transport.destroy();
    server.close();
  }
});

test('a log stream over the simulated cluster: a pod that does not exist fails with the server\'s reason', async () => {
  const c = await startCluster({ scenario: 'holmes', clock: 'manual' });
  const transport = new KubeTransport(c.kc);
  try {
    c.sim.advance(30_000);
    const pod = c.sim.store.list('pods').find((p) => p.metadata?.name?.startsWith('risk-admin-node'))!;
    const live = new LogStream(transport, { namespace: pod.metadata!.namespace!, pod: pod.metadata!.name!, container: 'risk-admin-node' }, { flushMs: 5 }).start();
    await waitFor('the start-up lines', () => live.buffer.lines().some((l) => /starting .*credit-risk-admin-node/.test(l)), 10_000);
    assert.equal(live.getState().phase, 'following');
    live.stop();
    const missing = new LogStream(transport, { namespace: 'credit-risk-admin-test-id', pod: 'nope', container: 'x' }, { flushMs: 5 }).start();
    await waitFor('the failure', () => missing.getState().phase === 'failed', 10_000);
    assert.match((missing.getState() as { reason: string }).reason, /not found/);
  } finally {
    transport.destroy();
    await c.stop();
  }
});
