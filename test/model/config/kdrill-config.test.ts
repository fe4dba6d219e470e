import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextMatches, contextSettings, NO_CONFIG, validateConfig } from '../../../src/model/config/kdrill-config.js';
import { BUILT_IN_THEMES, paletteOf } from '../../../src/model/config/config-theme.js';

const known = new Set(['readonly', 'namespace', 'log-tail', 'log-buffer', 'no-color', 'log-level', 'log-file']);
const ok = (doc: unknown) => {
  const r = validateConfig(doc, known);
  assert.equal(r.error, undefined);
  return r as Exclude<typeof r, { error: string }>;
};

test('a full config: defaults, contexts, theme, plugins; unknown keys ignored with the reason', () => {
  const r = ok({
    defaults: { 'log-tail': 500, readonly: false, 'dns-server': '10.0.0.10', bogus: 1, context: 'prod' },
    contexts: { 'prod*': { readonly: true, namespace: 'payments' }, 'prod-eu': { 'log-buffer': 200 } },
    theme: { base: 'light', header: 'magenta', health: { warn: '#aa5500' } },
    plugins: { readOnlySafe: ['dig'], extra: 1 },
    colours: 1,
  });
  assert.deepEqual(r.config.defaults, { 'log-tail': '500', readonly: false });
  assert.deepEqual(r.config.contexts, [
    { pattern: 'prod*', values: { readonly: true, namespace: 'payments' } },
    { pattern: 'prod-eu', values: { 'log-buffer': '200' } },
  ]);
  assert.deepEqual(r.config.theme, { base: 'light', header: 'magenta', health: { warn: '#aa5500' } });
  assert.deepEqual(r.config.readOnlySafePlugins, ['dig']);
  assert.deepEqual(r.ignored, [
    { key: 'defaults.dns-server', why: 'no command of this kdrill takes --dns-server yet' },
    { key: 'defaults.bogus', why: 'kdrill has no flag --bogus' },
    { key: 'defaults.context', why: 'chosen on the command line only' },
    { key: 'plugins.extra', why: 'kdrill reads only readOnlySafe here (plugins themselves are in k9s plugins.yaml)' },
    { key: 'colours', why: 'not a kdrill setting (defaults, contexts, theme, plugins, k9s)' },
  ]);
  assert.deepEqual(contextSettings(r.config, 'prod-eu'), { readonly: true, namespace: 'payments', 'log-buffer': '200' });
  assert.deepEqual(contextSettings(r.config, 'staging'), {});
});

test('an empty file is no config', () => {
  assert.deepEqual(validateConfig(null, known), { config: NO_CONFIG, ignored: [] });
});

test('each mistake is one line naming the key', () => {
  const cases: [unknown, string][] = [
    [[1], 'the file must be a mapping (defaults:, contexts:, theme:, plugins:, k9s:)'],
    [{ defaults: [] }, 'defaults must be a mapping of flag names to values'],
    [{ defaults: { 'log-tail': 'lots' } }, 'defaults.log-tail must be a number from 0 to 100000, not "lots"'],
    [{ defaults: { 'log-buffer': 5 } }, 'defaults.log-buffer must be a number from 100 to 1000000, not 5'],
    [{ defaults: { readonly: 'yes' } }, 'defaults.readonly must be true or false, not "yes"'],
    [{ defaults: { 'log-level': 'loud' } }, 'defaults.log-level must be debug, info, warn, error, not "loud"'],
    [{ defaults: { 'probe-timeout': 2 } }, 'defaults.probe-timeout must be a duration such as 2s or 500ms, not 2'],
    [{ contexts: ['prod*'] }, 'contexts must be a mapping of context name patterns (prod*) to settings'],
    [{ contexts: { 'prod*': { readonly: 1 } } }, 'contexts.prod*.readonly must be true or false, not 1'],
    [{ contexts: { 'prod*': { context: 'x' } } }, 'contexts.prod*.context: a context\'s settings cannot name another context'],
    [{ theme: 'solarized' }, 'theme must be dark, light or a mapping (base, health, selection, header, diff), not "solarized"'],
    [{ theme: { header: 'pink' } }, 'theme.header must be a colour name (red, blueBright...) or #rrggbb, not "pink"'],
    [{ theme: { health: { broken: 'red' } } }, 'theme.health.broken is not one of error, warn, done, ok'],
    [{ theme: { diff: { added: '#12345' } } }, 'theme.diff.added must be a colour name (red, blueBright...) or #rrggbb, not "#12345"'],
    [{ plugins: { readOnlySafe: 'dig' } }, 'plugins must be a mapping with readOnlySafe: a list of k9s plugin names'],
    [{ k9s: true }, 'k9s must be false (do not read k9s files) or a mapping with configDir: DIR'],
  ];
  for (const [doc, want] of cases) assert.deepEqual(validateConfig(doc, known), { error: want }, want);
});

test('context patterns: * for any characters, everything else literal', () => {
  assert.ok(contextMatches('prod*', 'prod-eu-1'));
  assert.ok(contextMatches('prod*', 'prod'));
  assert.ok(!contextMatches('prod*', 'preprod'));
  assert.ok(contextMatches('*.prod', 'eu.prod'));
  assert.ok(!contextMatches('a.b', 'axb'), 'a dot is a dot');
  assert.ok(contextMatches('kind-kind', 'kind-kind'));
});

test('themes: dark by default; light draws no cyan or yellow; choices override the base', () => {
  assert.equal(paletteOf(undefined), BUILT_IN_THEMES.dark);
  const light = Object.values(BUILT_IN_THEMES.light.accents).concat(Object.values(BUILT_IN_THEMES.light.health), [BUILT_IN_THEMES.light.header]);
  assert.ok(!light.some((c) => c === 'cyan' || c === 'yellow'), light.join());
  const p = paletteOf({ base: 'light', health: { warn: '#aa5500' }, selection: 'blue' });
  assert.deepEqual(p.health, { error: 'red', warn: '#aa5500', done: 'gray', ok: undefined });
  assert.equal(p.selection, 'blue');
  assert.equal(p.header, 'blue');
});
