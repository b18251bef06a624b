// Short messages about the result of an action, announced politely to screen readers (#toasts),
// with at most a button or two for what to do next (e.g. "Copy the new link").

import { el } from '../lib/dom.js';

const TIMEOUTS = { info: 5000, success: 5000, warn: 9000, error: 9000 };
/** A toast that offers an action stays long enough to read it and reach the button. */
const ACTION_TIMEOUT = 20_000;

/**
 * Shows a toast. `kind` is info, success, warn or error; `detail` is an optional second line;
 * `actions` are [{label, onClick}] buttons (a click runs it and closes the toast). Returns the
 * toast element.
 */
export function toast(message, { kind = 'info', detail = null, actions = [] } = {}) {
  const root = document.getElementById('toasts');
  const item = el('div', { className: `toast ${kind}`, attrs: { 'data-kind': kind } },
    el('div', { className: 'toast-body' },
      el('div', { className: 'toast-message', text: message }),
      detail ? el('div', { className: 'toast-detail', text: detail }) : null,
      actions.length ? el('div', { className: 'toast-actions' }, actions.map((a) => el('button', {
        type: 'button', className: 'small', text: a.label,
        on: { click: () => { item.remove(); a.onClick(); } },
      }))) : null),
    el('button', { type: 'button', className: 'toast-close', text: '×', attrs: { 'aria-label': 'Dismiss' }, on: { click: () => item.remove() } }));
  root.append(item);
  while (root.children.length > 4) root.firstElementChild.remove();
  setTimeout(() => item.remove(), actions.length ? ACTION_TIMEOUT : TIMEOUTS[kind] ?? 5000);
  return item;
}

/** A toast for a failed action: the error's own message, which already says what to do. */
export function toastError(error, prefix = null) {
  return toast(prefix ? `${prefix}: ${error.message}` : error.message, { kind: 'error' });
}
