// Real-terminal tests: kdrill in tmux, driven by keys and read from the screen.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const cwd = process.cwd();
// After kdrill exits the shell prints its status and the terminal modes, so a test can see them restored.
const run = () =>
  `cd ${cwd} && node bin/kdrill.js --demo; echo "EXITED rc=$?"; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 60`;

describe('kdrill --demo in a real terminal', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, () => {
  const restored = /EXITED rc=0\n(icanon echo|echo icanon) *\n/;

  const sigterm = () => {
    const pid = execFileSync('pgrep', ['-f', 'bin/kdrill.js --demo', '-n'], { encoding: 'utf8' }).trim();
    process.kill(Number(pid), 'SIGTERM');
  };
  const ways: [string, (t: TmuxSession) => void][] = [
    ['q', (t) => t.keys('q')],
    ['Ctrl-C', (t) => t.keys('C-c')],
    ['SIGTERM', sigterm],
  ];
  for (const [how, stop] of ways) {
    test(`shows the cluster, and ${how} restores the terminal`, async () => {
      const t = new TmuxSession(run(), 100, 30);
      try {
        const screen = await t.waitFor(/NAMESPACES \(10\)[\s\S]*credit-risk-admin-test-id/);
        assert.match(screen, /^kdrill \d+\.\d+\.\d+ {2}context: kdrill-demo {2}server: http:\/\/127\.0\.0\.1:\d+/m);
        assert.ok(screen.split('\n').length <= 31);
        stop(t);
        const after = await t.waitFor(restored);
        assert.doesNotMatch(after, /NAMESPACES/, 'the alternate screen is gone');
      } finally {
        t.kill();
      }
    });
  }
});
