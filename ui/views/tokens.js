// The token table of the open file, drawn into `root`: every token with ID, dates, last access and
// status; filter, sort, multi-select; create, copy link, open it in the browser, edit expiry, copy
// secret, delete, delete expired.

import { el } from '../lib/dom.js';
import { formatExpiryPhrase, plural } from '../lib/format.js';
import {
  STATUS_FILTERS, EXPIRES_SOON_RULE, statusLabel, filterTokens, sortTokens, expiredIds, tokenStatus, withStatus,
} from '../lib/token-status.js';
import { linkKindLabel } from '../lib/link-kinds.js';
import { DEMO_LINKS_NOTE } from '../lib/projects.js';
import { DEFAULT_EXPIRY } from '../lib/expiry.js';
import { applyClick, keepListed, afterSave, tickedTokens } from '../lib/selection.js';
import { moveIndex } from '../lib/list-navigation.js';
import { errorBanner } from '../components/banner.js';
import { toast, toastError } from '../components/toast.js';
import { icon } from '../components/icon.js';
import { deleteOutcome, expiryEditNotice } from '../lib/reports.js';
import { openCreateToken, openEditExpiry, confirmDeleteTokens } from './token-dialogs.js';
import { tokenRow } from './token-row.js';
import { tokenMenuItems } from '../lib/token-actions.js';
import { nextTableLayout, TABLE_NEEDS } from '../lib/table-layout.js';
import { openMenu, closeMenu, rowMenuPoint, isMenuKey } from '../components/menu.js';
import { copyId } from '../components/copy-id.js';
import { openQrDialog } from './qr-dialog.js';

const SORTS = [
  ['created-desc', 'Newest first'],
  ['created-asc', 'Oldest first'],
  ['expiry-asc', 'Expiring first'],
  ['expiry-desc', 'Expiring last'],
];

