import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { render } from 'ink-testing-library';
import { Root } from '../../src/ui/root.js';
import { waitFor } from '../helpers/wait.js';
import { demoExplorer } from '../helpers/explorer.js';

const demo = demoExplorer();

const app = () => demo.app();

test('a key typed ahead of a view still loading waits for its list, and the footer says so', async () => {
  const { r, until } = app();
  try {
    await until('the pods of shop', /^pods {2}\(\d+\)/m);
    demo.c.sim.faults.slow(1_500);
    r.stdin.write(':deploy\r\r');
    await until('the footer saying what the key waits for', /^waiting for deployments to load \(1 key typed ahead; Esc drops them\)/m);
    demo.c.sim.faults.slow(0);
    await until('Enter applied to the first deployment once listed', /^deployments › deployment cart › pods/m);
  } finally {
    r.unmount();
    demo.c.sim.faults.clear();
  }
});

test('a key typed ahead of a view whose list is refused is dropped, with a message', async () => {
  const { r, until, frame } = app();
  try {
    await until('the pods of shop', /^pods {2}\(\d+\)/m);
    // CronJobs: a kind no relation cache has listed before the refusal.
    demo.c.sim.faults.forbid('cronjobs.batch');
    r.stdin.write(':cj\r\r');
    await until('the key dropped, saying why', /^Enter dropped: cannot list cronjobs: .*forbidden/m);
    assert.doesNotMatch(frame(), /›/, 'nothing was drilled into');
  } finally {
    r.unmount();
    demo.c.sim.faults.clear();
  }
});

test('an empty view says so as soon as its list is in, never "loading…" forever (issue 21 #1)', async () => {
  const r = render(<Root first={demo.session} open={async () => demo.session} contexts={['kdrill-sim']} version="9.9.9" namespace="default" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
  try {
    await waitFor('the empty pods view saying it is empty', () => /^pods {2}\(0\)\n.*\n {0,2}no resources/m.test(r.lastFrame() ?? ''), 10_000).catch((e) => assert.fail(`${e.message}\n${r.lastFrame()}`));
    r.stdin.write(':svc\r');
    await waitFor('services of default', () => /^services {2}\(1\)/m.test(r.lastFrame() ?? ''), 10_000);
    r.stdin.write(':po\r');
    await waitFor('empty again, at once', () => /^pods {2}\(0\)\n.*\n {0,2}no resources/m.test(r.lastFrame() ?? ''), 10_000);
  } finally {
    r.unmount();
  }
});

test('when the cursor\'s row goes away, the cursor stays in place and a write waits until the user moves (review H2)', async () => {
  const { r, until, frame } = app();
  try {
    await until('the pods of shop', /^pods {2}\(9\)/m);
    r.stdin.write('/catalog\r');
    await until('two catalog pods', /^pods {2}\/catalog {2}\(2 of 9\)/m);
    r.stdin.write('j');
    const second = /^> (catalog-\S+)/m.exec(await until('the cursor on the second', /^ {2}catalog-.*\n> catalog-/m))![1];
    demo.c.sim.api.delete(demo.c.sim.registry.get('pods')!, 'shop', second, { gracePeriodSeconds: 0 });
    // The row is gone: the cursor stays where it was on screen (the second row, or the last while the
    // ReplicaSet's new pod is not there yet), never jumping to the first...
    await waitFor('the deleted pod gone', () => !frame().includes(second) && /^> catalog-/m.test(frame()), 10_000);
    assert.notEqual(/^> (catalog-\S+)/m.exec(frame())![1], second);
    // ...and a write asks nothing: the user has to choose first.
    r.stdin.write('\u0004');
    await until('the delete refused, saying why', /^the row under the cursor changed \(its object went away\): move to the object you mean/m);
    assert.doesNotMatch(frame(), /Delete pod/);
    // Once the user has moved, the question names the row under the cursor, in the same frame.
    r.stdin.write('k\u0004');
    const asked = await until('the question', /Delete pod shop\/\S+ in context kdrill-sim\?/);
    assert.equal(/Delete pod shop\/(\S+) in context/.exec(asked)![1], /^> (\S+)/m.exec(asked)![1]);
    r.stdin.write('n');
  } finally {
    r.unmount();
  }
});
