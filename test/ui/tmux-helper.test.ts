// The real-terminal tests start tmux sessions from parallel test files. On one shared tmux
// server, a session ending as the last one stops the server while another file's new-session
// connects to it ("server exited unexpectedly"): CI failed on exactly that (40 `new-session`s
// of `true` started at once on one server fail half the time). Each TmuxSession has its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

test('each tmux session of the tests runs on its own tmux server', { skip: !hasTmux && 'tmux is not installed' }, () => {
  const a = new TmuxSession('sleep 30', 20, 5);
  const b = new TmuxSession('sleep 30', 20, 5);
  try {
    assert.deepEqual(a.tmux('list-sessions', '-F', '#{session_name}').trim().split('\n'), [a.name]);
    assert.deepEqual(b.tmux('list-sessions', '-F', '#{session_name}').trim().split('\n'), [b.name]);
    a.kill();
    assert.deepEqual(b.tmux('list-sessions', '-F', '#{session_name}').trim().split('\n'), [b.name], 'ending one leaves the other');
  } finally {
    a.kill();
    b.kill();
  }
});
