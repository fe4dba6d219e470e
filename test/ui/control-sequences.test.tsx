import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { LogStream } from '../../src/kube/log-stream.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { Root } from '../../src/ui/root.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

// Every class of terminal control a cluster can smuggle into text: CSI (clear screen, move),
// OSC (write the clipboard, set the title), DCS, C1 controls, a bare CR and BS, bidi overrides.
const NASTY: Record<string, string> = {
  csi: '\x1b[2J\x1b[H\x1b[31mred',
  osc52: '\x1b]52;c;ZWNobyBwd25lZA==\x07',
  title: '\x1b]0;owned\x1b\\',
  dcs: '\x1bP1$r0m\x1b\\',
  c1: '\x9b31m\x9d0;x\x9c',
  cr: 'fake\rreal',
  bs: 'abc\b\b\bxyz',
  bidi: 'safe\u202etxt.exe',
};
const payload = Object.entries(NASTY).map(([k, v]) => `${k}:${v}`).join(' ');
// What must never reach the terminal from cluster text (the app runs without colour here, so
// Ink itself writes no escape sequences either).
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('control sequences from the cluster never reach the terminal', () => {
  let c: TestCluster;
  let session: ClusterSession;
  before(async () => {
    c = await startCluster({ scenario: 'deploy-test', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
    c.sim.api.create(c.sim.registry.get('configmaps')!, 'deploy-test', { metadata: { name: 'evil', annotations: { note: payload } }, data: { 'script.sh': payload } });
    const cm = c.sim.store.get('configmaps', 'deploy-test', 'evil')!;
    c.sim.api.create(c.sim.registry.get('events')!, 'deploy-test', {
      metadata: { name: 'evil.1' },
      involvedObject: { kind: 'ConfigMap', namespace: 'deploy-test', name: 'evil', uid: cm.metadata!.uid, apiVersion: 'v1' },
      reason: 'Evil',
      message: payload,
      type: 'Warning',
      source: { component: 'attacker' },
      count: 1,
      firstTimestamp: new Date().toISOString(),
      lastTimestamp: new Date().toISOString(),
    });
    // A custom resource whose CRD names a printer column with the payload, and whose field holds it.
    c.sim.api.create(c.sim.registry.get('customresourcedefinitions.apiextensions.k8s.io')!, undefined, {
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' },
        versions: [{ name: 'v1', served: true, storage: true, additionalPrinterColumns: [{ name: `Hue ${payload}`, type: 'string', jsonPath: '.spec.hue' }], schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    session = await ClusterSession.open(c.kc, { flushMs: 5 });
    session.watchRelations();
  });
  after(async () => {
    await session.stop();
    await c.stop();
  });

  test('in the table, YAML, describe and events panes', async () => {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace="deploy-test" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
    const frames: string[] = [];
    const frame = () => r.lastFrame() ?? '';
    const until = async (what: string, pattern: RegExp) => {
      const f = await waitFor(what, () => pattern.test(frame()) && frame(), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
      frames.push(f as string);
      return f as string;
    };
    try {
      r.stdin.write(':');
      r.stdin.write('cm\r');
      await until('the config map', /^> evil/m);
      r.stdin.write('y');
      const yaml = await until('its YAML', /\[yaml\][\s\S]*note:/);
      // js-yaml writes control characters as escapes in a quoted string (\e, \x9B): visible, inert.
      assert.match(yaml, /note: "csi:\\e\[2J/, 'the escape is shown, visibly');
      r.stdin.write('\t');
      r.stdin.write('G');
      await until('the end of the YAML', /script\.sh|csi:/);
      r.stdin.write('d');
      await until('the describe', /\[describe\]/);
      r.stdin.write('G');
      await until('the describe data', /osc52:\^\[\]52;c;/);
      r.stdin.write('E');
      await until('the events', /\[events\][\s\S]*Evil/);
      // A hostile server's error messages reach the header (a cache reconnecting) and the footer (a failed action).
      // Watches end cleanly, so that the only caches reconnecting are the three the error hits (a reset
      // would put "connection was reset" problems first and truncate the hostile one off the header).
      c.sim.faults.fail({ status: 500, message: payload, watchOnly: true }, 3);
      c.sim.faults.closeWatches();
      await until('the header naming the error', /reconnecting in \d+s \(csi:\^\[\[2J/);
      c.sim.faults.fail({ status: 500, message: payload, match: /\/pods\/[^/]+$/ }, 1);
      r.stdin.write('\u001b');
      await waitFor('the pane closed', () => !frame().includes('[events]'), 5_000);
      r.stdin.write(':');
      r.stdin.write('po\r');
      await until('the pods', /^pods {2}\(3\)[\s\S]*^> nginx-deploy/m);
      r.stdin.write('\u0004');
      await until('the delete question', /Delete pod/);
      r.stdin.write('y');
      await until('the footer naming the error', /^csi:\^\[\[2J/m);
      for (const f of [...frames, ...r.frames]) assert.doesNotMatch(f, RAW, `a raw control character reached the terminal:\n${JSON.stringify(f)}`);
    } finally {
      r.unmount();
    }
  });

  test('in every column type: CRD printer columns and their headers, a pod\'s labels, image and waiting reason, :ev messages', async () => {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace="deploy-test" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    try {
      c.sim.api.create(c.sim.registry.get('gadgets.example.com')!, 'deploy-test', { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1' }, spec: { hue: payload } });
      // A pod with the payload in a label and its image, which the registry does not have: the
      // kubelet's waiting message names the image. Written to the store as a hostile server could send it.
      c.sim.images.set(`img:${payload}`, { pull: 'missing' });
      c.sim.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'evil-pod', namespace: 'deploy-test', labels: { app: 'evil', note: payload } }, spec: { containers: [{ name: 'c', image: `img:${payload}` }] } });
      c.sim.advance(5_000);
      r.stdin.write(':gadgets\r');
      await until('the gadget, with its printer column', /HUE CSI:\^\[\[2J|Hue csi:\^\[\[2J/i);
      r.stdin.write('d\tG');
      await until('its describe, to the end', /\[describe\][\s\S]*Hue:\s+csi:\^\[/);
      // Escape alone: ESC and a key read together are Alt and that key.
      r.stdin.write('\u001b');
      await waitFor('the pane closed', () => !frame().includes('[describe]'), 5_000);
      r.stdin.write(':po\r/evil\r');
      await until('the evil pod, waiting for its image', /^> evil-pod\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/m);
      r.stdin.write('y');
      await until('its YAML', /\[yaml\][\s\S]*note:/);
      r.stdin.write('d\t/Image:\r');
      await until('its describe, with the image and the waiting reason', /Image:\s+img:csi:\^\[[\s\S]*Waiting/);
      r.stdin.write('G');
      await until('the events of the pull, naming the image', /img:csi:\^\[\[2J/);
      r.stdin.write('\u001b');
      await waitFor('the pane closed', () => !frame().includes('[describe]'), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
      r.stdin.write(':ev\r');
      await until('the events table with the hostile message', /^[> ].*Evil.*csi:\^\[/m);
      for (const f of r.frames) assert.doesNotMatch(f, RAW, `a raw control character reached the terminal:\n${JSON.stringify(f)}`);
    } finally {
      r.unmount();
    }
  });

  test('in logs: escapes, C1 controls and invalid UTF-8', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200);
      res.write('2026-11-22T10:00:00Z ');
      res.write(Buffer.from(payload, 'utf8'));
      res.write(Buffer.from([0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a]));
      res.end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const kc = loadKubeConfig({ inline: { apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'insecure-skip-tls-verify': true } }], users: [{ name: 'u', user: {} }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' } });
    const transport = new KubeTransport(kc);
    const s = new LogStream(transport, { namespace: 'n', pod: 'p', container: 'c' }, { flushMs: 5 }).start();
    try {
      await waitFor('the log line', () => s.buffer.lines().length > 0, 5_000);
      const [line] = s.buffer.lines();
      assert.doesNotMatch(line, RAW);
      assert.match(line, /\^\[\]52;c;ZWNobyBwd25lZA==\^G/);
      assert.match(line, /<9b>31m/);
      assert.match(line, /<U\+202E>/);
      assert.match(line, /\ufffd/);
    } finally {
      s.stop();
      transport.destroy();
      server.close();
    }
  });
});
