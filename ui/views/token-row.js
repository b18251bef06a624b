// One row of the token table: the token's ID, creation, expiry, last access, status and its actions
// (copy a link of the default or a chosen kind, open it in the browser, edit expiry, copy the
// secret, delete). A narrow
// table stacks each row's cells and keeps Copy and a "…" menu with every action.

import { el } from '../lib/dom.js';
import { formatDate, formatTime, formatDateTime, formatRelative } from '../lib/format.js';
import { statusLabel } from '../lib/token-status.js';
import { LINK_KINDS, linkKindLabel } from '../lib/link-kinds.js';
import { icon } from '../components/icon.js';
import { idButton } from '../components/copy-id.js';
import { openMenu } from '../components/menu.js';

function iconButton(label, name, onClick, attrs = {}) {
  return el('button', {
    type: 'button', className: 'icon-button', title: label, attrs: { 'aria-label': label, ...attrs },
    on: { click: (event) => { event.stopPropagation(); onClick(event); } },
  }, icon(name));
}

/** A date cell's two lines: the date (or date and time) and, muted, `second`. */
function twoLines(first, second) {
  return [el('div', { text: first }), el('div', { className: 'muted second', text: second })];
}

/** A cell's column name, shown in the cell itself only while the table is stacked. */
function cellLabel(text) {
  return el('span', { className: 'cell-label', text, attrs: { 'aria-hidden': 'true' } });
}

export const ANSWER_LOST_LABEL = 'created, answer lost';
export const ANSWER_LOST_HINT = 'The server made this link but its answer didn’t arrive, so Bucketdesk found '
  + 'it by listing the file’s tokens. Copy it or delete it.';

/**
 * The `<tr>` for `token`. `view` says how it is drawn: {index, selected, isCursor, isNew,
 * answerLost, now, defaultKind}; `on` holds the callbacks: rowClick(event), checkClick(event),
 * copy(kind or null), openLink(), showQr(), edit(), copySecret(), remove(), and menu(button) for
 * the "…" menu.
 */
export function tokenRow(token, view, on) {
  const { index, selected, isCursor, isNew, answerLost, now, defaultKind } = view;
  const copyButton = el('button', {
    type: 'button', className: 'copy-button',
    title: `Copy ${defaultKind ? linkKindLabel(defaultKind).toLowerCase() : 'default'} link (c)`,
    attrs: { 'aria-label': 'Copy link', 'aria-keyshortcuts': 'c' },
    on: { click: (event) => { event.stopPropagation(); on.copy(null); } },
  }, icon('copy'), 'Copy');
  const kindsButton = iconButton('Choose link kind', 'chevron', (event) => openMenu(event.currentTarget, [
    ...LINK_KINDS.map(({ kind, label }) => ({ label: `Copy ${label.toLowerCase()} link`, onSelect: () => on.copy(kind) })),
    { separator: true },
    { id: 'qr', label: 'Show QR code', onSelect: () => on.showQr() },
  ], { label: 'Link kinds' }), { 'aria-haspopup': 'menu', 'aria-expanded': 'false' });
  const moreButton = iconButton('Token actions', 'more', (event) => on.menu(event.currentTarget),
    { 'aria-haspopup': 'menu', 'aria-expanded': 'false' });
  moreButton.classList.add('row-menu-button');
  const accessed = token.accessedAt
    ? `${formatDateTime(token.accessedAt)} (refreshed at most daily)`
    : 'Never accessed (refreshed at most daily)';

  return el('tr', {
    id: `token-row-${index}`,
    className: `${selected ? 'selected' : ''}${isNew ? ' new' : ''}${isCursor ? ' cursor' : ''}`,
    tabIndex: isCursor ? 0 : -1,
    attrs: {
      role: 'row', 'aria-selected': String(selected), 'data-token-id': token.id, 'data-status': token.status,
      'data-answer-lost': answerLost ? 'true' : null,
    },
    on: { click: (event) => { if (!event.target.closest('button, input')) on.rowClick(event); } },
  },
  el('td', { className: 'col-check', attrs: { role: 'gridcell' } }, el('input', {
    type: 'checkbox', checked: selected, tabIndex: -1, attrs: { 'aria-label': `Select token ${token.id}` },
    on: { click: (event) => on.checkClick(event) },
  })),
  el('td', { className: 'col-id', attrs: { role: 'gridcell' } }, idButton(token.id, 'Token ID')),
  el('td', { className: 'col-date col-created', title: formatDateTime(token.createdAt), attrs: { role: 'gridcell' } },
    cellLabel('Created'), twoLines(formatDate(token.createdAt), formatTime(token.createdAt))),
  el('td', { className: 'col-expires', attrs: { role: 'gridcell', 'data-expire': token.expire ?? '' } },
    cellLabel('Expires'),
    token.expire
      ? twoLines(formatDateTime(token.expire), formatRelative(token.expire, now))
      : el('div', { text: 'Never' })),
  el('td', { className: 'col-date col-accessed', title: accessed, attrs: { role: 'gridcell' } },
    cellLabel('Last accessed'),
    token.accessedAt
      ? twoLines(formatDate(token.accessedAt), formatRelative(token.accessedAt, now))
      : el('div', { className: 'muted', text: 'Never' })),
  el('td', { className: 'col-status', attrs: { role: 'gridcell' } },
    el('span', { className: `badge status-${token.status}`, text: statusLabel(token.status) }),
    answerLost
      ? el('span', { className: 'badge answer-lost', text: ANSWER_LOST_LABEL, title: ANSWER_LOST_HINT })
      : null),
  el('td', { className: 'col-actions', attrs: { role: 'gridcell' } }, el('div', { className: 'row-actions' },
    el('span', { className: 'split' }, copyButton, kindsButton),
    iconButton('Open in browser', 'external', () => on.openLink()),
    iconButton('Edit expiry', 'edit', () => on.edit()),
    iconButton('Copy secret', 'key', () => on.copySecret()),
    iconButton('Delete token', 'trash', () => on.remove()),
    moreButton)));
}
