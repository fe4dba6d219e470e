/** Where each part of the screen goes. */
export interface Layout {
  tooSmall: boolean;
  main: number;
  table: { width: number; height: number } | undefined;
  detail: { width: number; height: number } | undefined;
}

/** Smallest terminal kdrill lays out in. */
export const MIN_SIZE = { width: 80, height: 24 };

/**
 * Splits the terminal: header (2 lines), breadcrumbs, the main area, an optional prompt and
 * the footer, never more than rows − 1 lines in all (Ink repaints everything otherwise). The
 * detail pane sits beside the table when the terminal is wide, under it when narrow.
 */
export function layout(width: number, height: number, opts: { detail: boolean; zoom: boolean; prompt: boolean }): Layout {
  if (width < MIN_SIZE.width || height < MIN_SIZE.height) return { tooSmall: true, main: 0, table: undefined, detail: undefined };
  const main = height - 1 - 2 - 1 - 1 - (opts.prompt ? 1 : 0);
  if (!opts.detail) return { tooSmall: false, main, table: { width, height: main }, detail: undefined };
  if (opts.zoom) return { tooSmall: false, main, table: undefined, detail: { width, height: main } };
  if (width >= 160) {
    const tw = Math.floor(width * 0.55);
    return { tooSmall: false, main, table: { width: tw, height: main }, detail: { width: width - tw - 1, height: main } };
  }
  const th = Math.max(5, Math.floor(main * 0.45));
  return { tooSmall: false, main, table: { width, height: th }, detail: { width, height: main - th } };
}
