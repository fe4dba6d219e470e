import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoExplorer } from '../helpers/explorer.js';

const demo = demoExplorer();

test('the YAML pane shows the whole object, which the slim cache does not keep, and follows its changes', async () => {
  const { r, until, frame } = demo.app();
  try {
    await until('the pods of shop', /^pods {2}\(\d+\)/m);
    const name = /^> (\S+)/m.exec(await until('the cursor on a pod', /^> \S+/m))![1];
    const pods = demo.session.discovery.get('pods')!;
    const cached = demo.session.caches.peek(pods, 'shop')?.get('shop', name);
    assert.ok(cached, 'the pod is cached');
    assert.equal(cached.spec?.containers?.[0]?.terminationMessagePath, undefined, 'the cache keeps the pod slim');
    r.stdin.write('y');
    await until('the YAML pane', /\[yaml\]/);
    r.stdin.write('\t');
    r.stdin.write('/');
    r.stdin.write('terminationMessagePath|slim: followed\r');
    r.stdin.write('F');
    await until('a field only the whole object has', /terminationMessagePath: \/dev\/termination-log/);
    assert.doesNotMatch(frame(), /^ +slim: followed$/m);
    demo.c.sim.api.patch(demo.c.sim.registry.get('pods')!, 'shop', name, 'application/merge-patch+json', { metadata: { labels: { slim: 'followed' } } });
    await until('the change, followed by the watch of that object', /^ +slim: followed$/m);
    assert.match(frame(), /terminationMessagePath: \/dev\/termination-log/);
  } finally {
    r.unmount();
  }
});
