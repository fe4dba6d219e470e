import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor } from '../helpers/wait.js';
import { demoExplorer } from '../helpers/explorer.js';

const demo = demoExplorer();

const app = () => demo.app();

// Each on pods of its own Deployment: a pod deleted by one test is replaced by a pod still starting.
for (const [key, mode, deployment, title, line] of [
  ['y', 'YAML', 'catalog', (pod: string) => `${pod} (deleted)`, (pod: string) => new RegExp(`^ *name: ${pod}$`, 'm')],
  ['l', 'logs', 'frontend', (pod: string) => `${pod}/nginx (deleted)`, () => /^10\.244\.\d+\.\d+ - - \[/m],
] as const) {
  test(`the ${mode} pane of a deleted pod stays on it, says deleted and keeps what it showed, until the user moves (issue 21 #6)`, async () => {
    const { r, until, frame } = app();
    try {
      await until('the pods of shop', /^pods {2}\(\d+\)/m);
      r.stdin.write(`/${deployment}\r`);
      await until(`the ${deployment} pods`, new RegExp(`^pods {2}/${deployment} {2}\\(\\d of \\d+\\)`, 'm'));
      r.stdin.write('j');
      const second = new RegExp(`^> (${deployment}-\\S+)`, 'm').exec(await until('the cursor on the second', new RegExp(`^ {2}${deployment}-.*\\n> ${deployment}-`, 'm')))![1];
      r.stdin.write(key);
      await until(`the ${mode} of the second pod`, line(second));
      demo.c.sim.api.delete(demo.c.sim.registry.get('pods')!, 'shop', second, { gracePeriodSeconds: 0 });
      await waitFor('the deleted pod gone from the table', () => !new RegExp(`^[> ] ${second}`, 'm').test(frame()), 10_000);
      const f = await until('the pane on the deleted pod, saying so', new RegExp(title(second).replace(/[()]/g, '\\$&')));
      assert.match(f, line(second), 'what it showed is kept');
      // A toggle of that object has nothing to act on: the pane stays, and says why.
      r.stdin.write(key === 'y' ? '\tm' : '\tp');
      await until('the toggle refused, saying why', /^the pane shows an object that was deleted: move the cursor \(j\/k\) to one that exists first/m);
      assert.match(frame(), new RegExp(title(second).replace(/[()]/g, '\\$&')));
      r.stdin.write('\t');
      // The user moves: the pane follows the cursor again, onto a pod that exists.
      r.stdin.write('k');
      await waitFor('the pane off the deleted pod', () => !frame().includes(second), 10_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
      assert.doesNotMatch(frame(), /\(deleted\)/);
    } finally {
      r.unmount();
    }
  });
}

test('a filter the user types that hides the pane\'s pod is no deletion: the pane follows the cursor, saying nothing of the kind', async () => {
  const { r, until, frame } = app();
  try {
    await until('the pods of shop', /^pods {2}\(\d+\)/m);
    r.stdin.write('/catalog\r');
    await until('two catalog pods', /^pods {2}\/catalog {2}\(2 of \d+\)/m);
    const first = /^> (catalog-\S+)/m.exec(frame())![1];
    const second = /^ {2}(catalog-\S+)/m.exec(frame())![1];
    // The cursor chosen on the first pod (a cursor never moved follows the first row whatever it is).
    r.stdin.write('j');
    await until('the cursor on the second', new RegExp(`^> ${second}`, 'm'));
    r.stdin.write('k');
    await until('the cursor on the first', new RegExp(`^> ${first}`, 'm'));
    r.stdin.write('y');
    await until('the YAML of the first', new RegExp(`^ *name: ${first}$`, 'm'));
    // The filter, typed anew, leaves only the second pod: the user's doing, not the cluster's.
    r.stdin.write(`/${second}\r`);
    await until('only the second pod listed', new RegExp(`^> ${second}`, 'm'));
    await until('the pane on the row under the cursor', new RegExp(`^ *name: ${second}$`, 'm'));
    assert.doesNotMatch(frame(), /\(deleted\)/);
  } finally {
    r.unmount();
  }
});
