// Where kdrill finds a user's k9s files (as k9s's internal/config/files.go), and --check-config's k9s lines.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { k9sDirs, k9sFiles } from '../../src/cli/k9s-files.js';
import { NO_CONFIG } from '../../src/model/config/kdrill-config.js';

const dir = mkdtempSync(join(tmpdir(), 'kdrill-k9s-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

test('k9s directories: kdrill config k9s.configDir, else $K9S_CONFIG_DIR, else the XDG dirs (per platform, as adrg/xdg)', () => {
  const env = { HOME: '/home/u' };
  assert.deepEqual(k9sDirs(NO_CONFIG, env, 'linux'), {
    config: '/home/u/.config/k9s',
    data: '/home/u/.local/share/k9s',
    pluginDirs: ['/usr/local/share/k9s/plugins', '/usr/share/k9s/plugins', '/home/u/.local/share/k9s/plugins', '/home/u/.config/k9s/plugins'],
    from: 'the XDG default',
  });
  const xdg = k9sDirs(NO_CONFIG, { ...env, XDG_CONFIG_HOME: '/x/conf', XDG_DATA_HOME: '/x/data', XDG_DATA_DIRS: '/d1:relative:/d2' }, 'linux');
  assert.deepEqual(xdg, { config: '/x/conf/k9s', data: '/x/data/k9s', pluginDirs: ['/d1/k9s/plugins', '/d2/k9s/plugins', '/x/data/k9s/plugins', '/x/conf/k9s/plugins'], from: '$XDG_CONFIG_HOME' });
  assert.equal(k9sDirs(NO_CONFIG, env, 'darwin').config, '/home/u/Library/Application Support/k9s');
  assert.equal(k9sDirs(NO_CONFIG, { ...env, K9S_CONFIG_DIR: '/k' }, 'linux').config, '/k');
  assert.equal(k9sDirs(NO_CONFIG, { ...env, K9S_CONFIG_DIR: '/k' }, 'linux').data, '/k', 'clusters/ under $K9S_CONFIG_DIR too');
  assert.equal(k9sDirs({ ...NO_CONFIG, k9s: { read: true, configDir: '/mine' } }, { ...env, K9S_CONFIG_DIR: '/k' }, 'linux').from, "kdrill's config (k9s.configDir)");
});

test('files in k9s order: global, the context\'s (cluster and context names made safe as k9s does), plugin directories', () => {
  const k = join(dir, 'k9s');
  write(join(k, 'aliases.yaml'), 'aliases: {pp: v1/pods}\n');
  write(join(k, 'plugins.yaml'), 'plugins: {}\n');
  write(join(k, 'clusters', 'arn-aws-eks-c1', 'ctx-a', 'plugins.yaml'), 'plugins: {}\n');
  write(join(dir, 'data', 'k9s', 'plugins', 'sub', 'one.yml'), 'shortCut: a\ncommand: x\n');
  write(join(dir, 'data', 'k9s', 'plugins', 'notes.txt'), 'not a plugin');
  const dirs = { ...k9sDirs(NO_CONFIG, { HOME: '/nowhere', K9S_CONFIG_DIR: k }, 'linux'), pluginDirs: [join(dir, 'data', 'k9s', 'plugins')] };
  const files = k9sFiles(dirs, 'arn:aws:eks/c1', 'ctx/a').map((f) => `${f.type} ${f.source.slice(dir.length)}`);
  assert.deepEqual(files, ['aliases /k9s/aliases.yaml', 'plugins /k9s/plugins.yaml', 'plugins /k9s/clusters/arn-aws-eks-c1/ctx-a/plugins.yaml', 'plugin /data/k9s/plugins/sub/one.yml']);
});

test('--check-config lists the k9s files read, aliases, hotkeys, plugins, clashes and what is ignored', () => {
  const k = join(dir, 'check');
  write(join(k, 'aliases.yaml'), 'aliases:\n  pp: v1/pods\n');
  write(join(k, 'hotkeys.yaml'), 'hotKeys:\n  shift-0:\n    shortCut: Shift-0\n    description: kube-system deployments\n    command: deploy kube-system\n  f1:\n    shortCut: F1\n    command: pods\n');
  write(join(k, 'plugins.yaml'), 'plugins:\n  dive:\n    shortCut: Shift-D\n    scopes: [po]\n    command: dive\n    args: [$NAME]\n    confirm: true\n  describe-it:\n    shortCut: d\n    scopes: [all]\n    command: "true"\n    pipes: [less]\n  logs:\n    shortCut: Shift-R\n    scopes: [deploy]\n    command: stern\n    override: true\n    background: true\n');
  const config = join(dir, 'kdrill.yaml');
  write(config, 'plugins:\n  readOnlySafe: [logs]\n');
  const r = spawnSync(process.execPath, ['bin/kdrill.js', '--check-config'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: join(dir, 'home'), KUBECONFIG: '/nonexistent', K9S_CONFIG_DIR: k, KDRILL_CONFIG: config, XDG_DATA_DIRS: '/nonexistent' } });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(
    r.stdout.slice(r.stdout.indexOf('k9s files:')),
    [
      `k9s files: ${k} ($K9S_CONFIG_DIR)`,
      `  read ${k}/aliases.yaml`,
      `  read ${k}/hotkeys.yaml`,
      `  read ${k}/plugins.yaml`,
      '  alias pp: v1/pods',
      '  hotkey shift-0: Shift-0 runs :deploy kube-system',
      '  plugin describe-it: d in all: describe-it (runs at once, in the terminal, refused under --readonly)',
      '  plugin dive: Shift-D in po: dive (asks first, in the terminal, refused under --readonly)',
      '  plugin logs: Shift-R in deploy: logs (runs at once, in the background, allowed under --readonly)',
      '  clash: k9s plugin describe-it (d): d is kdrill\'s "describe" everywhere; kdrill\'s key is kept there (override: true gives it to the k9s entry)',
      '  clash: k9s plugin logs (Shift-R): Shift-R is kdrill\'s "sort by ready" in pods, deployments, statefulsets, daemonsets, replicasets; the k9s entry takes it (override: true)',
      `  ignored hotkey f1 (${k}/hotkeys.yaml): kdrill cannot read the key F1 (it reads a-z, 0-9, Shift-A..Z, Shift-0..9, Ctrl-A..Z)`,
      `  ignored plugin describe-it: pipes (${k}/plugins.yaml): kdrill does not pipe one plugin into another`,
      '',
    ].join('\n'),
  );
});
