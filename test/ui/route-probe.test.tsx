import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { Root } from '../../src/ui/root.js';
import { demoExplorer } from '../helpers/explorer.js';
import { waitFor } from '../helpers/wait.js';

const demo = demoExplorer();

/** Probe times masked by position, same width. */
const maskTimes = (text: string) => text.replace(/ in ( *\d+)ms/g, (_m, t: string) => ` in ${'#'.repeat(t.length)}ms`);

test('P on a route asks first, naming what goes where and the context; y probes and the results land on the route\'s lines', async () => {
  // As in the demo: the fake entry address is played by the simulator's loopback stand-in.
  demo.session.probeNetwork = { standIns: demo.c.sim.standIns, loopbackOnly: true };
  const { r, frame, until } = demo.app('payments');
  try {
    await until('the pods of payments', /^pods {2}\(\d+\)/m);
    r.stdin.write(':trace pay.example.com/api\r');
    await until('the route', /ROUTE {2}HEALTHY/);
    const before = demo.c.sim.http.requests.length;
    r.stdin.write('P');
    const asked = maskTimes(await until('the question', /Probe pay\.example\.com\/api in context kdrill-sim/));
    // The question names the context; each request about to be sent is marked on its hop's line.
    // (The test terminal is 100 columns wide: longer lines end in an ellipsis.)
    assert.match(asked, /^ Probe pay\.example\.com\/api in context kdrill-sim: send the 4 requests marked on the route\? GET \/ap…$/m);
    assert.deepEqual(asked.split('\n').filter((l) => l.includes('probe: ')).map((l) => l.replace(/^[│ ]+/, '')), [
      'info: probe: GET /api via http://172.18.255.200:80 (Host pay.example.com): to be sent (y se…',
      'info: probe: GET /api via services/proxy :http: to be sent (y sends, n cancels)',
      'info: probe: GET /api via pods/proxy :8080: to be sent (y sends, n cancels)',
      'info: probe: GET /api via pods/proxy :8080: to be sent (y sends, n cancels)',
    ]);
    assert.deepEqual(demo.c.sim.http.requests.slice(before).filter((q) => q.path.includes('/proxy')), [], 'nothing is sent before the answer');
    r.stdin.write('y');
    await until('the results on the lines', /ROUTE {2}BROKEN/);
    await waitFor('the pod probes', () => (frame().match(/probe: GET \/api via pods\/proxy :8080 → 500/g) ?? []).length === 2, 10_000);
    const f = maskTimes(frame());
    assert.match(f, /^ {11}│  error: probe: GET \/api via services\/proxy :http → 500 in ####ms · \{"error":"Internal …$/m);
    assert.match(f, /^ {2}│  error: Service payments-api: the pods answer 500 on GET \/api while they are ready: the applica…$/m);
    assert.match(f, /^probe: Service payments-api: the pods answer 500 on GET \/api while they are ready/m);
  } finally {
    r.unmount();
  }
});

test('under --readonly, P says so in one line and sends nothing', async () => {
  const r = render(<Root first={demo.session} open={async () => demo.session} contexts={['kdrill-sim']} version="9.9.9" namespace="payments" allNamespaces={false} readonly={true} color={false} onSession={() => {}} />);
  const frame = () => r.lastFrame() ?? '';
  try {
    await waitFor('the pods of shop', () => /^pods {2}\(\d+\)/m.test(frame()), 10_000);
    r.stdin.write(':trace pay.example.com/api\r');
    await waitFor('the route', () => /ROUTE {2}HEALTHY/.test(frame()), 10_000);
    const before = demo.c.sim.http.requests.length;
    r.stdin.write('P');
    await waitFor('the refusal', () => frame().includes('read-only mode (--readonly): kdrill sends no probes (nothing was sent)'), 10_000);
    assert.doesNotMatch(frame(), /Probe pay\.example\.com/);
    assert.deepEqual(demo.c.sim.http.requests.slice(before).filter((q) => q.path.includes('/proxy') || q.method !== 'GET'), []);
  } finally {
    r.unmount();
  }
});

test('n answers no: the marks go away and nothing is sent', async () => {
  demo.session.probeNetwork = { standIns: demo.c.sim.standIns, loopbackOnly: true };
  const { r, frame, until } = demo.app('payments');
  try {
    await until('the pods of payments', /^pods {2}\(\d+\)/m);
    r.stdin.write(':routes\r');
    await until('the hosts', /pay\.example\.com/);
    r.stdin.write('/pay.example\r');
    await until('the cursor on the host', /^> .*pay\.example\.com/m);
    const before = demo.c.sim.http.requests.length;
    r.stdin.write('P');
    await until('the route opened with the marks and the question', /to be sent \(y sends, n cancels\)[\s\S]*Probe pay\.example\.com in context kdrill-sim: send the 6 requests/);
    r.stdin.write('n');
    await waitFor('the marks gone', () => !frame().includes('to be sent') && !frame().includes('Probe pay') && /ROUTE {2}BROKEN/.test(frame()), 10_000);
    assert.deepEqual(demo.c.sim.http.requests.slice(before).filter((q) => q.path.includes('/proxy')), []);
  } finally {
    r.unmount();
  }
});
