import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { discover } from '../../src/kube/discover.js';
import { editObject } from '../../src/kube/edit-object.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { editableYaml, editHeader } from '../../src/model/edit/edit-text.js';
import { startCluster } from '../helpers/sim.js';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

test('the file is kubectl edit\'s: its header, the object without managedFields and status; a Secret stays base64', () => {
  assert.equal(editHeader(), HEADER);
  assert.equal(editHeader([{ head: 'deployments.apps "web" was not valid', other: ['spec.replicas: Invalid value: -1'] }]), `${HEADER}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1\n#\n`);
  const text = editableYaml({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', managedFields: [{ manager: 'kubectl' }] }, data: { password: 'aHVudGVyMg==' }, status: { x: 1 } } as never);
  assert.equal(text, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: aHVudGVyMg==\n');
});

test('edit: unchanged sends nothing; a label is saved with the resourceVersion read; a conflict and an invalid value reopen with the server\'s message', async () => {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual' });
  const transport = new KubeTransport(c.kc);
  try {
    c.sim.advance(10_000);
    const r = (await discover(transport)).get('deployments.apps')!;
    const at = { namespace: 'deploy-test', name: 'nginx-deploy' };
    // What the client sends (the simulator's log has no bodies).
    const sent: { method?: string; path: string; body?: unknown }[] = [];
    const json = transport.json.bind(transport);
    transport.json = ((req: (typeof sent)[number], ...rest: never[]) => (sent.push(req), json(req as never, ...rest))) as typeof transport.json;
    const writes = () => c.sim.http.requests.filter((q) => q.method !== 'GET').length;
    const before = writes();
    assert.deepEqual(await editObject(transport, r, at, async () => {}), { result: 'unchanged' });
    assert.equal(writes(), before, 'nothing sent when nothing changed');

    // A label added: one PUT, carrying the resourceVersion the editor was opened on.
    const rv = c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!.metadata!.resourceVersion;
    const addLabel = async (path: string) => writeFileSync(path, readFileSync(path, 'utf8').replace(/^  labels:\n/m, '  labels:\n    edited: "yes"\n'));
    const done = await editObject(transport, r, at, addLabel);
    assert.equal(done.result, 'updated');
    const put = sent.filter((q) => q.method === 'PUT');
    assert.equal(put.length, 1);
    assert.equal(put[0].path, '/apis/apps/v1/namespaces/deploy-test/deployments/nginx-deploy');
    assert.equal((put[0].body as { metadata: { resourceVersion: string } }).metadata.resourceVersion, rv);
    assert.equal(c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!.metadata!.labels!.edited, 'yes');

    // Someone else writes while the editor is open: the editor comes back with the conflict at the top.
    const shown: string[] = [];
    const conflicting = await editObject(transport, r, at, async (path) => {
      const text = readFileSync(path, 'utf8');
      shown.push(text);
      if (shown.length === 1) {
        c.sim.api.patch(c.sim.registry.get('deployments.apps')!, 'deploy-test', 'nginx-deploy', 'application/merge-patch+json', { metadata: { labels: { other: 'writer' } } });
        writeFileSync(path, text.replace(/^  labels:\n/m, '  labels:\n    mine: "1"\n'));
      } else if (shown.length === 2) writeFileSync(path, text.replace('replicas: 3', 'replicas: -1'));
    });
    assert.match(shown[1], /^# Please edit the object below[\s\S]*^# Operation cannot be fulfilled on deployments\.apps "nginx-deploy": the object has been modified; please apply your changes to the latest version and try again\n#\n/m);
    assert.match(shown[1], /^    mine: "1"$/m, 'what was typed is kept');
    assert.match(shown[2], /^# deployments\.apps "nginx-deploy" was not valid:\n# \* spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n/m);
    // The third time the file is left as it was: cancelled, and the file kept, as kubectl does.
    assert.equal(conflicting.result, 'cancelled');
    assert.ok(conflicting.result === 'cancelled' && conflicting.file && existsSync(conflicting.file), 'the changes are kept in a file');
    assert.match(conflicting.result === 'cancelled' ? conflicting.message : '', /^Edit cancelled, no valid changes were saved\.$/);

    // Under --readonly the PUT is never sent.
    transport.readonly = true;
    const ro = writes();
    const refused = await editObject(transport, r, at, async (path) => writeFileSync(path, readFileSync(path, 'utf8').replace(/^    edited: .*$/m, '    edited: again')));
    assert.equal(refused.result, 'cancelled');
    assert.match(refused.result === 'cancelled' ? refused.message : '', /could not be updated: kdrill runs read-only/);
    assert.equal(writes(), ro, 'no request sent under --readonly');
  } finally {
    transport.destroy();
    await c.stop();
  }
});
