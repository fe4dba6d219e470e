import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { discover } from '../../../src/kube/discover.js';
import { KubeTransport } from '../../../src/kube/transport.js';
import { parseCommandLine } from '../../../src/ui/command-line.js';
import { startCluster } from '../../helpers/sim.js';

// The README's explorer section: the :commands it names (in its tables and its prose) must parse. Which keys it
// names, and what it says they do, is the generated key table's business (k9s-keys.test.ts).
function explorerCommands(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## The explorer'), readme.indexOf('## Inspection panes'));
  // The code spans are every other piece between backticks.
  return section.split('`').filter((t, i) => i % 2 === 1 && t.startsWith(':') && t.length > 1).map((t) => t.replace(/⏎/g, ''));
}

test('every :command the README names parses as a command', async () => {
  const c = await startCluster({ scenario: 'demo', clock: 'manual' });
  const transport = new KubeTransport(c.kc);
  try {
    const discovery = await discover(transport);
    const commands = explorerCommands();
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
