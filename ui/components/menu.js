// A small popup menu (role=menu) anchored to a button: arrows move, Enter picks, Esc or a click
// outside closes.

import { el } from '../lib/dom.js';

/** Opens a menu under `anchor` with items [{label, onSelect}]; `label` names the menu. */
export function openMenu(anchor, items, { label = 'Menu' } = {}) {
  document.querySelector('.menu')?.remove();
  const buttons = items.map((item) => el('button', {
    type: 'button', className: 'menu-item', text: item.label, tabIndex: -1,
    attrs: { role: 'menuitem' },
    on: { click: () => { close(); item.onSelect(); } },
  }));
  const menu = el('div', { className: 'menu', attrs: { role: 'menu', 'aria-label': label } }, buttons);
  const rect = anchor.getBoundingClientRect();
  menu.style.top = `${Math.round(rect.bottom + 2)}px`;
  menu.style.left = `${Math.round(Math.max(4, rect.right - 180))}px`;
  (anchor.closest('dialog') ?? document.body).append(menu);
  anchor.setAttribute('aria-expanded', 'true');
  buttons[0]?.focus();

  function close() {
    menu.remove();
    anchor.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', outside, true);
    if (document.activeElement === document.body || !document.activeElement) anchor.focus();
  }
  function outside(event) {
    if (!menu.contains(event.target) && event.target !== anchor) close();
  }
  menu.addEventListener('keydown', (event) => {
    const i = buttons.indexOf(document.activeElement);
    if (event.key === 'ArrowDown') { event.preventDefault(); buttons[(i + 1) % buttons.length].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); buttons[(i - 1 + buttons.length) % buttons.length].focus(); }
    if (event.key === 'Escape' || event.key === 'Tab') { event.preventDefault(); event.stopPropagation(); close(); anchor.focus(); }
  });
  document.addEventListener('pointerdown', outside, true);
  return { close };
}
