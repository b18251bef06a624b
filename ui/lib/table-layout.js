// When the token table is drawn as a table and when its rows are stacked (each token a small card
// with Copy and a "…" menu): a table that would not fit its pane's width is stacked, and comes back
// once the pane is as wide as the table needed. No DOM here, so it is tested in node.

/** What the full table needs before it has been measured, in CSS pixels (Chromium's fonts). */
export const TABLE_NEEDS = 640;

/**
 * The next layout and what the full table needs. `width` is the space the table has; `current` is
 * 'table' or 'stacked'; `overflow` is the full table's measured width when it is drawn and wider
 * than `width`, else null; `needs` is what it was last seen to need.
 */
export function nextTableLayout({ width, current, overflow = null, needs = TABLE_NEEDS }) {
  if (current === 'table' && overflow !== null && overflow > width + 1) {
    return { layout: 'stacked', needs: Math.ceil(overflow) };
  }
  if (current === 'table') return { layout: 'table', needs };
  return { layout: width >= needs ? 'table' : 'stacked', needs };
}