/** `project()` gives the current ProjectSummary; `fileName()` the open file's name. */
export function createTokensView({ api, store, root, project, fileName, errorActions = () => [] }) {
  let tokens = [];
  let loaded = false;
  let highlightId = null;
  let anchor = null;
  // Tokens whose create answer was lost (Rust found them by listing), for the open file.
  let answerLost = new Set();
  let shownFileId = null;

  const createButton = el('button', { type: 'button', className: 'primary', attrs: { 'aria-keyshortcuts': 'n' }, on: { click: () => create() } }, icon('plus'), 'Create token');
  const deleteSelected = el('button', { type: 'button', text: 'Delete selected', disabled: true, on: { click: () => removeSelection() } });
  const deleteExpired = el('button', { type: 'button', text: 'Delete expired tokens', disabled: true, on: { click: () => removeExpired() } });
  const filter = el('select', { attrs: { 'aria-label': 'Filter by status' } }, STATUS_FILTERS.map((f) => el('option', { value: f.value, text: f.label })));
  const sort = el('select', { attrs: { 'aria-label': 'Sort tokens' } }, SORTS.map(([v, label]) => el('option', { value: v, text: label })));
  const count = el('span', { className: 'muted count', attrs: { 'aria-live': 'polite' } });
  const selectAll = el('input', { type: 'checkbox', attrs: { 'aria-label': 'Select all tokens' }, on: { change: () => setSelection(selectAll.checked ? new Set(shown().map((t) => t.id)) : new Set()) } });
  const tbody = el('tbody');
  const header = (className, text, extra = {}) =>
    el('th', { className, attrs: { scope: 'col', role: 'columnheader' }, ...extra }, text);
  const table = el('table', { className: 'token-table', attrs: { role: 'grid', 'aria-label': 'File tokens', 'aria-multiselectable': 'true' } },
    el('thead', {}, el('tr', { attrs: { role: 'row' } },
      header('col-check', selectAll),
      header('col-id', 'Token ID'),
      header('col-created', 'Created'),
      header('col-expires', 'Expires'),
      header('col-accessed', ['Last accessed', el('span', { className: 'hint-mark', attrs: { 'aria-hidden': 'true' }, text: '*' })],
        { title: 'Appwrite refreshes this at most once a day' }),
      header('col-status', 'Status', { title: EXPIRES_SOON_RULE }),
      header('col-actions', 'Actions'))),
    tbody);
  const tableWrap = el('div', { className: 'table-wrap' }, table);
  const message = el('div', { className: 'grid-message' });
  const section = el('section', { className: 'tokens', attrs: { 'aria-labelledby': 'tokens-heading' } },
    el('div', { className: 'toolbar' },
      el('h3', { id: 'tokens-heading', text: 'File tokens' }), count, el('span', { className: 'spacer-flex' }),
      filter, sort),
    el('div', { className: 'toolbar' }, createButton, deleteSelected, deleteExpired),
    message,
    tableWrap,
    el('p', { className: 'field-hint', text: '* Last accessed is refreshed by Appwrite at most once a day.' }));

  filter.addEventListener('change', render);
  sort.addEventListener('change', render);
  tbody.addEventListener('keydown', onKey);
  tbody.addEventListener('contextmenu', onContextMenu);

  // A table too wide for its pane stacks its rows (see lib/table-layout.js).
  let fit = { layout: null, needs: TABLE_NEEDS };
  function reflow() {
    const width = tableWrap.clientWidth;
    if (!width) return;
    const overflow = fit.layout === 'table' && tableWrap.scrollWidth > width ? tableWrap.scrollWidth : null;
    fit = nextTableLayout({ width, current: fit.layout, overflow, needs: fit.needs });
    if (section.dataset.layout !== fit.layout) section.dataset.layout = fit.layout;
  }
  const watch = new ResizeObserver(reflow);
  watch.observe(tableWrap);
  watch.observe(table);
  setInterval(() => { if (loaded && section.isConnected && !section.contains(document.activeElement)) render(); }, 60_000);

  function scope() {
    const { profileId, bucketId, fileId } = store.state;
    return { profileId, bucketId, fileId };
  }

  /** The rows as the table shows them now: filtered, sorted, each status worked out at `now`. */
  function shown(now = Date.now()) {
    const [by, order] = sort.value.split('-');
    return sortTokens(filterTokens(withStatus(tokens, now), filter.value), by, order);
  }

  function cursorToken() {
    const { tokenCursor, tokenSelection } = store.state;
    const byCursor = tokens.find((t) => t.id === tokenCursor);
    if (byCursor) return byCursor;
    return tokenSelection.size === 1 ? tokens.find((t) => tokenSelection.has(t.id)) ?? null : null;
  }

  function setSelection(selection, cursorId = store.state.tokenCursor) {
    store.setTokenSelection(selection, cursorId);
    render();
  }

  function render() {
    if (!loaded) {
      deleteExpired.disabled = true;
      deleteSelected.disabled = true;
      count.textContent = '';
      return;
    }
    const now = Date.now();
    const list = shown(now);
    const { tokenSelection, tokenCursor } = store.state;
    const focusInside = tbody.contains(document.activeElement);
    closeMenu(tbody);
    const defaultKind = project()?.defaultLink ?? null;
    tbody.replaceChildren(...list.map((t, index) => tokenRow(t, {
      index, selected: tokenSelection.has(t.id), isCursor: t.id === tokenCursor, isNew: t.id === highlightId,
      answerLost: answerLost.has(t.id), now, defaultKind,
    }, rowActions(t))));
    if (!tbody.querySelector('tr[tabindex="0"]')) tbody.querySelector('tr')?.setAttribute('tabindex', '0');
    if (focusInside) tbody.querySelector('tr[tabindex="0"]')?.focus();
    const expired = expiredIds(tokens, now).length;
    deleteExpired.disabled = expired === 0;
    deleteExpired.textContent = expired ? `Delete expired tokens (${expired})` : 'Delete expired tokens';
    deleteExpired.setAttribute('aria-label', 'Delete expired tokens');
    const selectedCount = tickedTokens(tokens, tokenSelection).length;
    deleteSelected.disabled = selectedCount === 0;
    deleteSelected.textContent = selectedCount > 1 ? `Delete selected (${selectedCount})` : 'Delete selected';
    deleteSelected.setAttribute('aria-label', 'Delete selected');
    selectAll.checked = list.length > 0 && list.every((t) => tokenSelection.has(t.id));
    count.textContent = list.length === tokens.length ? plural(tokens.length, 'token') : `${list.length} of ${plural(tokens.length, 'token')}`;
    if (!tokens.length) {
      message.replaceChildren(el('div', { className: 'empty-card' },
        el('p', { text: 'No tokens yet. A token makes a link that opens this file without an account, until it expires.' }),
        el('button', { type: 'button', className: 'primary', text: 'Create new file token', on: { click: () => create() } })));
    } else if (!list.length) {
      message.replaceChildren(el('p', { className: 'empty', text: `No tokens with status “${statusLabel(filter.value)}”.` }));
    } else message.replaceChildren();
  }

  /** What a click on `t`'s row, its checkbox or one of its buttons does. */
  function rowActions(t) {
    const click = (event, { shift, toggle }) => {
      const ids = shown().map((x) => x.id);
      const next = applyClick({ selection: store.state.tokenSelection, anchor, ids, id: t.id, shift, toggle });
      anchor = next.anchor;
      setSelection(next.selection, t.id);
    };
    return {
      rowClick: (event) => {
        click(event, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
        tbody.querySelector(`tr[data-token-id="${CSS.escape(t.id)}"]`)?.focus();
      },
      checkClick: (event) => click(event, { shift: event.shiftKey, toggle: !event.shiftKey }),
      copy: (kind) => copy(t, kind),
      openLink: () => openLink(t, null),
      showQr: () => showQr(t),
      edit: () => edit(t),
      copySecret: () => copySecret(t),
      copyId: () => copyId(t.id, 'Token ID'),
      remove: () => remove([t]),
      removeSelected: () => removeSelection(),
      menu: (button) => openRowMenu(t, { anchor: button }),
    };
  }

  function rowOf(id) {
    return tbody.querySelector(`tr[data-token-id="${CSS.escape(id)}"]`);
  }

  /** The token's menu: under its "…" button, at the pointer, or under its row from the keyboard. */
  function openRowMenu(t, { anchor = null, at = null }) {
    const row = rowOf(t.id);
    if (!row) return;
    const { tokenSelection } = store.state;
    const selected = tokenSelection.has(t.id) ? [...tokenSelection].filter((id) => tokens.some((x) => x.id === id)).length : 0;
    openMenu(anchor ?? row, tokenMenuItems(rowActions(t), { selected }), {
      label: `Token ${t.id}`,
      at: anchor ? null : (at ?? rowMenuPoint(row)),
      returnFocus: () => (anchor ? rowOf(t.id)?.querySelector('.row-menu-button') : rowOf(t.id)),
    });
  }

  function onContextMenu(event) {
    const row = event.target.closest('tr[data-token-id]');
    const t = row && tokens.find((x) => x.id === row.dataset.tokenId);
    if (!t) return;
    event.preventDefault();
    // The Menu key and Shift+F10 open it from onKey; a contextmenu the browser fires for them too
    // comes with no pointer position.
    const fromKeyboard = event.clientX === 0 && event.clientY === 0;
    if (fromKeyboard && document.querySelector('.menu')) return;
    if (!row.contains(document.activeElement) || document.activeElement === row) row.focus({ preventScroll: true });
    openRowMenu(t, { at: fromKeyboard ? null : { x: event.clientX, y: event.clientY } });
  }

  function onKey(event) {
    if (event.target.tagName !== 'TR') return;
    const list = shown();
    if (isMenuKey(event)) {
      const t = tokens.find((x) => x.id === event.target.dataset.tokenId);
      if (t) { event.preventDefault(); openRowMenu(t, {}); }
      return;
    }
    const index = list.findIndex((t) => t.id === store.state.tokenCursor);
    const next = moveIndex(index, event.key, list.length, 8);
    if (next !== null) {
      event.preventDefault();
      const id = list[next].id;
      if (event.shiftKey) {
        const sel = applyClick({ selection: store.state.tokenSelection, anchor: anchor ?? list[Math.max(index, 0)].id, ids: list.map((t) => t.id), id, shift: true });
        setSelection(sel.selection, id);
      } else { anchor = id; setSelection(new Set([id]), id); }
      tbody.querySelector(`tr[data-token-id="${CSS.escape(id)}"]`)?.focus();
    } else if (event.key === ' ' && index >= 0) {
      event.preventDefault();
      const sel = new Set(store.state.tokenSelection);
      if (sel.has(list[index].id)) sel.delete(list[index].id); else sel.add(list[index].id);
      setSelection(sel);
    }
  }

  function skeleton() {
    message.replaceChildren();
    tbody.replaceChildren(...Array.from({ length: 3 }, () => el('tr', { className: 'skeleton', attrs: { 'aria-hidden': 'true' } },
      el('td', { colSpan: 7 }, el('span', { className: 'bar' })))));
  }

  /** Loads the open file's tokens (all of them). */
  async function load() {
    const ticket = store.begin('tokens');
    if (ticket.scope.fileId !== shownFileId) {
      answerLost = new Set();
      fit = { ...fit, needs: TABLE_NEEDS };
    }
    shownFileId = ticket.scope.fileId;
    loaded = false;
    tokens = [];
    highlightId = null;
    skeleton();
    render();
    try {
      const answer = await api.listTokens(ticket.scope);
      if (!store.accepts(ticket, answer) || answer.fileId !== ticket.scope.fileId) return;
      tokens = answer.tokens;
      loaded = true;
      store.setTokenSelection(keepListed(store.state.tokenSelection, tokens.map((t) => t.id)));
      render();
    } catch (error) {
      if (!store.accepts(ticket)) return;
      tbody.replaceChildren();
      message.replaceChildren(errorBanner(error, () => load(), errorActions(error)));
    }
  }

  /** What a toast about one of the project's links adds: the demo's links open only here. */
  const linkNote = () => (project()?.isDemo ? DEMO_LINKS_NOTE : null);

  async function copy(token, kind, profileId = store.state.profileId) {
    try {
      const result = await api.copyLink({ profileId, tokenId: token.id, kind });
      const what = `${linkKindLabel(result.kind)} link copied`;
      const actions = [{ label: 'Open in browser', onClick: () => openLink(token, result.kind, profileId) }];
      if (result.expire) toast(`${what} — ${formatExpiryPhrase(result.expire)}`, { kind: 'success', detail: linkNote(), actions });
      else {
        toast(`${what} — never expires`, {
          kind: 'warn', detail: ['This link never expires. Be careful where you share it.', linkNote()].filter(Boolean).join(' '), actions,
        });
      }
    } catch (error) {
      toastError(error, 'The link was not copied');
    }
  }

  /** Rust builds the link and opens it in the default browser; the page never sees it. */
  async function openLink(token, kind, profileId = store.state.profileId) {
    try {
      const result = await api.openLink({ profileId, tokenId: token.id, kind });
      toast(`${linkKindLabel(result.kind)} link opened in your browser`, { kind: 'success' });
    } catch (error) {
      toastError(error, 'The link was not opened');
    }
  }

  /** The token's link as a QR code (Rust draws it; the page never sees the link). */
  function showQr(token) {
    openQrDialog({
      api, scope: scope(), token, kind: project()?.defaultLink, fileName: fileName(), note: linkNote(),
    });
  }

  function create() {
    if (!store.state.fileId) return;
    const at = scope();
    openCreateToken({
      api,
      fileName: fileName(),
      initial: project()?.defaultExpiry ?? DEFAULT_EXPIRY,
      create: async (expiry) => {
        const row = await api.createToken({ ...at, expiry });
        if (!store.stillShowing(at)) return;
        tokens = [...tokens.filter((t) => t.id !== row.id), row];
        highlightId = row.id;
        if (row.answerLost) answerLost.add(row.id);
        if (filter.value !== 'all' && filter.value !== tokenStatus(row)) filter.value = 'all';
        keepTicksAndFocus(row.id);
        if (row.answerLost) {
          toast(`Token created, but the server’s answer was lost — ${formatExpiryPhrase(row.expire)}`, {
            kind: 'warn', detail: 'Bucketdesk found the token it made; its row is marked “created, answer lost”. '
              + 'Copy its link or delete it.',
          });
        } else {
          toast(`Token created — ${formatExpiryPhrase(row.expire)}`, {
            kind: 'success', detail: 'Press c to copy its link.',
            actions: [{ label: 'Copy link', onClick: () => copy(row, null, at.profileId) }],
          });
        }
      },
    });
  }

  /** After a create or an edit: the ticks stay what the user ticked; the cursor goes to `id`. */
  function keepTicksAndFocus(id) {
    const next = afterSave(store.state.tokenSelection, id);
    store.setTokenSelection(next.selection, next.cursor);
    render();
    setTimeout(() => tbody.querySelector(`tr[data-token-id="${CSS.escape(id)}"]`)?.focus(), 0);
  }

  function edit(token) {
    const at = scope();
    openEditExpiry({
      api, token, fallback: project()?.defaultExpiry ?? DEFAULT_EXPIRY,
      update: async (expiry) => {
        const row = await api.updateTokenExpiry({ profileId: at.profileId, tokenId: token.id, expiry });
        if (store.stillShowing(at)) {
          tokens = tokens.map((t) => (t.id === row.id ? row : t));
          keepTicksAndFocus(row.id);
        }
        const notice = expiryEditNotice(token, row);
        toast(notice.message, {
          kind: notice.kind, detail: notice.detail,
          actions: notice.offerNewLink ? [{ label: 'Copy the new link', onClick: () => copy(row, null, at.profileId) }] : [],
        });
      },
    });
  }

  async function copySecret(token) {
    try {
      await api.copySecret({ profileId: store.state.profileId, tokenId: token.id });
      toast('Secret copied to the clipboard', {
        kind: 'success', detail: 'Anyone with it can open the file until the token expires: share links instead.',
      });
    } catch (error) {
      toastError(error, 'The secret was not copied');
    }
  }

  async function remove(list) {
    if (!list.length) return;
    const at = scope();
    if (!(await confirmDeleteTokens(list))) return;
    try {
      const result = await api.deleteTokens({ profileId: at.profileId, tokenIds: list.map((t) => t.id) });
      const { gone, toasts } = deleteOutcome(result);
      if (store.stillShowing(at)) {
        tokens = tokens.filter((t) => !gone.has(t.id));
        store.setTokenSelection(new Set([...store.state.tokenSelection].filter((id) => !gone.has(id))), null);
        render();
        tbody.querySelector('tr')?.focus();
      }
      for (const t of toasts) toast(t.message, { kind: t.kind, detail: t.detail });
    } catch (error) {
      toastError(error, 'Nothing was deleted');
    }
  }

  /** Deletes the ticked tokens (after confirmation), never one that only has the cursor. */
  function removeSelection() {
    const chosen = tickedTokens(tokens, store.state.tokenSelection);
    return chosen.length ? remove(chosen) : toast('Tick the tokens to delete first (click a row or its box).', { kind: 'info' });
  }

  function removeExpired() {
    const now = Date.now();
    return remove(tokens.filter((t) => tokenStatus(t, now) === 'expired'));
  }

  root.replaceChildren(section);
  return {
    load,
    create,
    /** `c`: copies the link of the selected token with the project's default kind. */
    copySelected() {
      const token = cursorToken();
      if (token) copy(token, null);
      else toast('Select a token first (click its row), then press c.', { kind: 'info' });
    },
    /** `q`: shows the chosen token's link as a QR code. */
    showQrSelected() {
      const token = cursorToken();
      if (token) showQr(token);
      else toast('Select a token first (click its row), then press q.', { kind: 'info' });
    },
    /** Delete key: deletes the ticked token(s) after confirmation. */
    deleteSelected: removeSelection,
    /** Marks tokens of the open file whose create answer was lost (bulk links found them). */
    markAnswerLost(ids) {
      for (const id of ids) answerLost.add(id);
      render();
    },
  };
}
