// kdrill in a real terminal with --log-file: a Secret opened, decoded, saved and copied leaves no value in the log or on stderr.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startCluster } from '../helpers/sim.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const PLAIN = 'L0g-Pl41n-V4lue';
const BASE64 = Buffer.from(PLAIN).toString('base64');
const APPLIED = `{"apiVersion":"v1","kind":"Secret","metadata":{"annotations":{},"name":"db-creds","namespace":"shop"},"stringData":{"password":"${PLAIN}"},"type":"Opaque"}\n`;

test('no Secret value reaches --log-file or stderr, in clear or in base64', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, async () => {
  const c = await startCluster({ scenario: 'demo' });
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-secret-log-'));
  const log = join(dir, 'kdrill.log');
  const err = join(dir, 'stderr');
  c.sim.api.create(c.sim.registry.get('secrets')!, 'shop', { metadata: { name: 'db-creds', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': APPLIED } }, type: 'Opaque', data: { password: BASE64 } });
  const t = new TmuxSession(`cd ${dir} && node ${join(process.cwd(), 'bin/kdrill.js')} --kubeconfig ${c.kubeconfigPath} -n shop --log-file ${log} --log-level debug 2>${err}; echo "EXITED rc=$?"; sleep 60`, 100, 30);
  try {
    await t.waitFor(/^pods {2}\(\d+\)/m);
    t.keys(':secrets', 'Enter');
    await t.waitFor(/^> db-creds/m);
    t.keys('y', 'Tab', 'z');
    await t.waitFor(/password: <15 bytes>/);
    t.keys('m', 'x');
    await t.waitFor(/password: L0g-Pl41n-V4lue/);
    t.keys('C-s');
    await t.waitFor(/DECODED \(plain text\) to \.\/secret-shop-db-creds\.yaml\?/);
    t.keys('y');
    await t.waitFor(/saved to \.\/secret-shop-db-creds\.yaml \(decoded/);
    // The answer once the question is on screen: a y typed with the c would be dropped, unseen.
    t.keys('c');
    await t.waitFor(/DECODED \(plain text\) to the clipboard\?/);
    t.keys('y');
    await t.waitFor(/copied \d+ lines to the clipboard/);
    t.keys('x', 'C-s');
    await t.waitFor(/saved to \.\/secret-shop-db-creds-1\.yaml/);
    t.keys('q');
    await t.waitFor(/EXITED rc=0/);
    // x then Ctrl-S typed ahead: x is off when Ctrl-S comes, so base64 is saved, without a question.
    for (const f of ['secret-shop-db-creds.yaml', 'secret-shop-db-creds-1.yaml']) assert.equal((statSync(join(dir, f)).mode & 0o777).toString(8), '600');
    assert.ok(readFileSync(join(dir, 'secret-shop-db-creds-1.yaml'), 'utf8').includes(`  password: ${BASE64}\n`));
    const logged = readFileSync(log, 'utf8');
    assert.match(logged, /"msg":"explorer"/);
    for (const [what, text] of [['the log file', logged], ['stderr', readFileSync(err, 'utf8')]]) {
      assert.ok(!text.includes(PLAIN), `${what} holds the value in clear`);
      assert.ok(!text.includes(BASE64), `${what} holds the value in base64`);
    }
  } finally {
    t.kill();
    rmSync(dir, { recursive: true, force: true });
    await c.stop();
  }
});
