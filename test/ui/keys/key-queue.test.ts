import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUrgent, nextStep, type QueueSituation } from '../../../src/ui/keys/key-queue.js';
import { initialState, type UiState } from '../../../src/ui/state/ui-state.js';

const key = (name: string) => ({ name, input: name.length === 1 ? name : '', ctrl: name.startsWith('ctrl+') });
const base: UiState = initialState('shop');
const at = (s: Partial<QueueSituation>): QueueSituation => ({ state: base, rendered: true, loading: false, tooSmall: false, ...s });

test('a key that needs the screen waits until a render has shown the state the earlier keys left', () => {
  assert.equal(nextStep(key('enter'), at({ rendered: false })), 'wait-render');
  assert.equal(nextStep(key('j'), at({ rendered: false })), 'wait-render');
  assert.equal(nextStep(key('enter'), at({ rendered: true })), 'run');
});

test('typing into the command line or a filter needs no render; the pane search does', () => {
  assert.equal(nextStep(key('x'), at({ rendered: false, state: { ...base, prompt: { mode: 'filter', text: '' } } })), 'run');
  assert.equal(nextStep(key('enter'), at({ rendered: false, state: { ...base, prompt: { mode: 'command', text: 'deploy' } } })), 'run');
  assert.equal(nextStep(key('enter'), at({ rendered: false, state: { ...base, prompt: { mode: 'search', text: 'x' } } })), 'wait-render');
});

test('a question is answered only by a key typed once it was on screen: `ry` in one burst never writes', () => {
  const asking: UiState = { ...base, confirm: { type: 'delete', kind: 'Pod', namespace: 'shop', name: 'a' } };
  assert.equal(nextStep(key('y'), at({ rendered: false, state: asking })), 'wait-render');
  assert.deepEqual(nextStep(key('y'), at({ rendered: true, state: asking, typedBeforeQuestion: true })), { drop: 'y dropped: typed before the question was shown; answer it now' });
  assert.equal(nextStep(key('y'), at({ rendered: true, state: asking, typedBeforeQuestion: false })), 'run');
  assert.equal(nextStep(key('n'), at({ rendered: true, state: asking, typedBeforeQuestion: false })), 'run');
});

test('row keys wait for the first list and are dropped, with a message, when it fails; global keys do not wait', () => {
  assert.equal(nextStep(key('enter'), at({ loading: true })), 'wait-rows');
  assert.equal(nextStep(key('ctrl+d'), at({ loading: true })), 'wait-rows');
  assert.equal(nextStep(key(':'), at({ loading: true })), 'run');
  assert.deepEqual(nextStep(key('enter'), at({ failed: 'cannot list pods: forbidden' })), { drop: 'Enter dropped: cannot list pods: forbidden' });
  // With the pane focused, keys act on the pane, not on rows.
  assert.equal(nextStep(key('j'), at({ loading: true, state: { ...base, detail: 'yaml', focus: 'detail' } })), 'run');
});

test('behind the too-small notice every key is dropped; Ctrl-C, and q there, are answered at once', () => {
  for (const k of ['enter', 'r', 'y', ':', 'ctrl+d']) assert.equal(nextStep(key(k), at({ tooSmall: true, state: { ...base, confirm: { type: 'restart', kind: 'Deployment', namespace: 'shop', name: 'a' } } })), 'drop');
  assert.equal(isUrgent(key('ctrl+c'), false), true);
  assert.equal(isUrgent(key('q'), true), true);
  assert.equal(isUrgent(key('q'), false), false);
});

test('saving or copying a pane waits for its whole object; moving in it does not', () => {
  const pane = { ...base, detail: 'yaml' as const, focus: 'detail' as const };
  assert.equal(nextStep(key('ctrl+s'), at({ state: pane, paneLoading: true })), 'wait-pane');
  assert.equal(nextStep(key('c'), at({ state: pane, paneLoading: true })), 'wait-pane');
  assert.equal(nextStep(key('j'), at({ state: pane, paneLoading: true })), 'run');
  assert.equal(nextStep(key('ctrl+s'), at({ state: pane, paneLoading: false })), 'run');
});
