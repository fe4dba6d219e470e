// A shell in a container, from kdrill --demo in a real terminal: asked first, the terminal handed over, and back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const cwd = process.cwd();
const run = (args = '--demo') => `cd ${cwd} && node bin/kdrill.js ${args}; echo "EXITED rc=$?"; sleep 60`;
// After kdrill exits the shell prints its status and the terminal modes, so a test can see them restored.
const withModes = `cd ${cwd} && node bin/kdrill.js --demo; echo "EXITED rc=$?"; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 60`;
// The table's rows as the cursor mark and the pod's name (the cluster is live: ages and readiness move).
const rows = (screen: string) => screen.split('\n').filter((l) => /^[> ] shop +frontend-/.test(l)).map((l) => l.split(/ +/).slice(0, 3).join(' '));

describe('s: a shell in a container, in a real terminal', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, () => {
  test('s on a pod asks, opens bash, hostname prints the pod name, exit returns to the same view and cursor', async () => {
    const t = new TmuxSession(run(), 120, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys('/frontend');
      await t.waitFor(/^\/frontend +3\/\d+ match/m);
      t.keys('Enter', 'j');
      // The cursor on the second row (j applied), not the first.
      const before = await t.waitFor(/^ {2}shop +frontend-\S+ .*\n> +shop +frontend-\w+-\w+ +1\/1 +Running[^\n]*\n/m);
      const pod = /^> +shop +(frontend-\w+-\w+)/m.exec(before)![1];
      t.keys('s');
      await t.waitFor(new RegExp(`Open a shell in pod shop/${pod} \\(container nginx\\) in context kdrill-demo\\?`));
      // A key typed while the question is up is its answer or nothing: h is nothing here.
      t.keys('y');
      // tmux's capture drops the prompt's trailing space.
      await t.waitFor(new RegExp(`^root@${pod}:/#$`, 'm'));
      assert.doesNotMatch(t.screen(), /^pods /m, 'kdrill\'s screen is gone while the shell has the terminal');
      t.keys('hostname', 'Enter');
      await t.waitFor(new RegExp(`^root@${pod}:/# hostname\\n${pod}\\nroot@${pod}:/#$`, 'm'));
      // The terminal's size reaches the container, and so does a resize.
      t.keys('clear', 'Enter', 'stty size', 'Enter');
      await t.waitFor(/^30 120$/m);
      t.resize(110, 28);
      t.keys('clear', 'Enter', 'stty size', 'Enter');
      await t.waitFor(/^28 110$/m);
      t.resize(120, 30);
      // j and k typed in the shell are the shell's: they must not move kdrill's cursor.
      t.keys('jk', 'C-u');
      t.keys('exit', 'Enter');
      const after = await t.waitFor(new RegExp(`shell in ${pod}/nginx ended`));
      assert.deepEqual(rows(after), rows(before), 'the same rows, the cursor on the same pod');
      assert.match(after, /^pods {2}\/frontend {2}\(3 of \d+\)/m);
      // kdrill has the keyboard again.
      t.keys('q');
      await t.waitFor(/EXITED rc=0/);
    } finally {
      t.kill();
    }
  });

  test('a on a pod: attached to the main process, its output streams; Ctrl-C detaches back to the view', async () => {
    const t = new TmuxSession(run(), 120, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys('/frontend');
      await t.waitFor(/^\/frontend +3\/\d+ match/m);
      t.keys('Enter');
      const before = await t.waitFor(/^> +shop +frontend-\w+-\w+ +1\/1 +Running/m);
      const pod = /^> +shop +(frontend-\w+-\w+)/m.exec(before)![1];
      t.keys('a');
      await t.waitFor(new RegExp(`Attach to pod shop/${pod} \\(container nginx\\) in context kdrill-demo\\?`));
      t.keys('y');
      await t.waitFor(new RegExp(`^attached to ${pod}/nginx \\(no terminal\\): Ctrl-C or Ctrl-P Ctrl-Q detaches\\n[\\d.]+ - - \\[[^\\]]+\\] "(?:GET|POST|PUT|HEAD) `, 'm'));
      t.keys('C-c');
      // The screen the wait read twice alike: a capture of its own could fall while kdrill draws a frame (the table is live).
      const back = await t.waitFor(new RegExp(`attach to ${pod}/nginx ended`));
      assert.match(back, /^pods {2}\/frontend {2}\(3 of \d+\)/m);
      t.keys('q');
      await t.waitFor(/EXITED rc=0/);
    } finally {
      t.kill();
    }
  });

  test('SIGTERM while the shell has the terminal: kdrill ends, the shell session with it, the terminal restored', async () => {
    const t = new TmuxSession(withModes, 120, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys('/frontend');
      await t.waitFor(/^\/frontend +3\/\d+ match/m);
      t.keys('Enter');
      await t.waitFor(/^> +shop +frontend-\w+-\w+ +1\/1 +Running/m);
      t.keys('s');
      await t.waitFor(/Open a shell in pod shop\/frontend-\S+ \(container nginx\)/);
      t.keys('y');
      await t.waitFor(/^root@frontend-\w+-\w+:\/#$/m);
      // kdrill is the pane's shell's child: found by its parent, not by name.
      const pane = String(t.panePid());
      const kdrill = execFileSync('pgrep', ['-P', pane], { encoding: 'utf8' }).trim().split('\n')[0];
      process.kill(Number(kdrill), 'SIGTERM');
      await t.waitFor(/EXITED rc=\d+\n(icanon echo|echo icanon) *\n/);
    } finally {
      t.kill();
    }
  });

  test('an image without bash: sh is tried next, as a user who is not root ($ prompt)', async () => {
    const t = new TmuxSession(run(), 120, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys('/prometheus-');
      await t.waitFor(/^\/prometheus- +1\/\d+ match/m);
      t.keys('Enter');
      await t.waitFor(/^> +monitoring +prometheus-\w+-\w+ +1\/1 +Running/m);
      t.keys('s');
      await t.waitFor(/Open a shell in pod monitoring\/prometheus-\S+ \(container prometheus\)/);
      t.keys('y');
      await t.waitFor(/^\/ \$$/m);
      t.keys('echo $0', 'Enter');
      await t.waitFor(/^\/ \$ echo \$0\nsh\n\/ \$$/m);
      t.keys('exit', 'Enter');
      await t.waitFor(/shell in prometheus-\w+-\w+\/prometheus ended/);
      t.keys('q');
      await t.waitFor(/EXITED rc=0/);
    } finally {
      t.kill();
    }
  });

  test('a container without a shell: one footer line, the screen stays', async () => {
    const t = new TmuxSession(run(), 120, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys('/coredns');
      await t.waitFor(/^\/coredns +2\/\d+ match/m);
      t.keys('Enter');
      await t.waitFor(/^> +kube-system +coredns-\w+-\w+ +1\/1 +Running/m);
      t.keys('s');
      await t.waitFor(/Open a shell in pod kube-system\/coredns-\S+ \(container coredns\)/);
      t.keys('y');
      await t.waitFor(/no shell in container coredns of pod coredns-\w+-\w+ \(tried bash, sh\)/);
      t.keys('q');
      await t.waitFor(/EXITED rc=0/);
    } finally {
      t.kill();
    }
  });

  test('Shift-F on a Service: the dialog, then an HTTP GET to the local port answers; :pf lists it, Ctrl-D stops it', async () => {
    const t = new TmuxSession(run('--demo -n shop'), 140, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      // The Service needs a ready pod: the demo's pods start with it.
      await t.waitFor(/(^[> ] frontend-\w+-\w+ +1\/1 +Running[^\n]*\n(?:[^\n]*\n)*){3}/m);
      t.keys(':svc', 'Enter');
      await t.waitFor(/^services {2}\(\d+\)/m);
      t.keys('/frontend');
      await t.waitFor(/^\/frontend +1\/\d+ match/m);
      t.keys('Enter');
      await t.waitFor(/^> frontend +ClusterIP/m);
      t.keys('F');
      const dialog = await t.waitFor(/port-forward service shop\/frontend port http \(80\) in context kdrill-demo from \[address:\]port: 127\.0\.0\.1:(\d+)/);
      const local = /127\.0\.0\.1:(\d+)/.exec(dialog.split('\n').find((l) => l.startsWith('port-forward'))!)![1];
      t.keys('Enter');
      const started = await t.waitFor(/forwarding 127\.0\.0\.1:\d+ → service shop\/frontend port http \(80\) via pod frontend-\w+-\w+ \(:pf lists forwards\)/);
      const pod = /via pod (frontend-\w+-\w+)/.exec(started)![1];
      const res = await fetch(`http://127.0.0.1:${local}/`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /Welcome to nginx!/);
      t.keys(':pf', 'Enter');
      await t.waitFor(new RegExp(`^> kdrill-demo +shop +service/frontend +http \\(80\\) +127\\.0\\.0\\.1:${local} +${pod} +1 +\\d+B +[\\d.]+(?:B|KiB) +0`, 'm'));
      t.keys('C-d');
      await t.waitFor(new RegExp(`stopped the port-forward 127\\.0\\.0\\.1:${local} → service/frontend`));
      await assert.rejects(fetch(`http://127.0.0.1:${local}/`), 'the local port is closed');
      t.keys('q');
      await t.waitFor(/EXITED rc=0/);
    } finally {
      t.kill();
    }
  });

  test('--readonly refuses s, a and Shift-F in the screen', async () => {
    const t = new TmuxSession(run('--demo --readonly'), 120, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys('/frontend');
      await t.waitFor(/^\/frontend +3\/\d+ match/m);
      t.keys('Enter');
      await t.waitFor(/^> +shop +frontend-\w+-\w+ +1\/1 +Running/m);
      t.keys('s');
      await t.waitFor(/read-only mode \(--readonly\): kdrill opens no shell into containers/);
      t.keys('a');
      await t.waitFor(/read-only mode \(--readonly\): kdrill opens no attach into containers/);
      t.keys('F');
      await t.waitFor(/read-only mode \(--readonly\): kdrill opens no port-forward/);
      t.keys('q');
      await t.waitFor(/EXITED rc=0/);
    } finally {
      t.kill();
    }
  });
});
