// Keys typed ahead, in one burst (a paste, tmux send-keys, a slow SSH link): each acts on the
// state every earlier key left, never on a screen that has not caught up. In a real terminal.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const cwd = process.cwd();
const run = () => `cd ${cwd} && node bin/kdrill.js --demo; sleep 60`;
// The cursor row of a table: `> ` then the cells (NAMESPACE, NAME, ... in all namespaces).
const cursorRow = (screen: string) => screen.split('\n').find((l) => l.startsWith('> ')) ?? '';
const nameOnCursor = (screen: string) => cursorRow(screen).slice(2).trim().split(/\s+/)[1];
// The NAME cell of each table row on screen, in order (the rows after the column headers).
const namesOnScreen = (screen: string) => {
  const lines = screen.split('\n');
  const header = lines.findIndex((l) => /^ {2}NAMESPACE +NAME↑ /.test(l));
  return lines.slice(header + 1).filter((l) => /^[> ] \S/.test(l)).map((l) => l.slice(2).trim().split(/\s+/)[1]);
};

describe('keys typed in bursts act on what the previous keys left', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, () => {
  test('filter then Enter drills into the filtered row; :kind Enter Enter into the new view\'s first row', async () => {
    const t = new TmuxSession(run(), 80, 24);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      // One burst: switch view, filter, apply, drill. The unfiltered first row is another deployment.
      t.burst(':deploy\r/nginx-deploy\r\r');
      await t.waitFor(/deployment nginx-deploy › pods {2}\(3\)/);
      t.keys('Escape', 'Escape', 'Escape');
      await t.waitFor(/^deployments {2}\(12\)/m);
      // From the pods view, in one burst: the deployments view, then Enter on its first row once it is listed.
      t.keys(':po', 'Enter');
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.burst(':deploy\r\r');
      const drilled = await t.waitFor(/^deployments › deployment (\S+) › pods/m);
      const name = /^deployments › deployment (\S+) › pods/m.exec(drilled)![1];
      t.keys('Escape');
      const list = await t.waitFor(/^deployments {2}\(12\)/m);
      assert.equal(nameOnCursor(list), name, 'Enter drilled into the row the cursor was on');
      assert.equal(namesOnScreen(list)[0], name, 'and that is the first row of the deployments table');
    } finally {
      t.kill();
    }
  });

  test('sort then Enter, and j j then an action, act on the rows as sorted and moved', async () => {
    const t = new TmuxSession(run(), 80, 24);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys(':deploy', 'Enter');
      const byName = await t.waitFor(/^deployments {2}\(12\)[\s\S]*^> /m);
      const names = namesOnScreen(byName);
      // Reverse the sort and drill, in one burst: the drill is into the last name, now first.
      t.burst('N\r');
      await t.waitFor(new RegExp(`deployment ${names.at(-1)} › pods`));
      t.keys('Escape', 'N');
      await t.waitFor(/^deployments {2}\(12\)/m);
      // Down twice and restart, in one burst: the question names the third row.
      t.burst('gjjr');
      const asked = await t.waitFor(/Restart deployment \S+\/(\S+) in context kdrill-demo\?/);
      const third = names[2];
      assert.match(asked, new RegExp(`Restart deployment \\S+/${third} in context`));
      t.keys('n');
      await t.waitFor(/^deployments {2}\(12\)/m);
    } finally {
      t.kill();
    }
  });

  test('a write and its "y" in one burst: the question is shown, the y is not taken as the answer; a scale count typed replaces the current one', async () => {
    const t = new TmuxSession(run(), 80, 24);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys(':deploy', 'Enter');
      await t.waitFor(/^deployments {2}\(12\)[\s\S]*^> /m);
      t.burst('/^cart\rry');
      // The question is drawn before the y is read (it waits for that frame): the wait is for the frame that says it dropped the y.
      const asked = await t.waitFor(/Restart deployment shop\/cart in context kdrill-demo\?[\s\S]*^y dropped/m);
      assert.match(asked, /^y dropped: typed before the question was shown; answer it now/m);
      assert.doesNotMatch(asked, /^restarted/m);
      t.keys('n');
      await t.waitFor(/^deployments {2}\/\^cart(?![\s\S]*Restart deployment)/m);
      // The replica count opens selected: "5" means 5 replicas, not 25.
      t.burst('s5\ry');
      const scale = await t.waitFor(/Scale deployment shop\/cart to (\d+) replicas in context kdrill-demo\?[\s\S]*^y dropped/m);
      assert.match(scale, /to 5 replicas/);
      assert.match(scale, /^y dropped/m);
      t.keys('n');
      await t.waitFor(/^deployments {2}\/\^cart(?![\s\S]*Scale deployment)/m);
    } finally {
      t.kill();
    }
  });

  test('Escape read together with the next key is both keys: Escape then Enter, Escape then Ctrl-C (kdrill exits)', async () => {
    const t = new TmuxSession(`cd ${cwd} && node bin/kdrill.js --demo; echo "kdrill exited $?"; sleep 60`, 80, 24);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      // With the prompt open, Escape and Enter together: closed, not applied (Enter then drills into the row).
      t.burst('/nothing-matches\u001b\r');
      await t.waitFor(/› containers/);
      t.keys('Escape');
      await t.waitFor(/^pods {2}\(\d+\)/m);
      // Escape and Ctrl-C together: the prompt closes and kdrill quits, restoring the terminal.
      t.burst('/cart\u001b\u0003');
      const after = await t.waitFor(/^kdrill exited 0$/m);
      assert.doesNotMatch(after, /^pods {2}/m, 'the screen left');
    } finally {
      t.kill();
    }
  });

  test('behind the "terminal too small" notice every key but q is ignored', async () => {
    const t = new TmuxSession(run(), 80, 24);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.resize(60, 20);
      await t.waitFor(/terminal too small: 60x20/);
      // What restarted a Deployment once: a view switch, a restart and its confirmation, typed blind.
      t.burst(':deploy\rry/x\r?');
      t.resize(80, 24);
      const back = await t.waitFor(/^pods {2}\(\d+\)/m);
      assert.doesNotMatch(back, /^deployments {2}\(|Restart deployment|^restarted|Keys \(escape/m, 'no view switch, no question, no restart, no help');
    } finally {
      t.kill();
    }
  });
});
