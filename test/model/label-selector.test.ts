import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatSelector, fromLabelSelector, fromMap, matches, parseSelector, SelectorError } from '../../src/model/label-selector.js';

const labels = { app: 'web', tier: 'frontend', env: 'prod' };

test('parses and matches every operator', () => {
  const cases: [string, boolean][] = [
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['tier in (frontend,backend)', true],
    ['tier notin (frontend)', false],
    ['env', true],
    ['!env', false],
    ['!canary', true],
    ['missing!=x', true],
    ['app=web,tier in (backend)', false],
    ['app = web , env', true],
    ['', true],
  ];
  for (const [text, want] of cases) assert.equal(matches(parseSelector(text), labels), want, text);
});

test('rejects malformed selectors with a reason', () => {
  for (const bad of ['app=we b', 'a,,b', '=x', 'app in (a', 'ke y']) {
    assert.throws(() => parseSelector(bad), SelectorError, bad);
  }
});

test('structured selectors: matchLabels and matchExpressions', () => {
  const sel = fromLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'stage'] }, { key: 'canary', operator: 'DoesNotExist' }] });
  assert.ok(sel && matches(sel, labels));
  assert.ok(sel && !matches(sel, { ...labels, canary: 'true' }));
  assert.equal(fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), null, 'an unknown operator matches nothing');
  assert.equal(fromLabelSelector(undefined), null);
  assert.equal(fromMap({}), null, 'an empty Service selector selects nothing');
});

test('format and parse round-trip', () => {
  const key = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
  const value = fc.stringMatching(/^[a-z0-9]{1,8}$/);
  const req = fc.oneof(
    fc.record({ key, op: fc.constantFrom('in' as const, 'notin' as const), values: fc.array(value, { minLength: 1, maxLength: 3 }) }),
    fc.record({ key, op: fc.constantFrom('exists' as const, '!exists' as const), values: fc.constant([] as string[]) }),
  );
  fc.assert(fc.property(fc.array(req, { maxLength: 4 }), (reqs) => assert.deepEqual(parseSelector(formatSelector(reqs)), reqs.map((r) => ({ ...r, values: [...r.values] })))));
});
