// An in-memory terminal for benchmarks that keeps the screen, not the last write: with Ink's
// incrementalRendering a write holds only the lines that changed, so the screen has to be
// rebuilt from the writes to know what a frame shows. It also counts the bytes written.
import { EventEmitter } from 'node:events';
import { ScreenModel } from '../test/helpers/screen-model.js';

/** Ink's stdout in memory: every write is a frame event; `last` is the screen; bytes are counted. */
export class ScreenStdout extends EventEmitter {
  isTTY = true;
  frames = 0;
  bytes = 0;
  /** ms spent applying writes to the screen model: the terminal's work, which a keypress's time leaves out. */
  applyMs = 0;
  /** Every write, in order, while `recording` is set (to replay in a real terminal). */
  recording: string[] | undefined;
  private readonly screen: ScreenModel;
  private pending: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
    this.screen = new ScreenModel(rows);
  }
  /** The screen as the writes so far leave it (applied on read, so that timing a keypress does not pay for it). */
  get last(): string {
    const t0 = performance.now();
    for (const chunk of this.pending) this.screen.apply(chunk);
    this.pending = [];
    const shown = this.screen.show();
    this.applyMs += performance.now() - t0;
    return shown;
  }
  write(chunk: string): boolean {
    this.frames++;
    this.bytes += Buffer.byteLength(chunk);
    this.pending.push(chunk);
    this.recording?.push(chunk);
    this.emit('frame', chunk);
    return true;
  }
}
