import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeJson, sanitize } from '../../src/model/sanitize.js';

const NASTY = '\x1b]52;c;ZWNobyBwd25lZA==\x07 \x9b2J \x85 \x7f \u202etxt.exe \u2066x\u2069 \ud800 ok é 🙂';
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

test('sanitize shows every control visibly and keeps ordinary text', () => {
  assert.equal(sanitize('a\u200fb\u200ec\u061cd\u2028e\u2029f'), 'a<U+200F>b<U+200E>c<U+61C>d<U+2028>e<U+2029>f', 'bidi marks and separators');
  assert.equal(sanitize(NASTY), '^[]52;c;ZWNobyBwd25lZA==^G <9b>2J <85> ^? <U+202E>txt.exe <U+2066>x<U+2069> \ufffd ok é 🙂');
  assert.equal(sanitize('a\nb\tc'), 'a\nb\tc');
  assert.equal(sanitize('a\nb\tc', true), 'a^Jb c');
});

test('safeJson escapes what JSON.stringify leaves raw (C1, DEL, bidi) and parses back to the same value', () => {
  const value = { message: NASTY, nested: [{ label: NASTY }] };
  assert.match(JSON.stringify(value), RAW, 'JSON.stringify alone lets C1 and bidi controls through');
  const text = safeJson(value, 2);
  assert.doesNotMatch(text, RAW);
  assert.match(text, /\\u009b2J/);
  assert.match(text, /\\u202etxt/);
  assert.deepEqual(JSON.parse(text), value);
});
