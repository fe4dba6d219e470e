import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { discover } from '../../../src/kube/discover.js';
import { KubeTransport } from '../../../src/kube/transport.js';
import { parseCommandLine } from '../../../src/ui/command-line.js';
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

// Which keys the README names, and what it says they do, is the generated table's business (k9s-keys.test.ts).

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
