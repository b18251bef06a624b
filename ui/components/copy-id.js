// A short ID shown as a button that copies the full ID (IDs are not secret, so the web view may
// copy them).

import { el } from '../lib/dom.js';
import { shortId } from '../lib/format.js';
import { copyPlainText } from '../lib/clipboard.js';
import { toast } from './toast.js';
import { icon } from './icon.js';

/** Copies `id` and says so in a toast. `what` is e.g. "Bucket ID". */
export async function copyId(id, what) {
  const ok = await copyPlainText(id);
  toast(ok ? `${what} copied: ${id}` : `Could not copy the ${what.toLowerCase()}; select it and copy it by hand: ${id}`,
    { kind: ok ? 'success' : 'warn' });
}

/**
 * A button showing `id` (its first `length` characters when given; all of it by default, and the
 * stylesheet cuts it only where it must, with the whole ID in its tooltip); a click copies it.
 */
export function idButton(id, what, length = Infinity) {
  return el('button', {
    type: 'button', className: 'id-chip', text: shortId(id, length), tabIndex: -1, title: `Copy ${what.toLowerCase()} ${id}`,
    attrs: { 'aria-label': `Copy ${what.toLowerCase()} ${id}`, 'data-id': id },
    on: { click: (event) => { event.stopPropagation(); copyId(id, what); } },
  });
}

/** A copy icon beside an ID already shown in full: a click copies `id`. */
export function copyIdIcon(id, what) {
  return el('button', {
    type: 'button', className: 'icon-button copy-icon', title: `Copy ${what.toLowerCase()}`,
    attrs: { 'aria-label': `Copy ${what.toLowerCase()} ${id}`, 'data-id': id },
    on: { click: (event) => { event.stopPropagation(); copyId(id, what); } },
  }, icon('copy'));
}
