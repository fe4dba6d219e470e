import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kdrillKey } from '../../../src/model/k9s/k9s-keys.js';
import { expandAlias, gvrWord, k9sSetup } from '../../../src/model/k9s/k9s-setup.js';
import { pluginEnv, substitute } from '../../../src/model/k9s/plugin-env.js';

test('k9s key names as kdrill names them; keys kdrill cannot read are undefined', () => {
  const cases: [string, string | undefined][] = [
    ['a', 'a'], ['7', '7'], ['Shift-D', 'D'], ['shift-d', 'D'], ['Shift-0', ')'], ['Shift-1', '!'], ['Shift-9', '('],
    ['Ctrl-L', 'ctrl+l'], ['Enter', 'enter'], ['Esc', 'escape'], ['PgDn', 'pagedown'], ['space', ' '], ['?', '?'],
    ['F1', undefined], ['Alt-X', undefined], ['Ctrl-Shift-A', undefined], ['', undefined],
  ];
  for (const [k9s, want] of cases) assert.equal(kdrillKey(k9s), want, k9s);
});

test('substitution as k9s: longest names first, ${} and $!, unknown variables left as written, never a shell', () => {
  const env = { NAMESPACE: 'shop', NAME: 'cart-1', 'COL-READY': '1/1', FLAG: 'true', N: '1', EMPTY: '' };
  assert.equal(substitute('$NAMESPACE/$NAME', env), 'shop/cart-1');
  assert.equal(substitute('${NAME}.log', env), 'cart-1.log');
  assert.equal(substitute('$col-ready', env), '1/1', 'names are matched upper-cased');
  assert.equal(substitute('$!FLAG ${!FLAG} $FLAG', env), 'false false true');
  assert.equal(substitute('$!N', env), '1', 'a number is never a boolean');
  assert.equal(substitute('$HOME $(rm -rf /) `id` *', env), '$HOME $(rm -rf /) `id` *');
  assert.equal(substitute('x$EMPTY', env), 'x');
});

test('the variables where the user stands: k9s names, $COL- from the columns, $FILTER falls back to the name', () => {
  const env = pluginEnv({ context: 'prod', cluster: 'c1', user: 'me', kubeconfig: '/k', namespace: 'shop', name: 'cart-1', headers: ['NAME↑', 'READY', 'UP-TO-DATE'], cells: ['cart-1', '1/1', '1'], filter: '', resource: { group: 'apps', version: 'v1', name: 'deployments' } });
  assert.deepEqual(env, { CONTEXT: 'prod', CLUSTER: 'c1', USER: 'me', GROUPS: 'n/a', KUBECONFIG: '/k', NAMESPACE: 'shop', NAME: 'cart-1', 'COL-NAME': 'cart-1', 'COL-READY': '1/1', 'COL-UP-TO-DATE': '1', FILTER: 'cart-1', RESOURCE_GROUP: 'apps', RESOURCE_VERSION: 'v1', RESOURCE_NAME: 'deployments' });
  const co = pluginEnv({ context: 'prod', cluster: 'c1', user: 'me', kubeconfig: '', namespace: 'shop', name: 'app', pod: 'cart-1', container: 'app', filter: 'ca' });
  assert.deepEqual([co.POD, co.CONTAINER, co.NAME, co.FILTER], ['cart-1', 'app', 'app', 'ca']);
});

test('aliases: k9s group/version/resource names, aliases of aliases, the words typed win over the alias\'s own', () => {
  const aliases = { pp: 'v1/pods', dp: 'apps/v1/deployments', kdp: 'dp kube-system', loop: 'loop' };
  assert.equal(expandAlias('pp', aliases), 'pods');
  assert.equal(expandAlias('dp shop', aliases), 'deployments.apps shop');
  assert.equal(expandAlias('kdp', aliases), 'deployments.apps kube-system');
  assert.equal(expandAlias('kdp shop', aliases), 'deployments.apps shop');
  assert.equal(expandAlias('loop', aliases), 'loop', 'a loop ends');
  assert.equal(expandAlias('deploy', aliases), 'deploy');
  assert.equal(gvrWord('rbac.authorization.k8s.io/v1/clusterroles'), 'clusterroles.rbac.authorization.k8s.io');
});

test('the three k9s files: what is taken, what is ignored and why; later files win', () => {
  const setup = k9sSetup([
    { source: '/k9s/aliases.yaml', type: 'aliases', doc: { aliases: { PP: 'v1/pods', bad: 3 } } },
    { source: '/k9s/hotkeys.yaml', type: 'hotkeys', doc: { hotKeys: { 'shift-0': { shortCut: 'Shift-0', description: 'pods', command: 'pods', keepHistory: true }, f1: { shortCut: 'F1', command: 'dp' }, broken: { shortCut: 'a' } } } },
    { source: '/k9s/plugins.yaml', type: 'plugins', doc: { plugins: { dive: { shortCut: 'Shift-D', scopes: ['po'], command: 'dive', args: ['$NAME'], pipes: ['less'], confirm: true }, stern: { shortCut: 'Ctrl-L', command: 'stern', description: 'tail', scopes: ['all'], background: true, inputs: [{ name: 'x' }] } } } },
    { source: '/ctx/plugins.yaml', type: 'plugins', doc: { plugins: { dive: { shortCut: 'Shift-V', scopes: ['deploy'], command: 'dive2' } } } },
    { source: '/data/k9s/plugins/one.yaml', type: 'plugin', doc: { shortCut: 'Shift-O', command: 'echo', scopes: ['svc'] } },
    { source: '/data/k9s/plugins/bad.yaml', type: 'plugin', error: 'not YAML: bad indentation (line 2)' },
  ]);
  assert.deepEqual(setup.aliases, { pp: 'v1/pods' });
  assert.deepEqual(setup.hotkeys.map((h) => [h.name, h.key, h.command]), [['shift-0', ')', 'pods']]);
  assert.deepEqual(setup.plugins.map((p) => [p.name, p.key, p.command, p.scopes.join(), p.confirm, p.background]), [
    ['dive', 'V', 'dive2', 'deploy', false, false],
    ['one', 'O', 'echo', 'svc', false, false],
    ['stern', 'ctrl+l', 'stern', 'all', true, true],
  ]);
  assert.deepEqual(setup.files, ['/k9s/aliases.yaml', '/k9s/hotkeys.yaml', '/k9s/plugins.yaml', '/ctx/plugins.yaml', '/data/k9s/plugins/one.yaml']);
  assert.deepEqual(setup.notes.map((n) => `${n.source}: ${n.what}: ${n.why}`), [
    '/k9s/aliases.yaml: alias bad: its command is not a text',
    '/k9s/hotkeys.yaml: hotkey shift-0: keepHistory: a hotkey opens its view as : does (Escape goes back)',
    '/k9s/hotkeys.yaml: hotkey f1: kdrill cannot read the key F1 (it reads a-z, 0-9, Shift-A..Z, Shift-0..9, Ctrl-A..Z)',
    '/k9s/hotkeys.yaml: hotkey broken: needs shortCut and command',
    '/k9s/plugins.yaml: plugin dive: pipes: kdrill does not pipe one plugin into another',
    '/k9s/plugins.yaml: plugin stern: inputs: kdrill does not prompt for plugin inputs ($INPUT_...)',
    '/data/k9s/plugins/bad.yaml: the file: not YAML: bad indentation (line 2)',
  ]);
});
