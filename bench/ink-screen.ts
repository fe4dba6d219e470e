// An in-memory terminal for benchmarks that keeps the screen, not the last write: with Ink's
// incrementalRendering a write holds only the lines that changed, so the screen has to be
// rebuilt from the writes to know what a frame shows. It also counts the bytes written.
import { EventEmitter } from 'node:events';

// A control sequence (CSI), a private mode (?25l, ?2026h...), a line feed, a carriage return, or text.
const TOKEN = /\u001b\[(\??)([\d;]*)([A-Za-z])|\n|\r|[^\u001b\n\r]+|\u001b/g;

/** The lines a terminal of `rows` shows after the sequences Ink writes (line-granular). */
export class ScreenModel {
  readonly lines: string[];
  private row = 0;
  private col = 0;
  constructor(readonly rows: number) {
    this.lines = Array.from({ length: rows }, () => '');
  }
  /** Applies one write. Ink writes whole lines from column 0, so a line is kept as its text. */
  apply(chunk: string): void {
    for (const [token, priv, arg, op] of chunk.matchAll(TOKEN)) {
      if (token === '\n') this.lineFeed();
      else if (token === '\r') this.col = 0;
      else if (op === undefined) this.text(token);
      else if (priv) continue;
      else if (op === 'm') this.text(token);
      else this.control(op, arg === '' ? undefined : Number(arg.split(';')[0]));
    }
  }
  /** What the screen shows, one line per row, with colour codes. */
  show(): string {
    return this.lines.join('\n');
  }
  private text(written: string): void {
    this.lines[this.row] = this.col === 0 ? written : this.lines[this.row] + written;
    this.col += written.length;
  }
  private lineFeed(): void {
    this.col = 0;
    if (this.row < this.rows - 1) this.row++;
    else {
      this.lines.shift();
      this.lines.push('');
    }
  }
  private control(op: string, n: number | undefined): void {
    if (op === 'A') this.row = Math.max(0, this.row - (n ?? 1));
    else if (op === 'B') this.row = Math.min(this.rows - 1, this.row + (n ?? 1));
    else if (op === 'E') {
      this.row = Math.min(this.rows - 1, this.row + (n ?? 1));
      this.col = 0;
    } else if (op === 'G') this.col = (n ?? 1) - 1;
    else if (op === 'H') this.row = this.col = 0;
    else if (op === 'K' && (n === 2 || this.col === 0)) this.lines[this.row] = '';
    else if (op === 'J' && n !== undefined && n >= 2) this.lines.fill('');
  }
}

/** Ink's stdout in memory: every write is a frame event; `last` is the screen; bytes are counted. */
export class ScreenStdout extends EventEmitter {
  isTTY = true;
  frames = 0;
  bytes = 0;
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
    for (const chunk of this.pending) this.screen.apply(chunk);
    this.pending = [];
    return this.screen.show();
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
