// The one popup menu (role=menu) of the app: under a button, or at the pointer for a right click.
// Arrows, Home, End and letters move, Enter or Space picks, Esc, Tab or a click outside closes,
// and the focus goes back where it was.

import { el } from '../lib/dom.js';
import { menuIndex, firstIndex } from '../lib/menu-keys.js';
import { placePopup } from '../lib/popup-position.js';

let openOne = null;

/**
 * Opens a menu of `items` ([{label, onSelect, hint, danger, disabled}] or {separator: true})
 * under `anchor`, or at the point `at` ({x, y}) when given. `label` names the menu;
 * `returnFocus()` gives where the focus goes on Esc (the anchor by default, if still in the page).
 * Returns {close, element}.
 */
export function openMenu(anchor, items, { label = 'Menu', at = null, returnFocus = null } = {}) {
  openOne?.close({ restore: false });
  const buttons = items.map((item) => (item.separator
    ? el('div', { className: 'menu-separator', attrs: { role: 'separator' } })
    : el('button', {
      type: 'button', className: `menu-item${item.danger ? ' danger-text' : ''}`, tabIndex: -1,
      disabled: Boolean(item.disabled), attrs: { role: 'menuitem', 'data-action': item.id ?? null },
      on: { click: () => { close(); item.onSelect(); } },
    }, el('span', { className: 'menu-label', text: item.label }),
    item.hint ? el('kbd', { className: 'menu-hint', text: item.hint, attrs: { 'aria-hidden': 'true' } }) : null)));
  const menu = el('div', { className: 'menu', attrs: { role: 'menu', 'aria-label': label } }, buttons);
  menu.style.visibility = 'hidden';
  (anchor.closest('dialog') ?? document.body).append(menu);
  const box = menu.getBoundingClientRect();
  const where = placePopup({
    size: { width: box.width, height: box.height },
    viewport: { width: window.innerWidth, height: window.innerHeight },
    at, anchor: at ? null : anchor.getBoundingClientRect(),
  });
  menu.style.left = `${where.left}px`;
  menu.style.top = `${where.top}px`;
  menu.style.visibility = '';
  const expands = anchor.hasAttribute('aria-haspopup');
  if (expands) anchor.setAttribute('aria-expanded', 'true');
  let index = firstIndex(items);
  buttons[index]?.focus();

  function close({ restore = true } = {}) {
    if (openOne !== handle) return;
    openOne = null;
    const hadFocus = menu.contains(document.activeElement);
    menu.remove();
    if (expands) anchor.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', outside, true);
    window.removeEventListener('resize', dismiss);
    window.removeEventListener('blur', dismiss);
    if (!restore) return;
    const target = returnFocus?.() ?? anchor;
    if (target?.isConnected && (hadFocus || document.activeElement === document.body)) target.focus();
  }
  function dismiss() { close(); }
  function outside(event) {
    if (!menu.contains(event.target) && event.target !== anchor) close({ restore: false });
  }
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    const next = menuIndex(index, event.key, items);
    if (next === null || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();
    index = next;
    buttons[index].focus();
  });
  menu.addEventListener('focusin', (event) => {
    const i = buttons.indexOf(event.target);
    if (i >= 0) index = i;
  });
  menu.addEventListener('contextmenu', (event) => event.preventDefault());
  document.addEventListener('pointerdown', outside, true);
  window.addEventListener('resize', dismiss);
  window.addEventListener('blur', dismiss);
  const handle = { close, element: menu, anchor };
  openOne = handle;
  return handle;
}

/** Closes the open menu if its anchor is inside `within` (a view redrawing its rows under it). */
export function closeMenu(within = null) {
  if (openOne && (!within || within.contains(openOne.anchor))) openOne.close({ restore: false });
}

/** The point a keyboard-opened menu of `row` goes to: under its start, as a right click would. */
export function rowMenuPoint(row) {
  const rect = row.getBoundingClientRect();
  return { x: Math.round(rect.left + 24), y: Math.round(rect.bottom) };
}

/** True for the keys that ask for the focused thing's menu: Shift+F10 and the Menu key. */
export function isMenuKey(event) {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}
