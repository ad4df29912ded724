// Which rows of the virtualized table are in the DOM: those in the viewport plus an overscan
// above and below, with spacers standing in for the rest. Pure arithmetic (unit-tested in Node).

/** Height of a table row in px: must match `--row-h` in media/panel.css. */
export const ROW_H = 24;
/** Rows rendered beyond each edge of the viewport, so a fast scroll does not show blanks. */
export const OVERSCAN = 12;

export interface RowWindow {
  /** First row index rendered (inclusive). */
  first: number;
  /** Last row index rendered (exclusive). */
  last: number;
  /** Height in px of the spacer above the rendered rows, and below. */
  above: number;
  below: number;
}

/** The rows to render for a scroll position and viewport height, out of `count`. */
export function rowWindow(scrollTop: number, viewportHeight: number, count: number, rowHeight = ROW_H, overscan = OVERSCAN): RowWindow {
  const top = Math.floor(scrollTop / rowHeight) - overscan;
  const first = Math.min(Math.max(0, top), count);
  const last = Math.min(count, first + Math.ceil(viewportHeight / rowHeight) + 2 * overscan);
  return { first, last, above: first * rowHeight, below: (count - last) * rowHeight };
}
