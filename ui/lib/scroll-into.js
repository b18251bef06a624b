// Scrolling a list so that one of its rows is in view, without moving anything around the list.

/**
 * The scrollTop that shows all of a row at `top` (from the list's top) and `height` in a view
 * `viewHeight` tall now scrolled to `scrollTop`: unchanged when it is in view already, else just
 * enough (the row's top wins when it is taller than the view).
 */
export function scrollToShow({ top, height, scrollTop, viewHeight }) {
  if (top < scrollTop || height >= viewHeight) return Math.max(0, top);
  if (top + height > scrollTop + viewHeight) return top + height - viewHeight;
  return scrollTop;
}
