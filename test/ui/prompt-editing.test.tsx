import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { render } from 'ink-testing-library';
import { Root } from '../../src/ui/root.js';
import { waitFor } from '../helpers/wait.js';
import { demoExplorer } from '../helpers/explorer.js';

const demo = demoExplorer();

const HOME = '\u001b[H';
const END = '\u001b[F';
const LEFT = '\u001b[D';

test('the : and / prompts edit as readline does: Ctrl-U, Ctrl-W, Ctrl-A/E, Home/End, Left/Right, Alt-B/F (issue 21 #18)', async () => {
  const r = render(<Root first={demo.session} open={async () => demo.session} contexts={['kdrill-sim']} version="9.9.9" namespace="shop" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
  const frame = () => r.lastFrame() ?? '';
  const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 10_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
  try {
    await until('the pods of shop', /^pods {2}\(\d+\)/m);
    r.stdin.write(':svc -n kube-system');
    await until('the command typed', /^:svc -n kube-system ?$/m);
    r.stdin.write('\u0017');
    await until('Ctrl-W deleting the last word', /^:svc -n ?$/m);
    r.stdin.write('\u0015');
    await until('Ctrl-U clearing the line', /^: ?$/m);
    r.stdin.write('ploy');
    await until('typed', /^:ploy ?$/m);
    r.stdin.write('\u0001de');
    await until('Ctrl-A, then typing at the start', /^:deploy$/m);
    r.stdin.write('\u0005s');
    await until('Ctrl-E, then typing at the end', /^:deploys ?$/m);
    r.stdin.write(`${LEFT}${LEFT}${LEFT}\u0008`);
    await until('Left moving the cursor, Backspace deleting before it', /^:depoys$/m);
    r.stdin.write(`l${HOME}x${END}!`);
    await until('typing at the cursor, Home and End', /^:xdeploys! ?$/m);
    r.stdin.write('\u0015svc -n shop');
    await until('a command with words', /^:svc -n shop ?$/m);
    r.stdin.write('\u001bb\u001bbx');
    await until('Alt-B twice, a word back each time', /^:svc x-n shop ?$/m);
    r.stdin.write('\u001bf?');
    await until('Alt-F, a word forward', /^:svc x-n\? shop ?$/m);
    r.stdin.write('\u0015deploy\r');
    await until('Enter running what was edited', /^deployments {2}\(\d+\)/m);
    r.stdin.write('/cart');
    await until('the filter typed and applied', /^deployments {2}\/cart {2}\(1 of \d+\)/m);
    r.stdin.write('\u0015');
    await until('Ctrl-U clearing the filter', /^deployments {2}\(\d+\)/m);
  } finally {
    r.unmount();
  }
});
