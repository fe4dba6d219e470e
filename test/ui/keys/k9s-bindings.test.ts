import assert from 'node:assert/strict';
import { test } from 'node:test';
import { k9sSetup } from '../../../src/model/k9s/k9s-setup.js';
import { k9sBindings, scopeView } from '../../../src/ui/keys/k9s-bindings.js';

const find = (n: string) => ({ po: { resource: 'pods' }, pods: { resource: 'pods' }, deploy: { resource: 'deployments' }, 'deployments.apps': { resource: 'deployments' } })[n];

test('plugins apply in the views their scopes name; override comes before kdrill\'s keys, the rest after', () => {
  const setup = k9sSetup([
    { source: 'p', type: 'plugins', doc: { plugins: { a: { shortCut: 'Shift-Z', scopes: ['po', 'dp', 'containers', 'widgets'], command: 'x' }, b: { shortCut: 'Shift-R', scopes: ['deploy'], command: 'y', override: true }, c: { shortCut: 'Ctrl-K', scopes: ['all'], command: 'z' } } } },
    { source: 'a', type: 'aliases', doc: { aliases: { dp: 'apps/v1/deployments' } } },
    { source: 'h', type: 'hotkeys', doc: { hotKeys: { h: { shortCut: 'Shift-1', command: 'pods' } } } },
  ]);
  const b = k9sBindings(setup, (s) => scopeView(s, setup.aliases, find));
  assert.deepEqual(b.first.map((x) => [x.user, x.scope, x.keys.join(), x.views?.join()]), [['b', 'table', 'R', 'deployments']]);
  assert.deepEqual(b.last.map((x) => [x.user, x.command, x.scope, x.keys.join(), x.views?.join()]), [
    ['h', 'hotkey', 'global', '!', undefined],
    ['a', 'plugin', 'global', 'Z', 'pods,deployments,containers,widgets'],
    ['c', 'plugin', 'global', 'ctrl+k', undefined],
  ]);
  assert.deepEqual(b.clashes, [
    'k9s plugin b (Shift-R): Shift-R is kdrill\'s "sort by ready" in pods, deployments, statefulsets, daemonsets, replicasets; the k9s entry takes it (override: true)',
    'k9s plugin c (Ctrl-K): Ctrl-K is kdrill\'s "kill" in pods; kdrill\'s key is kept there (override: true gives it to the k9s entry)',
  ]);
});
