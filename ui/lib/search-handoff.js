// `/`, a few letters, ↓ and Enter must open the first match every time, however fast the keys
// come: when ↓ or Enter arrive, the list may still show the answer to an older search (the typed
// one waits for the debounce, or is on its way). These rules say when the list is the answer to
// what is typed, and what Enter does meanwhile.

/**
 * Whether the list must be searched again before ↓ or Enter can use it: `typed` (the field) is
 * not the search it shows or is loading (`searched`).
 */
export function searchStale({ typed, searched }) {
  return String(typed ?? '').trim() !== String(searched ?? '').trim();
}

/**
 * What Enter on a list fed by a search does: `open` the row under the cursor; `wait` for the
 * answer to what is typed (search now if it is stale) and then open its first match; or `none`
 * (the answer is there and has no row to open). `loading` is true while the answer is on its
 * way; `hasRow` whether the cursor is on a row.
 */
export function enterAction({ typed, searched, loading, hasRow }) {
  if (loading || searchStale({ typed, searched })) return 'wait';
  return hasRow ? 'open' : 'none';
}
