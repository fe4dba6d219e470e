// What a terminal shows after the writes Ink makes, a line per row: enough to check where a
// frame lands (bench/ink-variants.bench.ts shows tmux agreeing with it on kdrill's screens).

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
