import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uiReducer, type UiAction } from '../../../src/ui/state/ui-reducer.js';
import { initialState, paneInForce, type UiState } from '../../../src/ui/state/ui-state.js';

const run = (s: UiState, ...actions: UiAction[]) => actions.reduce(uiReducer, s);
const secrets: UiAction = { type: 'replaceRoot', view: { type: 'resources', resource: 'secrets', namespace: 'shop', title: 'secrets', filter: '' } };
const on: UiAction = { type: 'pane', options: { decode: true, managedFields: true, previous: true } };
const shown = (s: UiState) => ({ decode: s.pane.decode, managedFields: s.pane.managedFields });

test('x and m go when another object comes under the cursor, or the pane or the view changes; not when the cursor stays', () => {
  const base = run(initialState('shop'), secrets, { type: 'detail', mode: 'yaml' }, { type: 'cursor', key: 'shop/a' }, on);
  assert.deepEqual(shown(run(base, { type: 'cursor', key: 'shop/a' })), { decode: true, managedFields: true });
  assert.deepEqual(shown(run(base, { type: 'cursorBy', delta: 1, keys: ['shop/a', 'shop/b'] })), { decode: false, managedFields: false });
  assert.equal(run(base, { type: 'cursor', key: 'shop/b' }).pane.previous, false);
  assert.deepEqual(shown(run(base, { type: 'detail', mode: 'describe' })), { decode: false, managedFields: false });
  assert.deepEqual(shown(run(base, { type: 'push', view: { type: 'containers', namespace: 'shop', pod: 'p', title: 'c', filter: '' } })), { decode: false, managedFields: false });
  assert.deepEqual(shown(run(base, secrets)), { decode: false, managedFields: false });
});

test('x and m hold only for the row they were asked on: not when a filter, a deletion or a new first row puts another there', () => {
  const s = run(initialState('shop'), secrets, { type: 'detail', mode: 'yaml' }, { type: 'cursor', key: 'shop/a' }, on);
  assert.deepEqual(shown({ ...s, pane: paneInForce(s, 'shop/a') }), { decode: true, managedFields: true });
  // The cursor's row is gone from the table: the first row is shown instead.
  assert.deepEqual(shown({ ...s, pane: paneInForce(s, 'shop/0-first') }), { decode: false, managedFields: false });
  // Never moved: whatever is first now may not be what x was asked on.
  const unpinned = run(initialState('shop'), secrets, on);
  assert.deepEqual(shown({ ...unpinned, pane: paneInForce(unpinned, 'shop/a') }), { decode: false, managedFields: false });
  assert.equal(paneInForce(s, 'shop/b').wrap, s.pane.wrap);
});

test('p and a belong to the pod they were set on: not after Esc back to another view, nor on another row; s and J stay', () => {
  const pods: UiAction = { type: 'push', view: { type: 'resources', resource: 'pods', namespace: 'shop', title: 'pods', filter: '' } };
  const set: UiAction = { type: 'pane', options: { previous: true, allContainers: true, since: '5m', json: true } };
  const s = run(initialState('shop'), pods, { type: 'cursor', key: 'shop/a' }, { type: 'detail', mode: 'logs' }, set);
  const per = (x: UiState, key?: string) => {
    const p = key === undefined ? x.pane : paneInForce(x, key);
    return { previous: p.previous, allContainers: p.allContainers, since: p.since, json: p.json };
  };
  assert.deepEqual(per(s, 'shop/a'), { previous: true, allContainers: true, since: '5m', json: true });
  // Esc closes the pane, Esc goes back, Enter drills into another Deployment's pods, l opens its logs.
  const other = run(s, { type: 'back' }, { type: 'back' }, pods, { type: 'detail', mode: 'logs' });
  assert.deepEqual(per(other), { previous: false, allContainers: false, since: '5m', json: true });
  const back = run(s, { type: 'detail', mode: undefined }, { type: 'back' });
  assert.deepEqual(per(back), { previous: false, allContainers: false, since: '5m', json: true });
  // A deletion or a filter puts another row under the cursor before the cursor follows.
  assert.deepEqual(per(s, 'shop/b'), { previous: false, allContainers: false, since: '5m', json: true });
});
