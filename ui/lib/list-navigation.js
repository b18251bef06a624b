// Which row a key moves the cursor to in a list or table (arrows, Home/End, PageUp/PageDown), and
// what a key does on a row's own buttons once Tab has reached them.

/**
 * The new index for `key`, or null when the key does not move the cursor. `index` -1 means none
 * yet.
 */
export function moveIndex(index, key, count, pageSize = 10) {
  if (count <= 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown': return index < 0 ? 0 : Math.min(index + 1, last);
    case 'ArrowUp': return index < 0 ? 0 : Math.max(index - 1, 0);
    case 'Home': return 0;
    case 'End': return last;
    case 'PageDown': return Math.min(Math.max(index, 0) + pageSize, last);
    case 'PageUp': return Math.max(index - pageSize, 0);
    default: return null;
  }
}

/**
 * What a key does on one of the buttons of the list's cursor row (a pending upload's Resume and
 * Delete, which Tab reaches from the list): 'list' goes back to the list (Esc, or Shift+Tab on
 * the first), 'move' goes back and moves the list's cursor (the list's own keys), 'prev' and
 * 'next' go to the row's other button (← →); null leaves the key to the button (Enter, Space, Tab
 * onward).
 */
export function rowActionKey({ key, shiftKey = false, altKey = false, ctrlKey = false, metaKey = false }, { first = false, last = false } = {}) {
  if (altKey || ctrlKey || metaKey) return null;
  if (key === 'Escape') return 'list';
  if (key === 'Tab') return shiftKey && first ? 'list' : null;
  if (key === 'ArrowLeft') return first ? null : 'prev';
  if (key === 'ArrowRight') return last ? null : 'next';
  return moveIndex(0, key, 2) === null ? null : 'move';
}
