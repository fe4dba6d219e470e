import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render, Text, useInput } from 'ink';
import { useState } from 'react';
import { handingOver, handOver } from '../../src/ui/hand-over.js';
import { useHandOverScreen } from '../../src/ui/hooks/use-hand-over-screen.js';
import { FakeStdin, FakeStdout } from '../helpers/fake-terminal.js';
import { waitFor } from '../helpers/wait.js';

const LEAVE = '\u001b[?25h\u001b[?1049l';
const ENTER = '\u001b[?1049h\u001b[H\u001b[?25l';

function Probe({ tick }: { tick: number }) {
  useHandOverScreen();
  const [keys, setKeys] = useState('');
  useInput((input) => setKeys((k) => k + input));
  return <Text>{`keys:${keys} tick:${tick}`}</Text>;
}

/** Probe in an in-memory terminal (not Ink's debug mode: the redraw is log-update's, as in a real one), every write kept. */
function renderProbe() {
  const stdout = new FakeStdout(60, 10);
  const stdin = new FakeStdin();
  const writes: string[] = [];
  stdout.on('frame', (chunk: string) => writes.push(chunk));
  const rendered = { count: 0 };
  const r = render(<Probe tick={0} />, { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false, maxFps: 1000, onRender: () => rendered.count++ });
  return { r, stdin, stdout, writes, rendered };
}

// What log-update writes to draw a frame again from scratch: it erases the lines it drew, then writes them all.
const REDRAW = (frame: string) => ['\u001b[2K\u001b[1A\u001b[2K\u001b[G', '', frame];
// Synchronized output (a frame drawn at once) around each frame.
const SYNC = ['\u001b[?2026h', '\u001b[?2026l'];

test('a hand-over suspends the screen and its keys, then redraws the latest frame and takes keys again', async () => {
  const { r, stdin, stdout, writes, rendered } = renderProbe();
  await waitFor('first frame', () => stdout.last === 'keys: tick:0\n');
  const from = writes.length;
  let typed = '';
  const result = await handOver(async (t) => {
    assert.equal(handingOver(), true);
    // A key typed before the program asks for the keyboard goes nowhere: not to kdrill.
    stdin.type('j');
    // kdrill's state changes meanwhile: its frames are not drawn over the program's output.
    const before = rendered.count;
    r.rerender(<Probe tick={1} />);
    await waitFor('Ink to render tick 1', () => rendered.count > before);
    t.output.write('hello from the program');
    const input = t.input();
    input.on('data', (d) => (typed += String(d)));
    stdin.emit('data', 'x');
    await waitFor('the program to read x', () => typed === 'x');
    return 42;
  });
  assert.equal(result, 42);
  assert.equal(handingOver(), false);
  // The frame of tick 1 may still be due (Ink paces frames): it is drawn whole once due, after the redraw.
  await waitFor('the latest frame', () => stdout.last.endsWith('keys: tick:1\n'));
  const seen = writes.slice(from).filter((w) => !SYNC.includes(w));
  assert.deepEqual(seen.slice(0, 3), [LEAVE, 'hello from the program', ENTER], 'main screen, the program, then the alternate screen');
  assert.deepEqual(seen.slice(3, 6), REDRAW(seen[5]), 'then a whole frame from scratch');
  assert.match(seen.at(-1)!, /keys: tick:1\n$/, 'the latest frame last');
  // Keys after the hand-over are kdrill's again; those typed during it never arrived.
  stdin.type('k');
  await waitFor('k to reach the app', () => stdout.last.endsWith('keys:k tick:1\n'));
  r.unmount();
});

test('the screen is restored when the program fails, and the failure is the caller\'s', async () => {
  const { r, stdout, writes } = renderProbe();
  await waitFor('first frame', () => stdout.last === 'keys: tick:0\n');
  const from = writes.length;
  await assert.rejects(handOver(async () => {
    throw new Error('no shell');
  }), /no shell/);
  assert.equal(handingOver(), false);
  assert.deepEqual(writes.slice(from).filter((w) => !SYNC.includes(w)), [LEAVE, ENTER, ...REDRAW('keys: tick:0\n')]);
  r.unmount();
});
