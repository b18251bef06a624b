// A divider between two panes (role=separator): drag it with the pointer, or focus it and use the
// arrow, Page, Home and End keys; Enter does what `onEnter` says (shut or open the sidebar).

import { keyedWidth } from '../lib/pane-sizes.js';

/**
 * Wires the separator element `node`. `width()` gives the pane's drawn width and `bounds()` its
 * {min, max} now; `onDrag(width)` runs while dragging, `onChange(width)` when a key or a drag ends
 * on a new width, `onEnter()` on Enter and `onReset()` on a double click. Returns {paint(width,
 * bounds, text)}, which sets the ARIA values.
 */
export function wireSplitter(node, { width, bounds, onDrag, onChange, onEnter = null, onReset = null }) {
  let drag = null;

  node.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    node.setPointerCapture(event.pointerId);
    node.focus({ preventScroll: true });
    drag = { x: event.clientX, start: width(), last: width() };
    document.body.classList.add('resizing');
  });
  node.addEventListener('pointermove', (event) => {
    if (!drag) return;
    drag.last = drag.start + event.clientX - drag.x;
    onDrag(drag.last);
  });
  const end = () => {
    if (!drag) return;
    const { start, last } = drag;
    drag = null;
    document.body.classList.remove('resizing');
    if (last !== start) onChange(last);
  };
  node.addEventListener('pointerup', end);
  node.addEventListener('pointercancel', end);
  node.addEventListener('lostpointercapture', end);
  node.addEventListener('dblclick', () => onReset?.());

  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && onEnter) {
      event.preventDefault();
      onEnter();
      return;
    }
    const next = keyedWidth(width(), event.key, bounds());
    if (next === null) return;
    event.preventDefault();
    onChange(next);
  });

  return {
    paint(now, { min, max }, text) {
      node.setAttribute('aria-valuenow', String(Math.round(now)));
      node.setAttribute('aria-valuemin', String(Math.round(min)));
      node.setAttribute('aria-valuemax', String(Math.round(max)));
      node.setAttribute('aria-valuetext', text);
    },
  };
}
