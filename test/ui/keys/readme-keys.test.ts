import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { discover } from '../../../src/kube/discover.js';
import { KubeTransport } from '../../../src/kube/transport.js';
import { parseCommandLine } from '../../../src/ui/command-line.js';
import { BINDINGS, type Scope } from '../../../src/ui/keys/bindings.js';
import { startCluster } from '../../helpers/sim.js';

// The README's explorer key table (issue 21 #12): what it names must be bound, and what is bound must be named.
const README_KEYS: Record<string, string> = { PgUp: 'pageup', PgDn: 'pagedown', Enter: 'enter', Esc: 'escape', Tab: 'tab', Home: 'home', End: 'end' };
const keyName = (token: string) => README_KEYS[token] ?? (/^Ctrl-[A-Z]$/.test(token) ? `ctrl+${token.slice(5).toLowerCase()}` : token);
const looksLikeKey = (token: string) => /^(Ctrl-[A-Z]|PgUp|PgDn|Tab|Esc|Enter|Home|End|[A-Za-z0-9?/:])$/.test(token);

interface Row { keys: string[]; text: string[]; pane: boolean; says: string }

function keyTable(): Row[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## The explorer'), readme.indexOf('## Inspection panes'));
  const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| keys |'));
  assert.ok(rows.length > 10, 'the key table is found');
  const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  return rows.map((l) => {
    const [, keys, text] = /^\| (.*?) \| (.*) \|$/.exec(l)!;
    return { keys: ticks(keys), text: ticks(text), pane: keys === 'in the pane', says: text.toLowerCase() };
  });
}

const bound = (key: string, scopes: readonly Scope[]) => BINDINGS.some((b) => scopes.includes(b.scope) && b.keys.includes(key));
const MOVES = new Set(['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom']);
// What a binding is called in prose: its description's first word (movement keys are all "move").
const gist = (b: (typeof BINDINGS)[number]) => (MOVES.has(b.command) ? 'move' : b.description.split(/[\s:]/)[0].toLowerCase());

test('every key the README names is in the binding table, in the scope the README puts it', () => {
  for (const row of keyTable()) {
    for (const k of row.keys) {
      const b = BINDINGS.find((x) => (x.scope === 'table' || x.scope === 'global') && x.keys.includes(keyName(k)));
      assert.ok(b, `README key column names \`${k}\`, which is not bound in the table`);
      assert.ok(row.says.includes(gist(b)), `README says \`${k}\` does "${row.says.slice(0, 40)}…", the binding says "${b.description}"`);
    }
    for (const k of row.text.filter(looksLikeKey)) {
      assert.ok(bound(keyName(k), row.pane ? ['detail', 'global'] : ['dialog', 'table', 'detail', 'global']), `README names \`${k}\`${row.pane ? ' in the pane' : ''}, which is not bound there`);
    }
  }
});

test('every key in the binding table is named in the README', () => {
  const rows = keyTable();
  const named = (rs: Row[]) => new Set(rs.flatMap((r) => [...r.keys, ...r.text.filter(looksLikeKey)]).map(keyName).concat(['up', 'down']));
  const outside = named(rows.filter((r) => !r.pane));
  // A pane key may also be named in passing in another row (`z` zooms it).
  const pane = named(rows.map((r) => (r.pane ? r : { ...r, keys: [] })));
  const tableCommands = new Set(BINDINGS.filter((b) => b.scope === 'table').map((b) => b.command));
  for (const b of BINDINGS) {
    // Keys the pane shares with the table are named once, for the table.
    const where = b.scope === 'detail' && !tableCommands.has(b.command) ? pane : outside;
    for (const k of b.keys) assert.ok(where.has(k), `${b.scope} key ${k} (${b.description}) is not in the README's key table`);
  }
});

test('every :command the README names parses as a command', async () => {
  const c = await startCluster({ scenario: 'demo', clock: 'manual' });
  const transport = new KubeTransport(c.kc);
  try {
    const discovery = await discover(transport);
    const commands = keyTable().flatMap((r) => r.text).filter((t) => t.startsWith(':') && t.length > 1);
    assert.ok(commands.length >= 10, commands.join(' '));
    for (const text of commands) {
      const line = text.slice(1).replace('HOST[/PATH]', 'shop.example.com/cart').replace('NAME', 'shop');
      const parsed = parseCommandLine(line, discovery);
      assert.notEqual(parsed.type, 'error', `README names ${text}: ${parsed.type === 'error' ? parsed.message : ''}`);
    }
  } finally {
    transport.destroy();
    await c.stop();
  }
});
