// A foreground k9s plugin in a real terminal: the terminal is handed over to it, then kdrill comes back as it was.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'kdrill-k9s-tmux-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a foreground plugin gets the terminal (its own sh -c), then kdrill redraws the same view and takes keys again', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, async () => {
  mkdirSync(join(dir, 'k9s'));
  writeFileSync(join(dir, 'k9s', 'plugins.yaml'), 'plugins:\n  show:\n    shortCut: Shift-Z\n    description: show the pod\n    scopes: [pods]\n    command: sh\n    args: [-c, \'echo "plugin says: pod $1 in $2"; read answer\', sh, $NAME, $NAMESPACE]\n');
  const t = new TmuxSession(`cd ${process.cwd()} && K9S_CONFIG_DIR=${join(dir, 'k9s')} HOME=${dir} node bin/kdrill.js --demo -n shop --context kdrill-demo; echo "EXITED rc=$?"; sleep 60`, 100, 30);
  try {
    const first = await t.waitFor(/^> (\S+) /m);
    const pod = /^> (\S+) /m.exec(first)![1];
    t.keys('Z');
    const handed = await t.waitFor(/^plugin says: pod \S+ in shop$/m);
    assert.match(handed, new RegExp(`^plugin says: pod ${pod} in shop$`, 'm'));
    assert.doesNotMatch(handed, /^pods {2}\(/m, 'kdrill\'s screen is gone meanwhile');
    t.keys('Enter');
    await t.waitFor(/^plugin show finished/m);
    t.keys(':deploy', 'Enter');
    await t.waitFor(/^deployments {2}\(\d+\)/m);
    t.keys('q');
    await t.waitFor(/EXITED rc=0/);
  } finally {
    t.kill();
  }
});
