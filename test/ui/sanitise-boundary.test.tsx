import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { Fragment, type ReactElement } from 'react';
import { DetailPane } from '../../src/ui/components/detail-pane.js';
import { Footer } from '../../src/ui/components/footer.js';
import { Picker } from '../../src/ui/components/pickers.js';
import { ConfirmLine, PromptLine } from '../../src/ui/components/prompt-line.js';
import { Table } from '../../src/ui/components/table.js';
import { Text } from '../../src/ui/components/text.js';
import { compactJson, wrapLines } from '../../src/model/view/pane-text.js';
import { POD_SEPARATOR } from '../../src/model/view/merged-log.js';
import { sanitize } from '../../src/model/sanitize.js';
import { ThemeContext } from '../../src/ui/theme.js';

// Every class of terminal control text can carry: CSI, OSC 52 (clipboard), OSC 0 (title), DCS,
// C1, CR, BS, bidi override. Raw, as if no earlier step had sanitised anything.
const NASTY = ['\x1b[2J\x1b[H', '\x1b]52;c;ZWNobyBwd25lZA==\x07', '\x1b]0;owned\x1b\\', '\x1bP1$r0m\x1b\\', '\x9b31m\x9d0;x\x9c', 'fake\rreal', 'abc\b\bxy', 'safe\u202etxt.exe'].join(' ');
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

function assertClean(frames: readonly string[], where: string) {
  assert.ok(frames.length > 0, `${where}: nothing was drawn`);
  for (const f of frames) assert.doesNotMatch(f, RAW, `${where}: a raw control character reached the terminal:\n${JSON.stringify(f)}`);
}

function drawn(node: ReactElement, colour = false): string[] {
  const r = render(<ThemeContext.Provider value={{ color: colour }}>{node}</ThemeContext.Provider>);
  const frames = [...r.frames];
  r.unmount();
  return frames;
}

test('the Text primitive sanitises strings, numbers beside them, arrays, fragments and nested Texts', () => {
  const frames = drawn(
    <Box flexDirection="column">
      <Text>{NASTY}</Text>
      <Text>
        {'a'}
        {[NASTY, <Text key="n" bold>{NASTY}</Text>]}
        <Fragment>{NASTY}</Fragment>
      </Text>
    </Box>,
  );
  assertClean(frames, 'Text');
  assert.match(frames.at(-1)!, /\^\[\]52;c;ZWNobyBwd25lZA==\^G/, 'the sequence is shown, visibly');
  assert.match(frames.at(-1)!, /<U\+202E>/);
});

test('a JSON log line whose escapes decode to a clipboard write is drawn inert in the logs pane (J)', () => {
  // The log buffer sanitises on the way in; the JSON mode then decodes \u001b back into ESC.
  const line = sanitize(`2026-11-28T10:00:00Z {"level":"info","msg":"pwned \\u001b]52;c;ZWNobyBwd25lZA==\\u0007 \\u009b2J \\u202e"}`);
  const compact = compactJson(line);
  assert.match(compact, RAW, 'the JSON mode does bring raw control characters back (this is what the boundary is for)');
  for (const colour of [false, true]) {
    const lines = [compact, `web-1${POD_SEPARATOR}${compact}`, ...wrapLines([compact], 20)];
    assertClean(drawn(<DetailPane mode="logs" title={NASTY} lines={lines} scroll={0} height={8} width={80} focused search={/pwned/g} />, colour), `logs pane (colour ${colour})`);
  }
});

test('every component that draws cluster text draws it inert: table headers and cells, panes, prompt, dialog, footer, picker', () => {
  const headers = ['NAME', `PRINTER ${NASTY}`];
  const cells = [[`name-${NASTY}`, `label=${NASTY}`], [`image ${NASTY}`, `Waiting: ${NASTY}`]];
  for (const colour of [false, true]) {
    const table = drawn(<Table headers={headers} cells={cells} health={['ok', 'error']} cursor={0} offset={0} height={5} width={120} focused empty="none" changed={() => new Set([1])} />, colour);
    assertClean(table, 'table');
    for (const mode of ['yaml', 'describe', 'events', 'logs'] as const) {
      assertClean(drawn(<DetailPane mode={mode} title={NASTY} lines={[`key: ${NASTY}`, NASTY]} scroll={0} height={5} width={100} focused={false} search={/key/g} changed={new Set([1])} />, colour), `${mode} pane`);
    }
    assertClean(drawn(<PromptLine prompt={{ mode: 'filter', text: NASTY, error: NASTY }} matches={1} total={2} />, colour), 'prompt');
    assertClean(drawn(<ConfirmLine text={`Delete pod ${NASTY}?`} />, colour), 'confirmation');
    assertClean(drawn(<Footer scopes={['table']} view="pods" flash={{ text: NASTY, level: 'error' }} width={80} />, colour), 'footer flash');
    assertClean(drawn(<Picker picker={{ title: 'contexts', items: [NASTY, 'b'], current: 'b', cursor: NASTY, choose: () => {} }} height={5} />, colour), 'picker');
  }
});

test('no file of the UI draws text with Ink\'s Text directly: every string passes the one boundary', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
  const offenders = files('src/ui')
    .filter((f) => !f.endsWith(join('components', 'text.tsx')))
    .filter((f) => {
      const src = readFileSync(f, 'utf8');
      // Ink's own text (named, through a namespace import, or as its host element) draws a string unsanitised.
      return /import\s*\{[^}]*\b(Text|Transform|Static)\b[^}]*\}\s*from\s*'ink'/.test(src) || /import\s*\*\s*as\s+\w+\s+from\s*'ink'/.test(src) || /['"]ink-text['"]/.test(src);
    });
  assert.deepEqual(offenders, []);
});

test('a newline or tab decoded from a JSON log line stays on its row: shown, not obeyed (review L1)', () => {
  const line = compactJson(sanitize('{"level":"info","msg":"1\\n2\\n3\\tDelete pod shop/db-0 in context prod? y go ahead"}'));
  assert.match(line, /\n/, 'the JSON mode decodes \\n into a real newline');
  const frame = drawn(<DetailPane mode="logs" title="p/c" lines={[line, 'second line']} scroll={0} height={3} width={120} focused />).at(-1)!;
  const rows = frame.split('\n');
  assert.equal(rows.length, 3, frame);
  assert.match(rows[1], /1\^J2\^J3 Delete pod/);
  assert.match(rows[2], /^second line/);
});
