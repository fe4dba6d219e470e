import stringWidth from 'string-width';

interface Cell {
  text: string;
  width: number;
}

/**
 * Aligns tab-separated cells the way Go's text/tabwriter does (as `kubectl describe` uses it,
 * with padding 2 and spaces): a column is a run of consecutive lines that have a cell in it,
 * as wide as its widest cell plus the padding; a line's last cell is not part of any column.
 */
export function tabwrite(text: string, padding = 2): string {
  const lines: Cell[][] = text.split('\n').map((l) => l.split('\t').map((t) => ({ text: t, width: stringWidth(t) })));
  const out: string[] = new Array(lines.length).fill('');
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let s = '';
      lines[i].forEach((c, j) => {
        s += c.text;
        if (j < widths.length && j < lines[i].length - 1) s += ' '.repeat(Math.max(0, widths[j] - c.width));
      });
      out[i] = s;
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= lines[row].length - 1) continue;
      // A cell in this column: lines before it are done; a column block starts here.
      writeLines(line0, row);
      line0 = row;
      let width = 0;
      for (; row < line1 && column < lines[row].length - 1; row++) width = Math.max(width, lines[row][column].width + padding);
      widths.push(width);
      format(line0, row);
      widths.pop();
      line0 = row;
      row--;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}
