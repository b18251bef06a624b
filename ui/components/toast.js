// Short messages about the result of an action, announced politely to screen readers (#toasts).

import { el } from '../lib/dom.js';

const TIMEOUTS = { info: 5000, success: 5000, warn: 9000, error: 9000 };

/**
 * Shows a toast. `kind` is info, success, warn or error; `detail` is an optional second line.
 * Returns the toast element.
 */
export function toast(message, { kind = 'info', detail = null } = {}) {
  const root = document.getElementById('toasts');
  const item = el('div', { className: `toast ${kind}`, attrs: { 'data-kind': kind } },
    el('div', { className: 'toast-body' },
      el('div', { className: 'toast-message', text: message }),
      detail ? el('div', { className: 'toast-detail', text: detail }) : null),
    el('button', { type: 'button', className: 'toast-close', text: '×', attrs: { 'aria-label': 'Dismiss' }, on: { click: () => item.remove() } }));
  root.append(item);
  while (root.children.length > 4) root.firstElementChild.remove();
  setTimeout(() => item.remove(), TIMEOUTS[kind] ?? 5000);
  return item;
}

/** A toast for a failed action: the error's own message, which already says what to do. */
export function toastError(error, prefix = null) {
  return toast(prefix ? `${prefix}: ${error.message}` : error.message, { kind: 'error' });
}
