import assert from 'node:assert/strict';
import { test } from 'node:test';
import { traceChanges } from '../../../src/model/route/trace-changes.js';
import type { Health, RouteNode, RouteTrace, Verdict } from '../../../src/model/route/route-types.js';

const node = (id: string, health: Health = 'ok', children: RouteNode[] = [], summary: string[] = []): RouteNode => ({ type: 'pod', id, label: id, summary, facts: {}, diagnostics: [], health, children });
const trace = (verdict: Verdict, children: RouteNode[]): RouteTrace => ({ host: 'a.example.com', verdict, root: node('host a.example.com', 'ok', children), unavailable: {} });

test('a watched trace says in one line what changed: the verdict, then the hops changed, gone and new (issue 21 #21)', () => {
  const before = trace('healthy', [node('service web', 'ok', [node('pod web-1'), node('pod web-2')])]);
  const broken = { ...node('service web', 'error', [node('pod web-3')]), diagnostics: [{ severity: 'error' as const, code: 'service.selector-matches-nothing', message: 'selector app=x matches no pods' }] };
  assert.equal(traceChanges(before, trace('broken', [broken])), 'HEALTHY → BROKEN: changed: service web (ok → error); gone: pod web-1, pod web-2; new: pod web-3');
  // A hop whose health moved only because a hop under it did is not named.
  assert.equal(traceChanges(before, trace('broken', [node('service web', 'error', [node('pod web-1', 'error', [], ['CrashLoopBackOff']), node('pod web-2')])])), 'HEALTHY → BROKEN: changed: pod web-1 (ok → error)');
  const moved = trace('healthy', [node('service web', 'ok', [node('pod web-1', 'ok', [], ['10.0.0.9']), node('pod web-2')])]);
  assert.equal(traceChanges(before, moved), 'still HEALTHY: changed: pod web-1');
  const many = trace('healthy', [node('service web', 'ok', [1, 2, 3, 4, 5].map((i) => node(`pod web-${i}`)))]);
  assert.equal(traceChanges(before, many), 'still HEALTHY: new: pod web-3, pod web-4, pod web-5');
  const more = trace('healthy', [node('service web', 'ok', [1, 2, 3, 4, 5, 6, 7].map((i) => node(`pod web-${i}`)))]);
  assert.equal(traceChanges(before, more), 'still HEALTHY: new: pod web-3, pod web-4, pod web-5 and 2 more');
});
