import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editLine, type EditedLine } from '../../../src/ui/keys/line-edit.js';

const key = (name: string): { name: string; input: string; ctrl: boolean } => (name.length === 1 ? { name, input: name, ctrl: false } : { name, input: '', ctrl: name.startsWith('ctrl+') });
const run = (line: EditedLine & { selected?: boolean }, ...names: string[]) => names.reduce<EditedLine & { selected?: boolean }>((l, n) => editLine(l, key(n)) ?? l, line);
const at = (text: string) => ({ text, cursor: text.length });

test('prompt lines edit as readline does: Ctrl-U, Ctrl-W, Ctrl-A/E, Home/End, Left/Right, typing at the cursor (issue 21 #18)', () => {
  assert.deepEqual(run(at('deploy -n shop'), 'ctrl+u'), { text: '', cursor: 0 });
  assert.deepEqual(run(at('deploy -n shop'), 'ctrl+w'), { text: 'deploy -n ', cursor: 10 });
  assert.deepEqual(run(at('deploy -n shop  '), 'ctrl+w', 'ctrl+w'), { text: 'deploy ', cursor: 7 });
  assert.deepEqual(run(at('eploy'), 'ctrl+a', 'd'), { text: 'deploy', cursor: 1 });
  assert.deepEqual(run(at('eploy'), 'home', 'd', 'end', 's'), { text: 'deploys', cursor: 7 });
  assert.deepEqual(run(at('deploy'), 'ctrl+a', 'ctrl+e', '!'), { text: 'deploy!', cursor: 7 });
  assert.deepEqual(run(at('depoy'), 'left', 'left', 'l'), { text: 'deploy', cursor: 4 });
  assert.deepEqual(run(at('deploy'), 'left', 'right', 'right', 'x'), { text: 'deployx', cursor: 7 });
  assert.deepEqual(run(at('deploxy'), 'left', 'backspace'), { text: 'deploy', cursor: 5 });
  // Ctrl-U deletes what is before the cursor, Ctrl-K what is after.
  assert.deepEqual(run(at('svc all'), 'left', 'left', 'left', 'ctrl+u'), { text: 'all', cursor: 0 });
  assert.deepEqual(run(at('svc all'), 'left', 'left', 'left', 'ctrl+k'), { text: 'svc ', cursor: 4 });
  // Filled-in text is replaced by typing, cleared by Backspace.
  assert.deepEqual(run({ text: 'web', cursor: 3, selected: true }, 'd'), { text: 'd', cursor: 1 });
  assert.deepEqual(run({ text: 'web', cursor: 3, selected: true }, 'backspace'), { text: '', cursor: 0 });
  assert.equal(editLine(at('x'), key('enter')), undefined);
  // Alt-B and Alt-F: a word back, a word forward.
  assert.deepEqual(run(at('svc -n shop'), 'alt+b', 'alt+b', 'x'), { text: 'svc x-n shop', cursor: 5 });
  assert.deepEqual(run(at('svc -n shop'), 'ctrl+a', 'alt+f', 'alt+f', '!'), { text: 'svc -n! shop', cursor: 7 });
});
