// Which row a key moves the cursor to in a list or table (arrows, Home/End, PageUp/PageDown).

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
