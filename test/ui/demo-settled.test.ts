// The explorer's demo opens on a cluster that has settled (issue 21 #11): no pod still being
// created on the first table, and no route judged before what it reads has loaded. Every screen
// from the start is read, in a real terminal, at 80x24 and at 200x50.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

const bin = join(process.cwd(), 'bin/kdrill.js');

/** Every screen shown until `done` matches one (polled as fast as tmux answers), the last one included. */
async function screensUntil(t: TmuxSession, done: RegExp, timeoutMs = 20_000): Promise<string[]> {
  const screens: string[] = [];
  try {
    await waitFor(`screen to match ${done}`, () => {
      const s = t.screen();
      if (screens[screens.length - 1] !== s) screens.push(s);
      return done.test(s);
    }, timeoutMs);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n--- screen ---\n${t.screen()}`);
  }
  return screens;
}

// Routes the demo keeps healthy, and the deliberate faults it keeps broken.
const HEALTHY = ['nginx.example.com', 'www.shop.example.com', 'grpc.gw.example.com', 'store.gw.example.com'];
const BROKEN = ['api.shop.example.com', 'orders.gw.example.com', 'pay.example.com'];
const healthCell = (screen: string, host: string) => new RegExp(`^[> ] ${host.replace(/\./g, '\\.')}\\s.*\\s(\\S+)$`, 'm').exec(screen)?.[1];

describe('kdrill --demo opens on a settled cluster', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, () => {
  for (const [width, height] of [[80, 24], [200, 50]] as const) {
    test(`${width}x${height}: the first table's pods are running; :routes judges no route before it has loaded`, async () => {
      const t = new TmuxSession(`node ${bin} --demo; sleep 60`, width, height);
      try {
        const first = await screensUntil(t, /^pods {2}\(\d+\)\n.*\n> /m);
        const table = first[first.length - 1];
        assert.doesNotMatch(table, /ContainerCreating|Pending|PodInitializing/, 'no pod is still being created on the first table');
        assert.match(table, / Running /);
        t.keys(':routes', 'Enter');
        // Until in sync, then until the verdicts are given: no healthy route is ever called broken on the way.
        const screens = await screensUntil(t, /in sync[\s\S]*^routes {2}\(14\)[\s\S]*www\.shop\.example\.com .* healthy$/m);
        for (const s of screens) {
          for (const host of HEALTHY) {
            const cell = healthCell(s, host);
            // tmux may capture a line while it is being drawn (its last word is then not the verdict):
            // what must never show is a verdict other than healthy.
            assert.ok(cell === undefined || !['broken', 'degraded', 'unrouted'].includes(cell), `${host} shown ${cell}:\n${s}`);
          }
        }
        const settled = await t.waitFor(new RegExp(`^[> ] ${BROKEN[1].replace(/\./g, '\\.')}.* broken$`, 'm'));
        for (const host of HEALTHY) assert.equal(healthCell(settled, host), 'healthy', host);
        for (const host of BROKEN) assert.equal(healthCell(settled, host), 'broken', host);
      } finally {
        t.kill();
      }
    });
  }

  test('--trace holmes.test.shopeekredit.co.id: never BROKEN on the way to HEALTHY', async () => {
    const t = new TmuxSession(`node ${bin} --demo --trace holmes.test.shopeekredit.co.id; sleep 60`, 200, 50);
    try {
      const screens = await screensUntil(t, /ROUTE {2}HEALTHY[\s\S]*container risk-admin-node .* ready/);
      for (const s of screens) assert.doesNotMatch(s, /ROUTE {2}(BROKEN|DEGRADED|UNROUTED)|no ready endpoints/, s);
    } finally {
      t.kill();
    }
  });
});
