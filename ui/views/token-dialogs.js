// The token dialogs: create (expiry presets, live date), edit expiry and the delete confirmation.

import { el } from '../lib/dom.js';
import { openDialog, confirmDialog } from '../components/dialog.js';
import { createExpiryPicker } from '../components/expiry-picker.js';
import { initialChoiceFor, DEFAULT_EXPIRY } from '../lib/expiry.js';
import { formatDateTime, plural } from '../lib/format.js';
import { tokenLine } from '../lib/token-status.js';

/** Asks for an expiry and calls `create(expiry)` (async; its ApiError is shown in the dialog). */
export function openCreateToken({ api, fileName, initial, create }) {
  const picker = createExpiryPicker({ api, initial: initial ?? DEFAULT_EXPIRY });
  openDialog({
    title: 'Create token',
    content: [el('p', { className: 'muted', text: `A new link secret for ${fileName}.` }), picker.element],
    submitLabel: 'Create token',
    onSubmit: async () => {
      const { expiry, error } = picker.read();
      if (error) return false;
      await create(expiry);
      return true;
    },
  });
  picker.focus();
}

/**
 * Asks for a new expiry for `token` (preselected from its current one; an expired token starts on
 * `fallback`, the project's default expiry) and calls `update(expiry)`.
 */
export function openEditExpiry({ api, token, fallback = DEFAULT_EXPIRY, update }) {
  const now = Date.now();
  const offset = token.expire ? new Date(token.expire).getTimezoneOffset() : 0;
  const initial = initialChoiceFor(token.editChoice, offset, { now, fallback });
  const picker = createExpiryPicker({ api, initial });
  const expired = token.expire && Date.parse(token.expire) <= now;
  let current = 'never expires';
  if (token.expire) current = `${expired ? 'expired' : 'expires'} ${formatDateTime(token.expire)}`;
  openDialog({
    title: 'Edit expiry',
    content: [
      el('p', { className: 'muted', text: `Token ${token.id}, created ${formatDateTime(token.createdAt)}, ${current}.` }),
      picker.element,
      el('p', {
        className: 'field-hint',
        text: 'A preset counts from now. Appwrite writes the expiry into each link: a later one reaches only links '
          + 'copied after saving, an earlier one cuts the links already shared too.',
      }),
    ],
    submitLabel: 'Save',
    onSubmit: async () => {
      const { expiry, error } = picker.read();
      if (error) return false;
      await update(expiry);
      return true;
    },
  });
  picker.focus();
}

/** Confirms deleting `tokens`, naming each one by its ID, expiry and last access. */
export function confirmDeleteTokens(tokens) {
  const now = Date.now();
  const shown = tokens.length > 8 ? tokens.slice(0, 7) : tokens;
  const items = shown.map((t) => tokenLine(t, { now }));
  if (tokens.length > shown.length) items.push(`and ${plural(tokens.length - shown.length, 'more token')}`);
  const one = tokens.length === 1;
  return confirmDialog({
    title: one ? 'Delete token' : `Delete ${plural(tokens.length, 'token')}`,
    message: one ? 'Delete this token?' : `Delete these ${plural(tokens.length, 'token')}?`,
    items,
    detail: `Links made with ${one ? 'it' : 'them'} stop working at once. This cannot be undone.`,
    confirmLabel: 'Delete',
  });
}
