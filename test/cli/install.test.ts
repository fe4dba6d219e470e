// The npm tarball installs globally and runs with nothing else present: no dependencies to fetch
// (the bundle holds them), no build step, no patch-package (issue 22 §1).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'kdrill-pack-'));
const prefix = join(dir, 'global');
// node itself and nothing else: the installed bin directory and node's own.
const env = { HOME: join(dir, 'home'), PATH: `${join(prefix, 'bin')}:${dirname(process.execPath)}`, TERM: 'xterm-256color', LANG: 'C.UTF-8' };

describe('npm pack, then npm i -g of the tarball', () => {
  let installLog = '';
  before(() => {
    mkdirSync(env.HOME);
    // The bundle is built by `npm test` (and by prepare on a real `npm pack`).
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { stdio: 'ignore' });
    const tarball = readdirSync(dir).find((f) => /^kdrill-.*\.tgz$/.test(f))!;
    // Offline: a tarball that needed anything from a registry fails here.
    installLog = execFileSync('npm', ['i', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(dir, tarball)], { encoding: 'utf8', cwd: dir, env: { ...process.env, HOME: env.HOME, npm_config_cache: join(dir, 'npm-cache') } });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the package has no dependencies to install and carries the bundle, not the executable', () => {
    assert.match(installLog, /added 1 package/);
    const root = join(prefix, 'lib', 'node_modules', 'kdrill');
    assert.ok(!existsSync(join(root, 'node_modules')));
    assert.deepEqual(readdirSync(join(root, 'dist')).sort(), ['cli-light.js', 'cli.js', 'demo-worker.js']);
    assert.deepEqual(readdirSync(join(root, 'fixtures')).sort(), readdirSync('fixtures').filter((d) => d !== 'apiserver-1.36').sort());
  });

  test('kdrill trace --demo runs from the global install', () => {
    const r = spawnSync('kdrill', ['trace', '--demo', 'holmes.test.shopeekredit.co.id'], { encoding: 'utf8', env, cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^holmes\.test\.shopeekredit\.co\.id {2}HEALTHY\n/);
  });

  test('kdrill --demo draws the explorer from the global install', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, async () => {
    const vars = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
    const t = new TmuxSession(`cd ${dir} && env -i ${vars} kdrill --demo; echo "EXITED rc=$?"; sleep 60`, 100, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m, 30_000);
      t.keys('q');
      await t.waitFor(/EXITED rc=0/);
    } finally {
      t.kill();
    }
  });
});
