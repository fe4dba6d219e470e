import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STILL_LOADING } from '../../../src/model/indexes/cluster-indexes.js';
import { sortByCells } from '../../../src/model/view/cell-sort.js';
import { HOST_HEADERS, hostRows } from '../../../src/model/view/route-rows.js';
import { indexesOf } from '../../helpers/indexes.js';

const ingress = (host: string, service: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: host.split('.')[0], namespace: 'shop', uid: host },
  spec: { ingressClassName: 'nginx', rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { number: 80 } } } }] } }] },
});

test('a list of routes gives no verdict while what a route reads is still loading (issue 21 #11)', () => {
  const idx = indexesOf([ingress('a.example.com', 'missing')]);
  const health = () => hostRows(idx, Date.now()).map((r) => [r.cells[5], r.health]);
  idx.unavailable.set('services', STILL_LOADING);
  assert.deepEqual(health(), [['loading…', 'done']]);
  // Once loaded, a Service that does not exist is a broken route; a kind refused is no reason to wait.
  idx.unavailable.set('services', 'forbidden: services is forbidden');
  assert.deepEqual(health(), [['broken', 'error']]);
  idx.unavailable.delete('services');
  assert.deepEqual(health(), [['broken', 'error']]);
});

test('routes sort by any column: HEALTH by severity (broken first), ties by host; descending reverses (issue 21 #15)', () => {
  const row = (host: string, health: string) => ({ cells: [host, '/', 'i', 'shop', 's:80', health] });
  const rows = [row('b.example.com', 'healthy'), row('a.example.com', 'healthy'), row('c.example.com', 'unrouted'), row('d.example.com', 'broken'), row('e.example.com', 'degraded'), row('f.example.com', 'loading…')];
  const hosts = (descending: boolean) => sortByCells(rows, HOST_HEADERS, { column: 5, descending }).map((r) => `${r.cells[0]} ${r.cells[5]}`);
  assert.deepEqual(hosts(false), ['d.example.com broken', 'c.example.com unrouted', 'e.example.com degraded', 'f.example.com loading…', 'a.example.com healthy', 'b.example.com healthy']);
  assert.deepEqual(hosts(true), [...hosts(false)].reverse());
});

test('cells sort naturally: durations by time, numbers by value', () => {
  const rows = ['2m', '45s', '1h', '3m10s', '10s'].map((a) => ({ cells: ['x', a] }));
  assert.deepEqual(sortByCells(rows, ['NAME', 'AGE'], { column: 1, descending: false }).map((r) => r.cells[1]), ['10s', '45s', '2m', '3m10s', '1h']);
  const names = ['web-10', 'web-2', 'web-1'].map((n) => ({ cells: [n] }));
  assert.deepEqual(sortByCells(names, ['NAME', 'X'], { column: 0, descending: false }).map((r) => r.cells[0]), ['web-1', 'web-2', 'web-10']);
});
