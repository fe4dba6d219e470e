// kdrill's exec, attach and port-forward (client-node over WebSocket) against the simulator.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { createServer as createNetServer } from 'node:net';
import { PodConnector, type SizedWritable } from '../../src/kube/pod-connect.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

function screen(): SizedWritable & { text: string } {
  const w = new Writable({
    write(chunk, _e, done) {
      w.text += String(chunk);
      done();
    },
  }) as SizedWritable & { text: string };
  w.text = '';
  Object.assign(w, { columns: 100, rows: 30 });
  return w;
}

describe('PodConnector against the simulator', () => {
  let c: TestCluster;
  let frontend: string;
  let coredns: string;
  const size = () => ({ columns: 100, rows: 30 });

  before(async () => {
    c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
    const running = (ns: string, prefix: string) => c.sim.store.list('pods', ns).find((p) => p.metadata!.name!.startsWith(prefix) && p.status?.phase === 'Running')!.metadata!.name!;
    frontend = running('shop', 'frontend-');
    coredns = running('kube-system', 'coredns-');
  });
  after(() => c?.stop());

  test('a shell: held output until connected, keys in, exit ends it with its code', async () => {
    const s = await new PodConnector(c.kc, false).open('shop', frontend, 'nginx', ['bash'], true, size);
    assert.equal(await s.started, 'running');
    const out = screen();
    const keys = new PassThrough();
    s.connect(keys, out);
    await waitFor('the prompt', () => out.text === `root@${frontend}:/# `);
    keys.write('hostname\r');
    await waitFor('the pod name', () => out.text.includes(`\r\n${frontend}\r\n`));
    keys.write('exit 4\r');
    assert.deepEqual(await s.ended, { code: 4 });
  });

  test('a missing shell ends at once, with the runtime\'s words', async () => {
    const s = await new PodConnector(c.kc, false).open('kube-system', coredns, 'coredns', ['bash'], true, size);
    const end = await s.started;
    assert.ok(typeof end === 'object' && 'error' in end && /exec: "bash": executable file not found in \$PATH/.test(end.error), JSON.stringify(end));
  });

  test('a refusal is the API server\'s message, not the HTTP code', async () => {
    const viewer = new KubeConfig();
    viewer.loadFromString(JSON.stringify({ ...JSON.parse(c.kc.exportConfig()), 'current-context': 'kdrill-viewer' }));
    await assert.rejects(new PodConnector(viewer, false).open('shop', frontend, 'nginx', ['sh'], true, size), (e: Error) =>
      e.message === `pods "${frontend}" is forbidden: User "system:serviceaccount:shop:viewer" cannot create resource "pods/exec" in API group "" in the namespace "shop"`);
  });

  test('read-only refuses before anything is sent', async () => {
    const before = c.sim.http.requests.length;
    await assert.rejects(new PodConnector(c.kc, true).open('shop', frontend, 'nginx', ['sh'], true, size), /read-only/);
    assert.equal(c.sim.http.requests.length, before);
  });

  test('port-forward: an HTTP GET through a local socket is answered by the container', async () => {
    let bytes = { up: 0, down: 0 };
    const net = createNetServer((socket) => {
      void new PodConnector(c.kc, false).forward('shop', frontend, 80, socket, () => {}, (u, d) => (bytes = { up: bytes.up + u, down: bytes.down + d }));
    });
    await new Promise<void>((r) => net.listen(0, '127.0.0.1', r));
    const port = (net.address() as AddressInfo).port;
    const body = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      }).on('error', reject).end();
    });
    assert.equal(body.status, 200);
    assert.match(body.text, /Welcome to nginx!/);
    assert.ok(bytes.up > 0 && bytes.down > body.text.length, JSON.stringify(bytes));
    net.close();
  });
});
