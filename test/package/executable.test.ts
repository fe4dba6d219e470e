// The single executable (npm run package) on a machine without Node: copied to a temporary
// directory and run with a PATH that holds no node. Slow (it writes a 100 MB file), so .ci/run
// runs it as its own step rather than in every `npm test`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const built = `dist/kdrill-${process.platform}-${process.arch}`;
const dir = mkdtempSync(join(tmpdir(), 'kdrill-exe-'));
const exe = join(dir, 'kdrill');
// Nothing else: an empty PATH directory, a home of its own (the bundle unpacks into its cache).
const env = { HOME: join(dir, 'home'), PATH: join(dir, 'empty-bin'), TERM: 'xterm-256color', LANG: 'C.UTF-8' };
const run = (...args: string[]) => spawnSync(exe, args, { encoding: 'utf8', env, cwd: dir });
// Two runs of the demo differ only in generated pod names and in ages (2m, 2m1s, Running 119s): masked.
const mask = (s: string) => s.replace(/(pod [a-z0-9-]+)-[a-z0-9]{5}\b/g, '$1-XXXXX').replace(/\b(\d+[smhd])+\b/g, '<age>');

describe('the single executable', () => {
  before(() => {
    execFileSync(process.execPath, ['scripts/package.js'], { stdio: ['ignore', 'ignore', 'ignore'] });
    copyFileSync(built, exe);
    mkdirSync(env.PATH);
    mkdirSync(env.HOME);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('runs without node on the PATH and says which node it carries', () => {
    assert.notEqual(spawnSync('/bin/sh', ['-c', 'command -v node'], { env }).status, 0, 'no node on this PATH');
    const r = run('--version');
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `kdrill 0.1.0 (single executable, node ${process.version})\n`);
    assert.equal(r.status, 0);
    // Unpacked once, into a private directory named by the content hash.
    const cache = join(env.HOME, '.cache', 'kdrill');
    assert.deepEqual(readdirSync(cache).map((d) => d.replace(/-[0-9a-f]{16}$/, '-HASH')), ['0.1.0-HASH']);
  });

  test('trace --demo prints what the bundle prints', () => {
    const r = run('trace', '--demo', 'holmes.test.shopeekredit.co.id');
    const viaNode = spawnSync(process.execPath, ['bin/kdrill.js', 'trace', '--demo', 'holmes.test.shopeekredit.co.id'], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^holmes\.test\.shopeekredit\.co\.id {2}HEALTHY\n/);
    assert.equal(mask(r.stdout), mask(viaNode.stdout));
  });

  test('the explorer draws its first screen in a terminal, and quits', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, async () => {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ');
    const t = new TmuxSession(`cd ${dir} && env -i ${vars} ./kdrill --demo; echo "EXITED rc=$?"; sleep 60`, 100, 30);
    try {
      const screen = await t.waitFor(/^pods {2}\(\d+\)/m, 30_000);
      assert.match(screen, /NAMESPACE\s+NAME/);
      t.keys('q');
      await t.waitFor(/EXITED rc=0/);
    } finally {
      t.kill();
    }
  });

  test('the executable is not in the npm tarball', () => {
    assert.ok(existsSync(built));
    const files = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }))[0].files.map((f: { path: string }) => f.path);
    assert.deepEqual(files.filter((f: string) => f.startsWith('dist/')).sort(), ['dist/cli-light.js', 'dist/cli.js', 'dist/demo-worker.js']);
  });
});
