// What can be done to one token, as one list: the row's buttons, its "…" menu and its right-click
// menu all offer these, under the same names.

import { LINK_KINDS } from './link-kinds.js';

/**
 * The menu items for a token. `on` holds the row's callbacks: copy(kind or null), openLink(),
 * showQr(), edit(), copySecret(), copyId(), remove(), and removeSelected() for the selection of
 * `selected` tokens this one is part of (offered when it holds more than this one).
 */
export function tokenMenuItems(on, { selected = 0 } = {}) {
  return [
    { id: 'copy', label: 'Copy link', hint: 'C', onSelect: () => on.copy(null) },
    ...LINK_KINDS.map(({ kind, label }) => ({
      id: `copy-${kind}`, label: `Copy ${label.toLowerCase()} link`, onSelect: () => on.copy(kind),
    })),
    { id: 'open', label: 'Open in browser', onSelect: () => on.openLink() },
    { id: 'qr', label: 'Show QR code', hint: 'Q', onSelect: () => on.showQr() },
    { separator: true },
    { id: 'edit', label: 'Edit expiry', onSelect: () => on.edit() },
    { id: 'secret', label: 'Copy secret', onSelect: () => on.copySecret() },
    { id: 'copy-id', label: 'Copy token ID', onSelect: () => on.copyId() },
    { separator: true },
    { id: 'delete', label: 'Delete token', danger: true, onSelect: () => on.remove() },
    selected > 1
      ? { id: 'delete-selected', label: `Delete selected (${selected})`, danger: true, onSelect: () => on.removeSelected() }
      : null,
  ].filter(Boolean);
}
