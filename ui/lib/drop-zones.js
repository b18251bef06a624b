// Where a drop from the desktop lands. Tauri's drag-and-drop event gives the dragged paths and
// the pointer's place but no modifier keys, so "upload and share" in the same gesture is a place:
// the drop target shows two zones, and the one under the pointer decides; a drop elsewhere on the
// list follows the uploads panel's "Upload and share" toggle.

/**
 * The event's position in the page's CSS pixels. Tauri calls it physical, and it is on macOS and
 * Windows; WebKitGTK hands over the widget's own (logical) coordinates, so `logical` skips the
 * scale there.
 */
export function cssPoint(position, { scale = 1, logical = false } = {}) {
  const x = Number(position?.x);
  const y = Number(position?.y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  const by = logical || !(scale > 0) ? 1 : scale;
  return { x: x / by, y: y / by };
}

/** The name of the zone ([{name, rect: {left, top, right, bottom}}]) that holds `point`, or null. */
export function zoneAt(point, zones) {
  if (!point) return null;
  const hit = zones.find(({ rect }) => rect
    && point.x >= rect.left && point.x < rect.right && point.y >= rect.top && point.y < rect.bottom);
  return hit?.name ?? null;
}

/** Whether a drop in `zone` (`upload`, `share` or null: elsewhere) shares, given the toggle. */
export function dropShares(zone, toggle) {
  if (zone === 'share') return true;
  if (zone === 'upload') return false;
  return Boolean(toggle);
}

/** What the drop target says it will do with `count` paths (null: not known yet). */
export function dropTitle(count, place) {
  const what = count === null || count === undefined ? 'files' : count === 1 ? 'this item' : `these ${count} items`;
  return `Drop ${what} to upload into ${place}`;
}
