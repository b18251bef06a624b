// Where a popup (a menu) goes so that all of it is on screen: at a point (a right click) or under
// a button, moved back or flipped over when it would run past the window's edge.

/**
 * The popup's top-left corner {left, top}. `size` is its {width, height}, `viewport` the window's
 * {width, height}; `at` is a point {x, y}, or `anchor` a rect {left, right, top, bottom} to open
 * under (right edges aligned) or, when there is no room below, above.
 */
export function placePopup({ size, viewport, at = null, anchor = null, margin = 4, gap = 2 }) {
  let left;
  let top;
  if (at) {
    left = at.x + size.width + margin > viewport.width ? at.x - size.width : at.x;
    top = at.y + size.height + margin > viewport.height ? at.y - size.height : at.y;
  } else {
    left = anchor.right - size.width;
    if (left < margin) left = anchor.left;
    top = anchor.bottom + gap;
    if (top + size.height + margin > viewport.height && anchor.top - gap - size.height >= margin) {
      top = anchor.top - gap - size.height;
    }
  }
  const fit = (value, length, room) => Math.max(margin, Math.min(value, room - length - margin));
  return { left: Math.round(fit(left, size.width, viewport.width)), top: Math.round(fit(top, size.height, viewport.height)) };
}
