// Which item of a popup menu a key moves to: arrows wrap round, Home and End go to the ends, a
// letter goes to the next item starting with it; disabled items and separators are skipped.

const usable = (item) => Boolean(item) && !item.disabled && !item.separator;

/** The next usable index from `index` going `step` (+1 or -1) round the list, or -1 if none. */
function wrapFind(items, index, step, accept = usable) {
  const n = items.length;
  for (let k = 1; k <= n; k += 1) {
    const i = (((index + step * k) % n) + n) % n;
    if (accept(items[i])) return i;
  }
  return -1;
}

/**
 * The index `key` moves the menu's focus to, from `index` (-1: none yet), in `items`
 * ([{label, disabled, separator}]); null for a key that does not move it.
 */
export function menuIndex(index, key, items) {
  if (!items.some(usable)) return null;
  switch (key) {
    case 'ArrowDown': return wrapFind(items, index < 0 ? -1 : index, 1);
    case 'ArrowUp': return wrapFind(items, index < 0 ? 0 : index, -1);
    case 'Home': return wrapFind(items, -1, 1);
    case 'End': return wrapFind(items, 0, -1);
    default: break;
  }
  if (typeof key !== 'string' || [...key].length !== 1 || key === ' ') return null;
  const letter = key.toLocaleLowerCase();
  const found = wrapFind(items, index, 1,
    (item) => usable(item) && String(item.label ?? '').trim().toLocaleLowerCase().startsWith(letter));
  return found < 0 ? null : found;
}

/** The index the menu opens on: the first usable item. */
export function firstIndex(items) {
  return menuIndex(-1, 'Home', items) ?? -1;
}
