import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appliesIn, BINDINGS, commandFor, hintsFor } from '../../../src/ui/keys/bindings.js';
import { keyTokens } from '../../../src/ui/keys/key-name.js';

// Every view a binding names, and one no binding names (a CRD's table).
const VIEWS = [...new Set(BINDINGS.flatMap((b) => [...(b.views ?? []), ...(b.notIn ?? [])])), 'widgets'];

test('no key is bound twice in one scope and view, and table keys do not shadow global ones by accident', () => {
  for (const view of VIEWS) {
    const seen = new Map<string, string>();
    for (const b of BINDINGS.filter((x) => appliesIn(x, view))) {
      for (const k of b.keys) {
        const id = `${b.scope}:${k}`;
        assert.ok(!seen.has(id), `${id} is bound to ${seen.get(id)} and ${b.command} in ${view}`);
        seen.set(id, b.command);
      }
    }
  }
  assert.equal(commandFor('r', ['table'], 'nodes'), 'drain');
  assert.equal(commandFor('r', ['table'], 'deployments'), 'restart');
  assert.equal(commandFor('r', ['table'], 'pods'), 'routesTo');
  assert.equal(commandFor('r', ['table'], 'secrets'), undefined);
  assert.equal(commandFor('j', ['table', 'global']), 'down');
  assert.equal(commandFor('q', ['table', 'global']), 'quit');
  assert.equal(commandFor('z', ['table', 'global']), undefined, 'zoom only in the pane');
  assert.equal(commandFor('z', ['detail', 'global']), 'zoom');
  assert.ok(hintsFor(['table', 'global']).includes('enter drill down'));
});

test('keys read in one chunk become separate keypresses, in order', () => {
  const none = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false } as const;
  assert.deepEqual(keyTokens(':deploy all\r', { ...none }).map((t) => t.name), [':', 'd', 'e', 'p', 'l', 'o', 'y', ' ', 'a', 'l', 'l', 'enter']);
  assert.deepEqual(keyTokens('jj', { ...none }).map((t) => t.name), ['j', 'j']);
  assert.deepEqual(keyTokens('j', { ...none }).map((t) => t.name), ['j']);
  assert.deepEqual(keyTokens('', { ...none, upArrow: true }).map((t) => t.name), ['up']);
  assert.deepEqual(keyTokens(':', { ...none, meta: true }).map((t) => t.name), ['escape', ':'], 'ESC then a key read together');
  // ESC then a control key, as Ink delivers them read together: Escape is not lost, and Ctrl-C is still Ctrl-C.
  assert.deepEqual(keyTokens('\u0003', { ...none }).map((t) => t.name), ['escape', 'ctrl+c'], 'ESC Ctrl-C: Ink gives \\x03 with no flags');
  assert.deepEqual(keyTokens('\t', { ...none }).map((t) => t.name), ['escape', 'tab'], 'ESC Tab');
  assert.deepEqual(keyTokens('', { ...none, return: true, meta: true }).map((t) => t.name), ['escape', 'enter'], 'ESC Enter');
  assert.deepEqual(keyTokens('', { ...none, delete: true, meta: true }).map((t) => t.name), ['escape', 'backspace'], 'ESC Backspace');
  assert.deepEqual(keyTokens('', { ...none, upArrow: true, meta: true }).map((t) => t.name), ['escape', 'up'], 'ESC Up');
  assert.deepEqual(keyTokens('', { ...none, escape: true, meta: true }).map((t) => t.name), ['escape'], 'Escape alone');
  assert.deepEqual(keyTokens('c', { ...none, ctrl: true }).map((t) => t.name), ['ctrl+c'], 'Ctrl-C alone');
  // What Ink gives for Enter and Tab alone: a control character too, but named.
  assert.deepEqual(keyTokens('\r', { ...none, return: true }).map((t) => t.name), ['enter'], 'Enter alone');
  assert.deepEqual(keyTokens('\t', { ...none, tab: true }).map((t) => t.name), ['tab'], 'Tab alone');
});

test('the footer fits the width in every view, most useful first, with ? help always last', () => {
  for (const view of VIEWS) {
    for (const width of [80, 200]) {
      const scopes = view.endsWith(' pane') ? (['detail', 'global'] as const) : (['table', 'global'] as const);
      const line = hintsFor(scopes, view, width).join('  ');
      assert.ok(line.length <= width, `${view} at ${width}: ${line.length} columns`);
      assert.ok(line.endsWith('? help'), `${view} at ${width}: ${line}`);
    }
  }
  assert.notEqual(hintsFor(['table', 'global'], 'pods', 80).join(), hintsFor(['table', 'global'], 'deployments', 80).join());
  assert.deepEqual(hintsFor(['table', 'global'], 'nodes', 80).slice(0, 3), ['c cordon', 'u uncordon', 'r drain']);
});
