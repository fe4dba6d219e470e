// The user's k9s files in the explorer: aliases after :, hotkeys, plugins on their keys (issue 22 §2).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { k9sSetup, type K9sFile } from '../../src/model/k9s/k9s-setup.js';
import { setUserBindings } from '../../src/ui/keys/bindings.js';
import { Root } from '../../src/ui/root.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'kdrill-k9s-ui-'));
const out = join(dir, 'argv.json');
const pwned = join(dir, 'pwned');
// A plugin that writes the argv it was given: any shell between kdrill and it would expand $(...), * and $HOME.
const ARGV_PLUGIN = { shortCut: 'Shift-Z', description: 'record argv', scopes: ['po'], command: process.execPath, background: true, args: ['-e', 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))', out, '$NAMESPACE/$NAME', `$(touch ${pwned})`, '*', '$COL-STATUS', '$HOME', '$CONTEXT'] };
const FILES: K9sFile[] = [
  { source: '/k9s/aliases.yaml', type: 'aliases', doc: { aliases: { pp: 'v1/pods', kdp: 'apps/v1/deployments kube-system' } } },
  { source: '/k9s/hotkeys.yaml', type: 'hotkeys', doc: { hotKeys: { 'shift-0': { shortCut: 'Shift-0', description: 'kube-system deployments', command: 'deploy kube-system' } } } },
  { source: '/k9s/plugins.yaml', type: 'plugins', doc: { plugins: { argv: ARGV_PLUGIN, asks: { ...ARGV_PLUGIN, shortCut: 'Shift-X', confirm: true, description: 'asks first', command: 'echo', args: ['$NAME', 'two words'] }, 'describe-it': { shortCut: 'd', scopes: ['all'], command: 'true' } } } },
];

let c: TestCluster;
let session: ClusterSession;
before(async () => {
  c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
  c.sim.advance(60_000);
  session = await ClusterSession.open(c.kc, { flushMs: 5 });
});
after(async () => {
  setUserBindings([], []);
  await session?.stop();
  await c?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function app(readonly = false, readOnlySafe: string[] = []) {
  const k9s = () => ({ setup: k9sSetup(FILES), kubeconfig: c.kubeconfigPath, cluster: 'kdrill-sim', readOnlySafe });
  const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace="shop" allNamespaces={false} readonly={readonly} color={false} k9s={k9s} onSession={() => {}} />);
  const frame = () => r.lastFrame() ?? '';
  const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 10_000).catch((e) => assert.fail(`${e.message}\n${frame()}`)) as Promise<string>;
  return { r, frame, until };
}

test('an alias works after : as in k9s (a k9s group/version/resource, with its namespace)', async () => {
  const { r, until } = app();
  try {
    await until('the pods of shop', /^pods {2}\(\d+\)/m);
    r.stdin.write(':kdp\r');
    await until('kube-system deployments', /^deployments {2}\(1\)\n.*\n> coredns /m);
    r.stdin.write(':pp\r');
    await until('pods again', /^pods {2}\(\d+\)/m);
    // Tab completes the user's aliases as it does kinds.
    r.stdin.write(':kd\t');
    await until('the alias completed', /^:kdp *$/m);
    r.stdin.write('\r');
    await until('kube-system deployments again', /^deployments {2}\(1\)/m);
  } finally {
    r.unmount();
  }
});

test('a hotkey jumps to its command; a clash with kdrill\'s key is said once, when the explorer opens', async () => {
  const { r, until, frame } = app();
  try {
    const first = await until('the clash in the footer', /k9s plugin describe-it \(d\): d is kdrill's "describe" everywhere; kdrill's key is kept there/);
    assert.match(first, /^pods {2}\(\d+\)/m);
    r.stdin.write(')');
    await until('kube-system deployments', /^deployments {2}\(1\)\n.*\n> coredns /m);
    assert.doesNotMatch(frame(), /describe-it/, 'said once, then gone');
  } finally {
    r.unmount();
  }
});

test('a plugin gets its arguments as an argv array, k9s variables substituted, nothing expanded by a shell', async () => {
  rmSync(out, { force: true });
  const { r, until } = app();
  try {
    const f = await until('the pods of shop', /^> (\S+) +\d+\/\d+ +(\S+)/m);
    const [, pod, status] = /^> (\S+) +\d+\/\d+ +(\S+)/m.exec(f)!;
    r.stdin.write('Z');
    await until('the plugin to finish', /plugin argv finished/);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), [`shop/${pod}`, `$(touch ${pwned})`, '*', status, '$HOME', session.info.context]);
    assert.ok(!existsSync(pwned), 'no shell ran $(touch ...)');
  } finally {
    r.unmount();
  }
});

test('confirm: true asks first, showing the command as it will run; n runs nothing', async () => {
  const { r, until } = app();
  try {
    const f = await until('the pods of shop', /^> (\S+) /m);
    const pod = /^> (\S+) /m.exec(f)![1];
    r.stdin.write('X');
    await until('the question', new RegExp(`^ Run plugin asks \\(asks first\\): echo ${pod} 'two words' \\(in the background\\)\\?\\s*$`, 'm'));
    r.stdin.write('n');
    await until('no question', /^(?![\s\S]*Run plugin)/);
  } finally {
    r.unmount();
  }
});

test('under --readonly a plugin is refused unless kdrill\'s config marks it readOnlySafe', async () => {
  rmSync(out, { force: true });
  const refused = app(true);
  try {
    await refused.until('the pods of shop', /^pods {2}\(\d+\)/m);
    refused.r.stdin.write('Z');
    await refused.until('the refusal', /^plugin argv refused under --readonly \(allow it: plugins: readOnlySafe in kdrill's config\) *$/m);
    assert.ok(!existsSync(out), 'the plugin did not run');
  } finally {
    refused.r.unmount();
  }
  const allowed = app(true, ['argv']);
  try {
    await allowed.until('the pods of shop', /^pods {2}\(\d+\)/m);
    allowed.r.stdin.write('Z');
    await allowed.until('the plugin to finish', /plugin argv finished/);
    assert.ok(existsSync(out));
  } finally {
    allowed.r.unmount();
  }
});

test('plugins are listed in ? help with the views they apply in; outside their scopes their key does nothing', async () => {
  const { r, until } = app();
  try {
    await until('the pods of shop', /^pods {2}\(\d+\)/m);
    r.stdin.write(':svc\r');
    await until('services', /^services {2}\(\d+\)/m);
    r.stdin.write('Z');
    await until('nothing here', /Shift-Z: nothing here in services/);
    r.stdin.write('?');
    await until('the help screen', /Keys \(escape or \? to close/);
    r.stdin.write('G');
    const entries = await until('the k9s entries', /k9s hotkeys and plugins\n/);
    // The help screen's second column, cut to its width.
    assert.deepEqual(entries.split('\n').map((l) => l.slice(50)).filter((l) => /^ {2}(\)|Z|X|d) {16}/.test(l)), [
      '  )                kube-system deployments (k9s h…',
      '  Z                record argv (k9s plugin argv) …',
      '  X                asks first (k9s plugin asks) […',
      '  d                describe-it (k9s plugin descri…',
    ]);
  } finally {
    r.unmount();
  }
});
