import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { ApiError } from '../../src/kube/api-error.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { KubeTransport } from '../../src/kube/transport.js';

test('a server that echoes the request back cannot put the token into an error message', async () => {
  const token = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InNlY3JldCJ9.very-secret-token';
  const server = createServer((req, res) => {
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403, message: `forbidden: request had Authorization: ${req.headers.authorization}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const kc = loadKubeConfig({ inline: { apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'insecure-skip-tls-verify': true } }], users: [{ name: 'u', user: { token } }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' } });
  const transport = new KubeTransport(kc);
  try {
    const err = await transport.json({ path: '/api/v1/pods' }).then(() => undefined, (e) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.kind, 'forbidden');
    assert.ok(!err.message.includes(token), err.message);
    assert.match(err.message, /Authorization: Bearer <redacted>/);
  } finally {
    transport.destroy();
    server.close();
  }
});
