/**
 * Full-screen terminal handling: the alternate screen on entry, and on every exit path
 * (normal exit, Ctrl-C, SIGTERM, SIGHUP from a dropped SSH session, an uncaught error)
 * the main screen back, the cursor visible and raw mode off.
 */

const ENTER = '\u001b[?1049h\u001b[H';
const LEAVE = '\u001b[?25h\u001b[?1049l';

let active = false;
let lost = false;
let released = false;
let interruptsIgnored = false;

/** Whether kdrill gave the terminal back for good (it is exiting): nothing may take the screen again. */
export function terminalReleased(): boolean {
  return released;
}

/** While the terminal is handed to another program, Ctrl-C (SIGINT) is that program's, not kdrill's quit. */
export function ignoreInterrupts(on: boolean): void {
  interruptsIgnored = on;
}

/** Whether the terminal went away (SSH dropped: SIGHUP, or writes failing with EIO). */
export function terminalLost(): boolean {
  return lost;
}

/**
 * Ends the process the way a program whose terminal hung up ends: by SIGHUP. Exiting normally
 * would make Node restore the dead TTY's modes at exit, which aborts with an assertion on EIO.
 */
export function hangUp(): never {
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
  // Unreachable in practice: the default SIGHUP action ends the process.
  process.exit(129);
}

/** Puts the terminal back as it was; safe to call more than once. */
export function restoreTerminal(): void {
  if (!active) return;
  active = false;
  released = true;
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // stdin may already be closed when SSH drops; the escape sequence below still helps.
  }
  try {
    process.stdout.write(LEAVE);
  } catch {
    // The terminal is gone (SSH dropped): nothing left to restore.
  }
}

/** Switches to the alternate screen and arranges for the terminal to be restored on every exit path. */
export function enterFullScreen(onSignal: (signal: NodeJS.Signals) => void): () => void {
  active = true;
  process.stdout.write(ENTER);
  // A dropped SSH session makes writes fail with EIO: end quietly instead of crashing on the error event.
  const onWriteError = () => {
    lost = true;
    onSignal('SIGHUP');
  };
  process.stdout.on('error', onWriteError);
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
  const handler = (signal: NodeJS.Signals) => {
    if (signal === 'SIGINT' && interruptsIgnored) return;
    if (signal === 'SIGHUP') lost = true;
    onSignal(signal);
  };
  for (const s of signals) process.on(s, handler);
  process.on('exit', restoreTerminal);
  return () => {
    process.stdout.off('error', onWriteError);
    process.stdout.on('error', () => {});
    for (const s of signals) process.off(s, handler);
    process.off('exit', restoreTerminal);
    restoreTerminal();
  };
}

/**
 * Ink's frame cap. Data never drives more frames than the caches' batches (75 ms) and the
 * paced panes allow; Ink's throttle would only hold back the frame of a keypress that follows
 * a data frame (measured: keypress p95 21 ms at 60 fps under 1,000 pod updates/s, 8 ms at 500).
 */
export const MAX_FPS = 500;

/**
 * Whether Ink rewrites only the lines that changed. Off: Ink 6.8.0 draws them a row low on frames
 * shorter than the terminal (test/ui/ink-output-mode.test.ts), and with the Ink patch it saves
 * bytes, not CPU (bench/ink-variants.bench.ts).
 */
export const INCREMENTAL_RENDERING = false;
