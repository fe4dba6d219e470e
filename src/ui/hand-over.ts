/**
 * Handing kdrill's terminal to something that owns it for a while (a shell in a container, an
 * editor), then taking it back exactly as it was: same view, same cursor, a full redraw.
 */
import { PassThrough, Writable, type Readable } from 'node:stream';
import { ignoreInterrupts, terminalReleased } from './terminal.js';

const ENTER = '\u001b[?1049h\u001b[H\u001b[?25l';
const LEAVE = '\u001b[?25h\u001b[?1049l';

/** The terminal kdrill draws on, as a hand-over needs it. */
export interface Screen {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Draws the whole last frame again (log-update forgets what it drew, then writes it all). */
  repaint(): void;
}

/** The terminal as the program it was handed to sees it. */
export interface HandedTerminal {
  /**
   * The keyboard, as a stream: asking for it starts passing keys on. A program that reads the
   * terminal itself (a child process with inherited stdio) does not ask, and kdrill reads nothing meanwhile.
   */
  input(): Readable;
  /** Writes to the terminal; has `columns`, `rows` and emits `resize`, as a TTY does. */
  output: Writable & { columns: number; rows: number };
  /** Raw mode on (keys pass as typed, Ctrl-C included) or off (the terminal's line discipline). */
  setRaw(on: boolean): void;
  /** Aborted when kdrill exits during the hand-over: the program must end. */
  signal: AbortSignal;
}

let current: AbortController | undefined;
let registered: Screen | undefined;
const starts = new Set<() => void>();

/** Whether the terminal is handed over now (kdrill draws nothing and reads no keys). */
export function handingOver(): boolean {
  return current !== undefined;
}

/** Calls `listener` when a hand-over starts (the key queue drops what it holds); returns the unsubscribe. */
export function onHandOver(listener: () => void): () => void {
  starts.add(listener);
  return () => void starts.delete(listener);
}

/** Makes `screen` the one `handOver` uses (the app registers its Ink terminal). */
export function registerScreen(screen: Screen | undefined): void {
  registered = screen;
}

/** Ends the program the terminal is handed to (kdrill is exiting). */
export function endHandOver(): void {
  current?.abort();
}

function setRaw(stdin: NodeJS.ReadStream, on: boolean): void {
  try {
    if (stdin.isTTY && stdin.isRaw !== on) stdin.setRawMode(on);
  } catch {
    // The terminal went away; the exit paths restore what can be restored.
  }
}

/** A writable that writes through `write` and looks like the terminal's size to client-node's resize queue. */
function handedOutput(stdout: NodeJS.WriteStream, write: (chunk: string | Uint8Array) => void): HandedTerminal['output'] {
  const out = new Writable({
    decodeStrings: false,
    write(chunk, _encoding, done) {
      write(chunk);
      done();
    },
  }) as HandedTerminal['output'];
  Object.defineProperty(out, 'columns', { get: () => stdout.columns ?? 80 });
  Object.defineProperty(out, 'rows', { get: () => stdout.rows ?? 24 });
  return out;
}

/**
 * Suspends kdrill's screen (its key reading stops, raw mode off, the main screen and the cursor back),
 * runs `run`, then restores the alternate screen, raw mode and a full redraw of the same view.
 * Keys typed meanwhile go to the program or nowhere, never to kdrill. Ink keeps rendering state
 * changes meanwhile; those frames are dropped and the redraw shows the latest.
 */
export async function handOver<T>(run: (t: HandedTerminal) => Promise<T>, screen: Screen | undefined = registered): Promise<T> {
  if (!screen) throw new Error('no terminal to hand over');
  if (current) throw new Error('the terminal is already handed over');
  const { stdin, stdout } = screen;
  const abort = new AbortController();
  current = abort;
  for (const listener of starts) listener();
  // Ink reads keys through its 'readable' listener: off while the terminal is handed over.
  const readers = stdin.listeners('readable') as ((...args: unknown[]) => void)[];
  for (const r of readers) stdin.off('readable', r);
  const wasRaw = !!stdin.isRaw;
  setRaw(stdin, false);
  // Paused, the stream stops reading the terminal: a child process with inherited stdio gets every key.
  stdin.pause();
  const allowReading = stopReading(stdin);
  ignoreInterrupts(true);
  const own = Object.prototype.hasOwnProperty.call(stdout, 'write');
  const inkWrite = stdout.write;
  const write = (chunk: string | Uint8Array) => {
    try {
      inkWrite.call(stdout, chunk);
    } catch {
      // The terminal went away; the exit paths handle it.
    }
  };
  stdout.write = ((_chunk: unknown, encoding?: unknown, cb?: unknown) => {
    const done = typeof encoding === 'function' ? encoding : cb;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof stdout.write;
  write(LEAVE);
  const output = handedOutput(stdout, write);
  const onResize = () => output.emit('resize');
  stdout.on('resize', onResize);
  let input: PassThrough | undefined;
  const feed = (chunk: string | Buffer) => input?.write(chunk);
  const terminal: HandedTerminal = {
    input: () => {
      if (!input) {
        input = new PassThrough();
        stdin.on('data', feed);
        stdin.resume();
        allowReading();
      }
      return input;
    },
    output,
    setRaw: (on) => setRaw(stdin, on),
    signal: abort.signal,
  };
  try {
    return await run(terminal);
  } finally {
    stdout.off('resize', onResize);
    stdin.off('data', feed);
    input?.end();
    // Keys typed for the program that it did not read are dropped, not taken as kdrill's keys: what the
    // stream holds is read and dropped. A stream that passed keys on is not paused again (with no
    // listener, what arrives until Ink reads again is dropped; pausing it would stop the terminal's reads).
    allowReading();
    while (stdin.read() !== null);
    if (own) stdout.write = inkWrite;
    else delete (stdout as Partial<NodeJS.WriteStream>).write;
    current = undefined;
    ignoreInterrupts(false);
    // kdrill may be exiting (a signal during the hand-over): then the exit paths restore the terminal.
    if (!terminalReleased()) {
      write(ENTER);
      setRaw(stdin, wasRaw);
      for (const r of readers) stdin.on('readable', r);
      screen.repaint();
    }
  }
}

/**
 * Paused is not enough for a TTY stream: it keeps reading ahead into its buffer, and Ink starts
 * its reads again when it re-renders; a key read there is lost to the program that has the
 * terminal (a plugin's `read` waited for an Enter kdrill had taken). The handle's reads stop, and
 * nothing starts them until the returned function allows it (once).
 */
function stopReading(stdin: NodeJS.ReadStream): () => void {
  const handle = (stdin as unknown as { _handle?: { reading?: boolean; readStop?: () => number; readStart?: () => number } })._handle;
  if (!handle || typeof handle.readStop !== 'function' || typeof handle.readStart !== 'function') return () => {};
  const readStart = handle.readStart;
  const own = Object.prototype.hasOwnProperty.call(handle, 'readStart');
  if (handle.reading) handle.readStop();
  handle.reading = false;
  handle.readStart = () => 0;
  let allowed = false;
  return () => {
    if (allowed) return;
    allowed = true;
    if (own) handle.readStart = readStart;
    else delete handle.readStart;
    handle.reading = true;
    readStart.call(handle);
  };
}
