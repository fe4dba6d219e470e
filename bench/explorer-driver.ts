// Drives the explorer in memory for benchmarks: Ink renders into a FakeStdout, keys go in
// through a FakeStdin, and each keypress is timed to the frame it causes.
import { render } from 'ink';
import { createElement } from 'react';
import type { ClusterSession } from '../src/kube/cluster-session.js';
import { Root } from '../src/ui/root.js';
import { INCREMENTAL_RENDERING, MAX_FPS } from '../src/ui/terminal.js';
import { FakeStdin } from '../test/helpers/fake-terminal.js';
import { ScreenStdout } from './ink-screen.js';

/** The explorer on a session, in a terminal of `columns` x `rows` held in memory. */
export interface Explorer {
  stdout: ScreenStdout;
  /** Resolves once a frame matches. */
  frame(re: RegExp, timeoutMs?: number): Promise<void>;
  /** Types a key; resolves with ms to the next frame (or to the first frame matching `until`), less the in-memory terminal's own work. */
  press(key: string, until?: RegExp): Promise<number>;
  /** Types text a key at a time without timing it (a command before the Enter that is timed). */
  type(text: string): Promise<void>;
  unmount(): void;
}

/**
 * Renders kdrill's Root on `session`, all namespaces, with the shipped bundle's frame cap.
 * `onRender` is told the ms of each of Ink's renders of the laid-out tree to text (its output stage).
 * KDRILL_INK_INCREMENTAL=1 or 0 overrides Ink's incrementalRendering (bench/ink-variants.bench.ts).
 */
export function renderExplorer(session: ClusterSession, columns: number, rows: number, onRender?: (ms: number) => void): Explorer {
  const stdout = new ScreenStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(createElement(Root, { first: session, open: async () => session, contexts: [], version: 'bench', namespace: undefined, allNamespaces: true, readonly: false, color: true, onSession: () => {} }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: Number(process.env.KDRILL_MAX_FPS ?? MAX_FPS),
    onRender: onRender && (({ renderTime }) => onRender(renderTime)),
    incrementalRendering: process.env.KDRILL_INK_INCREMENTAL === undefined ? INCREMENTAL_RENDERING : process.env.KDRILL_INK_INCREMENTAL === '1',
  });
  const frame = (re: RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no frame matching ${re} within ${timeoutMs} ms; last frame:\n${stdout.last.slice(0, 3000)}`)), timeoutMs);
      const check = () => {
        if (re.test(stdout.last)) {
          clearTimeout(t);
          resolve();
        } else stdout.once('frame', check);
      };
      check();
    });
  return {
    stdout,
    frame,
    async press(key, until) {
      // Let the previous key's work settle, as a person's next keystroke would.
      await new Promise((r) => setTimeout(r, 20));
      const next = until ? frame(until) : new Promise<void>((resolve) => stdout.once('frame', () => resolve()));
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no frame after ${JSON.stringify(key)}; last frame:\n${stdout.last.slice(0, 2000)}`)), 60_000).unref());
      // Reading the in-memory screen (to match `until`) is the terminal's work, not kdrill's: left out.
      const t0 = performance.now();
      const applied = stdout.applyMs;
      stdin.type(key);
      await Promise.race([next, timeout]);
      return performance.now() - t0 - (stdout.applyMs - applied);
    },
    async type(text) {
      for (const ch of text) {
        stdin.type(ch);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    unmount: () => instance.unmount(),
  };
}
