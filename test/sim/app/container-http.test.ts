import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { test } from 'node:test';
import { answerRequest, dialError, resolvePort, serveConnection } from '../../../src/sim/app/container-http.js';
import { ImageCatalog } from '../../../src/sim/images.js';
import type { KubeObject } from '../../../src/model/types.js';

function pod(image: string, opts: { running?: boolean; ready?: boolean; ip?: string | null } = {}): KubeObject {
  return {
    metadata: { name: 'p', namespace: 'ns' },
    spec: { containers: [{ name: 'app', image, ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { httpGet: { path: '/readyz', port: 'http' } } }] },
    status: {
      ...(opts.ip === null ? {} : { podIP: opts.ip ?? '10.244.1.7' }),
      containerStatuses: [{ name: 'app', ready: opts.ready ?? true, state: opts.running === false ? { waiting: { reason: 'ImagePullBackOff' } } : { running: {} } }],
    },
  };
}

const open = (t: ReturnType<typeof resolvePort>) => {
  assert.equal(t.state, 'open');
  return t as Extract<typeof t, { state: 'open' }>;
};

test('by default a container answers 200 in its image style: nginx welcome page, JSON API, plain text', () => {
  const images = new ImageCatalog();
  const nginx = answerRequest(open(resolvePort(images, pod('nginx:1.25.4'), 8080)), { method: 'GET', path: '/' });
  assert.equal(nginx.response.status, 200);
  assert.equal(nginx.response.headers.Server, 'nginx/1.25.4');
  assert.match(nginx.response.body, /<title>Welcome to nginx!<\/title>/);
  const api = answerRequest(open(resolvePort(images, pod('ghcr.io/example/payments-api:2.3.1'), 'http')), { method: 'GET', path: '/v1/x?y=1' });
  assert.equal(api.response.body, '{"service":"payments-api","version":"2.3.1","status":"ok","path":"/v1/x"}\n');
  assert.equal(api.response.headers['Content-Type'], 'application/json');
  const text = answerRequest(open(resolvePort(images, pod('busybox:1.36'), '8080')), { method: 'GET', path: '/' });
  assert.equal(text.response.body, 'busybox 1.36: ok\n');
  const head = answerRequest(open(resolvePort(images, pod('busybox:1.36'), 8080)), { method: 'HEAD', path: '/' });
  assert.deepEqual([head.response.status, head.response.body, head.response.headers['Content-Length']], [200, '', '17']);
});

test('the scenario sets failures: a status on a path prefix, slow answers, refused and hanging ports', () => {
  const images = new ImageCatalog();
  images.set('shop/api:1', { http: { paths: { '/api': { status: 500 } }, delayMs: 40 } });
  const t = open(resolvePort(images, pod('shop/api:1'), 8080));
  assert.deepEqual([answerRequest(t, { method: 'GET', path: '/api' }).response.status, answerRequest(t, { method: 'GET', path: '/api/orders' }).response.status], [500, 500]);
  assert.equal(answerRequest(t, { method: 'GET', path: '/apiary' }).response.status, 200);
  assert.equal(answerRequest(t, { method: 'GET', path: '/api' }).response.body, '{"error":"Internal Server Error","status":500,"path":"/api"}\n');
  assert.equal(answerRequest(t, { method: 'GET', path: '/' }).delayMs, 40);
  images.set('down:1', { http: { listen: 'refused' } });
  assert.equal(dialError(resolvePort(images, pod('down:1'), 8080)), 'dial tcp 10.244.1.7:8080: connect: connection refused');
  images.set('stuck:1', { http: { listen: 'hang' } });
  assert.equal(resolvePort(images, pod('stuck:1'), 8080).state, 'hang');
});

test('a pod answers on its port only while its container runs; a not-ready one still answers, its readiness path 503', () => {
  const images = new ImageCatalog();
  assert.equal(dialError(resolvePort(images, pod('nginx:1', { running: false }), 8080)), 'dial tcp 10.244.1.7:8080: connect: connection refused');
  assert.equal(dialError(resolvePort(images, pod('nginx:1', { ip: null }), 8080)), 'address not allowed');
  assert.equal(dialError(resolvePort(images, pod('nginx:1'), 'metrics')), 'dial tcp: address 10.244.1.7:metrics: unknown port');
  const notReady = open(resolvePort(images, pod('search-api:1', { ready: false }), 8080));
  assert.equal(answerRequest(notReady, { method: 'GET', path: '/search' }).response.status, 200);
  assert.equal(answerRequest(notReady, { method: 'GET', path: '/readyz' }).response.status, 503);
});

test('serveConnection answers HTTP/1.1 on a raw byte stream (port-forward), and reports a refused port', async () => {
  const images = new ImageCatalog();
  images.set('shop/api:1', { http: { paths: { '/api': { status: 500 } } } });
  const refused: (string | undefined)[] = [];
  let target = pod('shop/api:1');
  const server = createServer((socket) => refused.push(serveConnection(images, target, 8080, socket)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const get = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject).end();
    });
  try {
    assert.deepEqual(await get('/api/x'), { status: 500, body: '{"error":"Internal Server Error","status":500,"path":"/api/x"}\n' });
    assert.equal((await get('/')).status, 200);
    target = pod('shop/api:1', { running: false });
    await assert.rejects(get('/'), /socket hang up|ECONNRESET/);
    assert.deepEqual(refused, [undefined, undefined, 'dial tcp 10.244.1.7:8080: connect: connection refused']);
  } finally {
    server.close();
  }
});
