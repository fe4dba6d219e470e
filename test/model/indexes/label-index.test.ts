import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromLabelSelector, matches } from '../../../src/model/label-selector.js';
import { LabelIndex } from '../../../src/model/indexes/label-index.js';
import type { KubeObject } from '../../../src/model/types.js';

const pod = (ns: string, name: string, labels: Record<string, string>): KubeObject => ({ metadata: { namespace: ns, name, labels } });

test('answers matchLabels and matchExpressions, and follows label changes and deletes', () => {
  const idx = new LabelIndex();
  const web1 = pod('shop', 'web-1', { app: 'web', tier: 'front' });
  const web2 = pod('shop', 'web-2', { app: 'web', tier: 'front', canary: 'true' });
  const db = pod('shop', 'db-0', { app: 'db' });
  const other = pod('other', 'web-x', { app: 'web' });
  for (const p of [web1, web2, db, other]) idx.apply({ type: 'add', object: p });
  const names = (sel: Parameters<typeof fromLabelSelector>[0], ns = 'shop') => idx.select(ns, fromLabelSelector(sel)).map((p) => p.metadata!.name).sort();
  assert.deepEqual(names({ matchLabels: { app: 'web' } }), ['web-1', 'web-2']);
  assert.deepEqual(names({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }), ['web-1']);
  assert.deepEqual(names({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] }), ['db-0', 'web-1', 'web-2']);
  assert.deepEqual(names({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }), ['db-0']);
  assert.deepEqual(names({ matchLabels: { app: 'nope' } }), []);
  assert.deepEqual(idx.select('shop', null), [], 'a missing selector selects nothing');
  const moved = pod('shop', 'web-1', { app: 'api' });
  idx.apply({ type: 'update', object: moved, previous: web1 });
  assert.deepEqual(names({ matchLabels: { app: 'web' } }), ['web-2']);
  assert.deepEqual(names({ matchLabels: { app: 'api' } }), ['web-1']);
  idx.apply({ type: 'delete', object: web2, previous: web2 });
  assert.deepEqual(names({ matchLabels: { app: 'web' } }), []);
});

test('always agrees with a full scan (property)', () => {
  const label = fc.record({ app: fc.constantFrom('a', 'b', 'c'), tier: fc.constantFrom('x', 'y') }, { requiredKeys: ['app'] });
  const pods = fc.uniqueArray(fc.record({ ns: fc.constantFrom('n1', 'n2'), name: fc.stringMatching(/^[a-z]{1,4}$/), labels: label }), { selector: (p) => `${p.ns}/${p.name}`, maxLength: 30 });
  const expr = fc.record({ key: fc.constantFrom('app', 'tier'), operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'), values: fc.array(fc.constantFrom('a', 'b', 'x', 'y'), { minLength: 1, maxLength: 2 }) });
  const selector = fc.record({ matchLabels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('a', 'b', 'x')), matchExpressions: fc.array(expr, { maxLength: 2 }) });
  fc.assert(
    fc.property(pods, selector, fc.constantFrom('n1', 'n2'), (list, sel, ns) => {
      const idx = new LabelIndex();
      const objs = list.map((p) => pod(p.ns, p.name, p.labels as Record<string, string>));
      for (const o of objs) idx.apply({ type: 'add', object: o });
      const s = fromLabelSelector(sel)!;
      const want = objs.filter((o) => o.metadata!.namespace === ns && matches(s, o.metadata!.labels)).map((o) => o.metadata!.name).sort();
      assert.deepEqual(idx.select(ns, s).map((o) => o.metadata!.name).sort(), want);
    }),
  );
});
