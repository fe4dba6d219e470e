// kdrill's own config file (issue 22 §3): where it is found, --check-config, defaults, per-context settings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'kdrill-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const home = join(dir, 'home');
const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH!, HOME: home, KUBECONFIG: '/nonexistent/kubeconfig', ...extra });
const kdrill = (extra: Record<string, string>, ...args: string[]) => spawnSync(process.execPath, ['bin/kdrill.js', ...args], { encoding: 'utf8', env: env(extra) });
const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};

test('--check-config: what was read, from where, what was ignored and why', () => {
  const file = write(join(dir, 'full.yaml'), 'defaults:\n  log-tail: 500\n  readonly: false\n  dns-server: 10.0.0.10\n  probe-timeout: 5s\n  bogus: 1\ncontexts:\n  "prod*":\n    readonly: true\n    namespace: payments\ntheme:\n  base: light\n  header: magenta\nplugins:\n  readOnlySafe: [dig]\ncolours: 1\n');
  const r = kdrill({ KDRILL_CONFIG: file }, '--check-config');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(
    r.stdout.split('\nk9s')[0],
    [
      `kdrill config: ${file} ($KDRILL_CONFIG)`,
      '  defaults: log-tail=500 readonly=false dns-server=10.0.0.10',
      '  contexts matching prod*: readonly=true namespace=payments',
      '  theme: light with header',
      '  plugins allowed under --readonly: dig',
      // A flag kdrill knows but no command takes yet: its default is reported, not dropped in silence.
      '  ignored defaults.probe-timeout: no command of this kdrill takes --probe-timeout yet',
      '  ignored defaults.bogus: kdrill has no flag --bogus',
      '  ignored colours: not a kdrill setting (defaults, contexts, theme, plugins, k9s)',
    ].join('\n') + (r.stdout.includes('\nk9s') ? '' : '\n'),
  );
});

test('where the file is looked for: $KDRILL_CONFIG, else $XDG_CONFIG_HOME/kdrill, else ~/.config/kdrill', () => {
  const first = (extra: Record<string, string>) => kdrill(extra, '--check-config').stdout.split('\n')[0];
  assert.equal(first({}), `kdrill config: none (looked for ${home}/.config/kdrill/config.yaml, the default place)`);
  write(join(home, '.config', 'kdrill', 'config.yaml'), 'defaults: {}\n');
  assert.equal(first({}), `kdrill config: ${home}/.config/kdrill/config.yaml (the default place)`);
  assert.equal(first({ XDG_CONFIG_HOME: join(dir, 'xdg') }), `kdrill config: none (looked for ${dir}/xdg/kdrill/config.yaml, $XDG_CONFIG_HOME)`);
  // A relative XDG_CONFIG_HOME is not one (the XDG spec): the default place.
  assert.equal(first({ XDG_CONFIG_HOME: 'xdg' }), `kdrill config: ${home}/.config/kdrill/config.yaml (the default place)`);
  write(join(dir, 'xdg', 'kdrill', 'config.yaml'), '');
  assert.equal(first({ XDG_CONFIG_HOME: join(dir, 'xdg') }), `kdrill config: ${dir}/xdg/kdrill/config.yaml ($XDG_CONFIG_HOME)`);
  rmSync(join(home, '.config'), { recursive: true });
});

test('a config that is not valid: one line naming the file and the key, for every command', () => {
  const bad = write(join(dir, 'bad.yaml'), 'defaults:\n  log-tail: lots\n');
  const want = `kdrill: config ${bad}: defaults.log-tail must be a number from 0 to 100000, not "lots"\nrun 'kdrill --check-config' to see what kdrill reads\n`;
  for (const args of [['--check-config'], ['--demo'], ['rollout', 'status', 'deploy/x', '--demo']]) {
    const r = kdrill({ KDRILL_CONFIG: bad }, ...args);
    assert.deepEqual([r.stderr, r.status, r.stdout], [want, 2, ''], args.join(' '));
  }
  // trace's 1 and 2 speak about the route: its usage errors are 3.
  const trace = kdrill({ KDRILL_CONFIG: bad }, 'trace', '--demo', 'x.example.com');
  assert.deepEqual([trace.stderr, trace.status], [want, 3]);
  const notYaml = write(join(dir, 'not-yaml.yaml'), 'defaults: [\n');
  assert.equal(kdrill({ KDRILL_CONFIG: notYaml }, '--demo').stderr, `kdrill: config ${notYaml}: not YAML: unexpected end of the stream within a flow collection (line 2)\nrun 'kdrill --check-config' to see what kdrill reads\n`);
  assert.equal(kdrill({ KDRILL_CONFIG: join(dir, 'missing.yaml') }, '--demo').stderr, `kdrill: config ${dir}/missing.yaml (from $KDRILL_CONFIG) does not exist\nunset KDRILL_CONFIG or point it at a file\n`);
});

test('defaults apply to every command that has the flag; the command line wins', () => {
  const log = join(dir, 'kdrill.log');
  const file = write(join(dir, 'logging.yaml'), `defaults:\n  log-file: ${log}\n  log-level: debug\n`);
  const r = kdrill({ KDRILL_CONFIG: file }, 'trace', '--demo', 'holmes.test.shopeekredit.co.id');
  assert.equal(r.status, 0);
  const levels = () => new Set(readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l).level));
  assert.ok(levels().has('debug'), 'the default log level, debug, is in use');
  rmSync(log);
  assert.equal(kdrill({ KDRILL_CONFIG: file }, 'trace', '--demo', '--log-level', 'warn', 'holmes.test.shopeekredit.co.id').status, 0);
  assert.ok(!existsSync(log) || ![...levels()].some((l) => l === 'debug' || l === 'info'), 'the command line\'s level wins');
});

test('per-context settings: a context matching kdrill-* opens read-only', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, async () => {
  const file = write(join(dir, 'contexts.yaml'), 'contexts:\n  "kdrill-*":\n    readonly: true\n    namespace: shop\n');
  const t = new TmuxSession(`cd ${process.cwd()} && KDRILL_CONFIG=${file} node bin/kdrill.js --demo --context kdrill-demo`, 100, 30);
  try {
    const screen = await t.waitFor(/^pods {2}\(\d+\)/m);
    assert.match(screen, /^ns shop {2}\[read-only\]/m);
    t.keys('q');
  } finally {
    t.kill();
  }
});
