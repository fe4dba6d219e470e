import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { Root } from '../../src/ui/root.js';
import { waitFor } from '../helpers/wait.js';
import { demoExplorer } from '../helpers/explorer.js';

const demo = demoExplorer();

test('the :ns picker moves with j/k and narrows as you type; Backspace widens, Enter picks the highlighted (issue 21 #19)', async () => {
  const r = render(<Root first={demo.session} open={async () => demo.session} contexts={['kdrill-sim']} version="9.9.9" namespace="shop" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
  const frame = () => r.lastFrame() ?? '';
  const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 10_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
  const items = () => frame().split('\n').filter((l) => /^[❯ ] \S/.test(l)).map((l) => l.slice(2));
  try {
    await until('the pods of shop', /^pods {2}\(\d+\)/m);
    r.stdin.write(':ns\r');
    await until('the picker on the current namespace', /^❯ shop {2}\(current\)$/m);
    r.stdin.write('k');
    await until('k moving up', /^❯ payments\n {2}shop {2}\(current\)$/m);
    r.stdin.write('j');
    await until('j moving down', /^ {2}payments\n❯ shop {2}\(current\)$/m);
    // A letter that does not move starts the typing at once; / starts it for names that begin with j, k or g.
    r.stdin.write('mon');
    await until('narrowed to monitoring', /^namespaces \(enter to choose, escape to close\) {2}\/mon$/m);
    assert.deepEqual(items(), ['monitoring']);
    r.stdin.write('\u007f\u007f\u007f');
    await until('widened again, still typing', /^namespaces \(enter to choose, escape to close\) {2}\/$/m);
    r.stdin.write('kube');
    await until('narrowed to what is typed', /^namespaces \(enter to choose, escape to close\) {2}\/kube$/m);
    assert.ok(items().length >= 2 && items().every((i) => i.includes('kube')), items().join(','));
    assert.match(frame(), /^❯ kube-/m, 'the first match highlighted');
    r.stdin.write('-sys');
    await until('one left', /\/kube-sys$/m);
    assert.deepEqual(items(), ['kube-system']);
    r.stdin.write('zz');
    await until('nothing matching, said', /^nothing matches what is typed \(backspace to widen\)$/m);
    // Read at once, the frame would still be the one before Enter: a key after it shows Enter was handled.
    r.stdin.write('\r\u007f');
    await until('Enter with nothing to pick keeping the picker (Backspace still edits it)', /^namespaces \(enter to choose, escape to close\) {2}\/kube-sysz$/m);
    r.stdin.write('\u007f\r');
    await until('kube-system picked', /^ns kube-system /m);
    await until('its pods', /^pods {2}\(\d+\)/m);
  } finally {
    r.unmount();
  }
});
