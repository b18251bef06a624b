// The arithmetic of a virtualized list with fixed-height rows: which rows to draw, when to fetch
// more, where to scroll to reveal a row. No DOM here, so it is tested in node.

function clamp(n, lo, hi) {
  return Math.max(lo, Math.min(hi, n));
}

/**
 * Rows [start, end) to put in the DOM for the viewport, plus their top offset and the list's
 * height.
 */
export function visibleWindow({ scrollTop, viewportHeight, rowHeight, count, overscan = 6 }) {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + viewportHeight) / rowHeight);
  const start = clamp(first - overscan, 0, count);
  const end = clamp(last + overscan, start, count);
  return { start, end, offset: start * rowHeight, totalHeight: count * rowHeight };
}

/**
 * Rows the list claims: the known total while pages remain (unloaded ones drawn as placeholders).
 */
export function rowCount({ loaded, total, hasMore }) {
  if (!hasMore) return loaded;
  return Math.max(total ?? 0, loaded + 1);
}

/** Whether the next page should be fetched now that rows up to `end` are (nearly) visible. */
export function shouldLoadMore({ end, loaded, hasMore, loading, prefetch = 30 }) {
  return Boolean(hasMore) && !loading && end + prefetch >= loaded;
}

/** The scrollTop that brings row `index` fully into view, or the current one if it already is. */
export function scrollToReveal({ index, scrollTop, viewportHeight, rowHeight }) {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Rows per page for PageUp/PageDown. */
export function rowsPerPage({ viewportHeight, rowHeight }) {
  return Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
}
