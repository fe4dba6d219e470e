import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import yaml from 'js-yaml';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { Root } from '../../src/ui/root.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

// What `kubectl apply` of a manifest with stringData leaves: the value in clear in the annotation.
const PLAIN = 'S3cr3t-Pl41n';
const BASE64 = Buffer.from(PLAIN).toString('base64');
const APPLIED = `{"apiVersion":"v1","kind":"Secret","metadata":{"annotations":{},"name":"db-creds","namespace":"shop"},"stringData":{"password":"${PLAIN}"},"type":"Opaque"}\n`;
const CTRL_S = '\u0013';

/** What was put on the clipboard through OSC 52, decoded. */
const clipboard = (frames: readonly string[]) => frames.flatMap((f) => [...f.matchAll(/\x1b\]52;c;([A-Za-z0-9+/=]*)\x07/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')));
const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('Secrets in the explorer: shown only when asked, never written in clear by accident', () => {
  let c: TestCluster;
  let session: ClusterSession;
  let dir: string;
  const cwd = process.cwd();
  before(async () => {
    c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
    c.sim.api.create(c.sim.registry.get('secrets')!, 'shop', { metadata: { name: 'db-creds', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': APPLIED } }, type: 'Opaque', data: { password: BASE64 } });
    session = await ClusterSession.open(c.kc, { flushMs: 5 });
    dir = mkdtempSync(join(tmpdir(), 'kdrill-secrets-'));
    process.chdir(dir);
  });
  after(async () => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
    await session.stop();
    await c.stop();
  });

  function app() {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace="shop" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    const type = (text: string) => r.stdin.write(text);
    return { r, frame, until, type };
  }

  async function openSecret(a: ReturnType<typeof app>) {
    a.type(':');
    a.type('secrets\r');
    await a.until('the secret', /^> db-creds/m);
    a.type('y');
    a.type('\t');
    a.type('z');
    await a.until('its YAML zoomed, values as sizes', /password: <12 bytes>/);
  }

  test('m unfolds last-applied without the value; it goes when the cursor moves', async () => {
    const a = app();
    try {
      await openSecret(a);
      a.type('m');
      await a.until('managedFields on', /\[managedFields\]/);
      // The search counts the whole pane, not only what fits on screen.
      a.type('/');
      a.type('<12 bytes>"\r');
      await a.until('the size in the unfolded annotation', /\/<12 bytes>": 1 match/);
      a.type('/');
      a.type('\x7f'.repeat('<12 bytes>"'.length));
      a.type(`${PLAIN}|${BASE64}\r`);
      await a.until('no value in clear, none in base64', /\[\/S3cr3t-Pl41n\|UzNjcjN0LVBsNDFu: 0 matches, managedFields\]/);
      // The search cleared, so that the pane's title has room for its notes.
      a.type('/');
      a.type('\x7f'.repeat(`${PLAIN}|${BASE64}`.length));
      a.type('\r');
      await a.until('only managedFields noted', /db-creds {2}\[managedFields\]/);
      a.type('z');
      a.type('\t');
      a.type('j');
      await a.until('the next secret', /^> shop-example-com-tls/m);
      assert.doesNotMatch(a.frame(), /managedFields/);
      a.type('k');
      await a.until('back on db-creds, last-applied folded again', /last-applied-configuration: '<160 bytes, folded: m shows it>'/);
      assert.doesNotMatch(a.frame(), /managedFields/);
    } finally {
      a.r.unmount();
    }
  });

  test('Ctrl-S and c: base64 as the API returns it, mode 0600; decoded only after a second yes, as stringData, mode 0600', async () => {
    const a = app();
    const file = join(dir, 'secret-shop-db-creds.yaml');
    const decodedFile = join(dir, 'secret-shop-db-creds-1.yaml');
    try {
      await openSecret(a);
      a.type('m');
      await a.until('managedFields on', /\[managedFields\]/);
      a.type(CTRL_S);
      await a.until('saved', /saved to \.\/secret-shop-db-creds\.yaml$/m);
      const saved = readFileSync(file, 'utf8');
      assert.equal(modeOf(file), '600');
      assert.deepEqual((yaml.load(saved) as { data: unknown }).data, { password: BASE64 });
      assert.ok(!saved.includes(PLAIN), 'no value in clear, not even in last-applied');
      assert.match(saved, /"stringData":\{"password":"<12 bytes>"\}/);
      a.type('c');
      await a.until('copied', /copied \d+ lines to the clipboard/);
      assert.deepEqual(clipboard(a.r.frames), [saved]);

      a.type('x');
      await a.until('decoded on request', /password: S3cr3t-Pl41n/);
      a.type(CTRL_S);
      await a.until('a second question', /write Secret shop\/db-creds DECODED \(plain text\) to \.\/secret-shop-db-creds-1\.yaml\?/);
      a.type('n');
      await waitFor('the question to go', () => !a.frame().includes('DECODED (plain text)'));
      assert.ok(!existsSync(decodedFile), 'n writes nothing');
      a.type('c');
      await a.until('a question before the clipboard', /copy Secret shop\/db-creds DECODED \(plain text\) to the clipboard\?/);
      a.type('n');
      await waitFor('the question to go', () => !a.frame().includes('DECODED (plain text)'));
      assert.equal(clipboard(a.r.frames).length, 1, 'n copies nothing');

      a.type(CTRL_S);
      await a.until('the question again', /DECODED \(plain text\) to \.\/secret-shop-db-creds-1\.yaml\?/);
      a.type('y');
      await a.until('saved decoded', /saved to \.\/secret-shop-db-creds-1\.yaml \(decoded, under stringData, mode 0600\)/);
      assert.equal(modeOf(decodedFile), '600');
      const decoded = yaml.load(readFileSync(decodedFile, 'utf8')) as { data?: unknown; stringData: unknown; metadata: { annotations: Record<string, string> } };
      assert.deepEqual(decoded.stringData, { password: PLAIN });
      assert.equal(decoded.data, undefined);
      assert.ok(!decoded.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'].includes(PLAIN));
      a.type('c');
      await a.until('the clipboard question', /copy Secret shop\/db-creds DECODED/);
      a.type('y');
      await waitFor('the decoded copy', () => clipboard(a.r.frames).length === 2);
      assert.equal(clipboard(a.r.frames)[1], readFileSync(decodedFile, 'utf8'));
    } finally {
      a.r.unmount();
    }
  });
});
