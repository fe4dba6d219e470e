import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BINDINGS, commandFor } from '../../../src/ui/keys/bindings.js';
import { AUDITED, K9S, k9sAction, k9sKeys, keyTable, scopesOf } from '../../helpers/key-table.js';

// What counts as "the same" as a k9s action: the kdrill commands that do it.
const SAME: Record<string, readonly string[]> = {
  View: ['enter'], Edit: ['edit'], Delete: ['deleteObject'], YAML: ['yaml'], Describe: ['describe'], Logs: ['logs'], 'Logs Previous': ['logsPrevious'],
  Kill: ['kill'], Shell: ['shell'], Attach: ['attach'], 'Port-Forward': ['portForward'], Restart: ['restart'], Scale: ['scale'], Rollback: ['undo'],
  Cordon: ['cordon'], Uncordon: ['uncordon'], Drain: ['drain'], 'Jump Owner': ['owner'], 'Show Node': ['showNode'],
  'Sort Name': ['sortName'], 'Sort Age': ['sortAge'], 'Sort Status': ['sortStatus'], 'Sort Ready': ['sortReady'], 'Sort Restart': ['sortRestarts'],
  'Sort IP': ['sortIp'], 'Sort Node': ['sortNode'], 'Sort CPU': ['sortCpu'], 'Sort MEM': ['sortMemory'], 'Sort CPU/R': ['sortCpuRequest'], 'Sort MEM/R': ['sortMemoryRequest'],
  // kdrill has no column cursor: O sorts by the next column, the nearest to k9s's selected one.
  'Sort Selected Column': ['sortNext'],
  Help: ['help'], Command: ['commandMode'], 'Filter Mode': ['filterMode', 'paneSearch'], all: ['allNamespaces'], Quit: ['quit'],
  'Filter Reset': ['back'], Back: ['back'],
  'Toggle FullScreen': ['zoom'], 'Toggle Wrap': ['wrap'], 'Toggle Timestamp': ['timestamps'], 'Toggle AllContainers': ['allContainers'], 'Toggle AutoScroll': ['follow'],
  Save: ['savePane'], Copy: ['copyPane'], 'Next Match': ['searchNext'], 'Prev Match': ['searchPrev'],
  tail: ['since'], '1m': ['since'], '5m': ['since'], '15m': ['since'], '30m': ['since'], '1h': ['since'],
};

// Where kdrill's key does something else than k9s's, it is never a write, and each is named here with why.
const ACCEPTED: Record<string, string> = {
  'q': 'kdrill quits where k9s resets the filter or closes the view (: q quits k9s); Esc goes back in both',
  'nodes:O': 'k9s up to 0.50 sorted nodes by PODS with Shift-O, since then by the selected column; kdrill sorts by the next column',
};

// Writes, shells and network actions: the commands a wrong key must never start.
const DANGEROUS = new Set(['edit', 'deleteObject', 'kill', 'shell', 'attach', 'portForward', 'restart', 'scale', 'pause', 'undo', 'cordon', 'uncordon', 'drain']);

test('every command is classed: the dangerous set names only commands that exist', () => {
  const commands = new Set(BINDINGS.map((b) => b.command));
  for (const c of DANGEROUS) assert.ok(commands.has(c as never) || ['shell', 'attach', 'portForward'].includes(c), `${c} is not a command`);
});

test('where k9s binds a key in a view, kdrill does the same or nothing (or a named, harmless difference)', () => {
  const wrong: string[] = [];
  for (const view of AUDITED) {
    for (const key of k9sKeys(view)) {
      const k9s = k9sAction(view, key)!;
      const ours = commandFor(key, scopesOf(view), view);
      if (!ours || SAME[k9s]?.includes(ours)) continue;
      const accepted = ACCEPTED[`${view}:${key}`] ?? ACCEPTED[key];
      if (accepted && !DANGEROUS.has(ours)) continue;
      wrong.push(`${view}: ${key} is k9s's "${k9s}", kdrill's ${ours}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('no k9s key starts a different write, shell or network action in kdrill', () => {
  for (const view of AUDITED) {
    for (const key of k9sKeys(view)) {
      const ours = commandFor(key, scopesOf(view), view);
      if (ours && DANGEROUS.has(ours)) assert.ok(SAME[k9sAction(view, key)!]?.includes(ours), `${view}: ${key} is k9s's "${k9sAction(view, key)}", kdrill's ${ours}`);
    }
  }
  // And k9s's own writes on a key are never another write here (a pod's s is a shell, never a scale).
  for (const view of AUDITED) {
    for (const key of k9sKeys(view).filter((k) => K9S.writes.includes(k9sAction(view, k)!))) {
      const ours = commandFor(key, scopesOf(view), view);
      assert.ok(!ours || SAME[k9sAction(view, key)!]?.includes(ours), `${view}: ${key}`);
    }
  }
});

test('the README key table is the one generated from the binding table (README-keys.md, and README.md once pasted)', () => {
  const table = keyTable();
  assert.equal(readFileSync('README-keys.md', 'utf8'), table, 'README-keys.md is stale: node --import tsx scripts/readme-keys.ts > README-keys.md');
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('<!-- keys:start -->');
  const end = readme.indexOf('<!-- keys:end -->');
  // The lead pastes README-keys.md between these markers; until then there is nothing to compare.
  if (start < 0 && end < 0) return;
  assert.ok(start >= 0 && end > start, 'README.md has both key table markers');
  assert.equal(readme.slice(start, end).replace('<!-- keys:start -->', '').trim() + '\n', table, 'README.md\'s key table differs from the binding table');
});
