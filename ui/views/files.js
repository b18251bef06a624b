// The file list of the open bucket: server-side search and sort, pages fetched by cursor as you
// scroll, rows virtualized (fixed height, only visible rows in the DOM), multi-select for "Create
// links".

import { el } from '../lib/dom.js';
import { debounce } from '../lib/debounce.js';
import { formatBytes, formatDate, formatDateTime, formatCount, listCount } from '../lib/format.js';
import { visibleWindow, rowCount, shouldLoadMore, scrollToReveal, rowsPerPage } from '../lib/virtual-list.js';
import { moveIndex } from '../lib/list-navigation.js';
import { applyClick } from '../lib/selection.js';
import { searchStale, enterAction } from '../lib/search-handoff.js';
import { errorBanner } from '../components/banner.js';
import { openMenu, rowMenuPoint, isMenuKey } from '../components/menu.js';
import { copyId } from '../components/copy-id.js';
import { fileMenuItems } from '../lib/file-actions.js';

export const ROW_HEIGHT = 30;
const PAGE_SIZE = 100;
const COLUMNS = [
  { key: 'name', label: 'Name', sort: 'name', firstOrder: 'asc' },
  { key: 'type', label: 'Type' },
  { key: 'size', label: 'Size', sort: 'size', firstOrder: 'desc' },
  { key: 'created', label: 'Created', sort: 'created', firstOrder: 'desc' },
];

/** `onOpen(fileId)` opens a file; `onCreateLinks(files)` starts bulk links for [{id, name}]. */
export function createFilesView({ api, store, root, onOpen, onCreateLinks, errorActions = () => [] }) {
  let query = { search: '', sort: 'name', order: 'asc' };
  let data = freshData();
  let cursor = -1;
  let anchor = null;
  let drawn = { start: -1, end: -1, count: -1 };
  // The row elements on screen by index, so a scroll only builds the rows that come into view.
  let drawnRows = new Map();
  // `/`, type, ↓, Enter faster than the answer: the cursor goes to the first match (`toFirst`) and
  // Enter opens it (`openFirst`) once the first page of the answer arrives.
  let handoff = { toFirst: false, openFirst: false };

  const search = el('input', { type: 'search', placeholder: 'Search files', attrs: { 'aria-label': 'Search files' } });
  const count = el('span', { className: 'muted count', attrs: { 'aria-live': 'polite' } });
  const selectedNote = el('span', { className: 'muted selected-note', attrs: { 'aria-live': 'polite' } });
  const createLinks = el('button', { type: 'button', className: 'primary', text: 'Create links', disabled: true, on: { click: startLinks } });
  const clearSelection = el('button', { type: 'button', className: 'small', text: 'Clear', hidden: true, attrs: { 'aria-label': 'Clear selection' }, on: { click: () => setSelection(new Set()) } });
  const selectAll = el('input', { type: 'checkbox', attrs: { 'aria-label': 'Select all loaded files' }, on: { change: () => toggleAll(selectAll.checked) } });
  const headers = COLUMNS.map((c) => el('div', { className: `cell col-${c.key}`, attrs: { role: 'columnheader' } },
    c.sort ? el('button', { type: 'button', className: 'sort-button', text: c.label, attrs: { 'aria-label': `Sort by ${c.label.toLowerCase()}` }, on: { click: () => sortBy(c) } }) : c.label));
  const head = el('div', { className: 'file-row head', attrs: { role: 'row', 'aria-rowindex': '1' } },
    el('div', { className: 'cell col-check', attrs: { role: 'columnheader' } }, selectAll), headers);
  const spacer = el('div', { className: 'spacer', attrs: { role: 'presentation' } });
  const viewport = el('div', { className: 'viewport', attrs: { role: 'rowgroup' } }, spacer);
  const message = el('div', { className: 'grid-message' });
  const grid = el('div', {
    className: 'file-grid', tabIndex: 0,
    attrs: { role: 'grid', 'aria-label': 'Files', 'aria-multiselectable': 'true', 'aria-rowcount': '1' },
  }, el('div', { attrs: { role: 'rowgroup' } }, head), viewport);

  // Search and count on one side, the selection's actions on the other: side by side when the
  // pane is wide, else on two lines whatever is selected (a toolbar that wrapped only once files
  // are ticked would push the rows down under the pointer).
  const pane = el('div', { className: 'files-view' },
    el('div', { className: 'toolbar files-toolbar' },
      el('div', { className: 'toolbar-search' }, search, count),
      el('div', { className: 'toolbar-selection' }, selectedNote, clearSelection, createLinks)),
    message, grid);

  const searchSoon = debounce(() => reload(), 250);
  search.addEventListener('input', searchSoon);
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { searchSoon.cancel(); reload(); }
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (searchStale({ typed: search.value, searched: query.search })) { searchSoon.cancel(); reload(); }
      handoff.toFirst = true;
      grid.focus();
      if (firstPageIn()) toFirstMatch();
    }
  });
  viewport.addEventListener('scroll', () => draw(), { passive: true });
  new ResizeObserver(() => draw(true)).observe(viewport);
  grid.addEventListener('keydown', onKey);
  grid.addEventListener('contextmenu', onContextMenu);
  // Only keyboard focus puts the cursor on the first row: moving it redraws the rows, and on a
  // mouse press that would replace the row under the pointer before its click arrives.
  grid.addEventListener('focus', () => {
    if (cursor < 0 && data.rows.length && grid.matches(':focus-visible')) moveCursor(0);
  });

  function freshData() {
    return { rows: [], total: 0, nextCursor: null, hasMore: true, loading: false, error: null, ticket: null };
  }

  function sortBy(column) {
    if (query.sort === column.sort) query = { ...query, order: query.order === 'asc' ? 'desc' : 'asc' };
    else query = { ...query, sort: column.sort, order: column.firstOrder };
    reload();
  }

  function paintHeaders() {
    COLUMNS.forEach((c, i) => {
      const sortState = c.sort === query.sort ? (query.order === 'asc' ? 'ascending' : 'descending') : null;
      if (sortState) headers[i].setAttribute('aria-sort', sortState); else headers[i].removeAttribute('aria-sort');
      headers[i].classList.toggle('sorted', Boolean(sortState));
      headers[i].dataset.order = sortState ?? '';
    });
  }

  /** Whether the first page of the current search has arrived (or failed). */
  function firstPageIn() {
    return data.rows.length > 0 || !data.hasMore;
  }

  /** Puts the cursor on the first match and, if Enter already asked for it, opens it. */
  function toFirstMatch() {
    const { openFirst } = handoff;
    handoff = { toFirst: false, openFirst: false };
    if (!data.rows.length) return;
    moveCursor(0);
    if (openFirst) { onOpen(data.rows[0].id); draw(true); }
  }

  /** Starts over for the current bucket and query (new search, new sort, new bucket). */
  function reload() {
    query = { ...query, search: search.value.trim() };
    data = freshData();
    data.ticket = store.begin('files');
    cursor = -1;
    anchor = null;
    viewport.scrollTop = 0;
    message.replaceChildren();
    paintHeaders();
    draw(true);
    loadMore();
  }

  async function loadMore() {
    const mine = data;
    if (mine.loading || !mine.hasMore || !store.state.bucketId) return;
    mine.loading = true;
    mine.error = null;
    grid.setAttribute('aria-busy', 'true');
    const { profileId, bucketId } = mine.ticket.scope;
    try {
      const answer = await api.listFiles({
        profileId, bucketId, search: query.search || null, sort: query.sort, order: query.order,
        cursor: mine.nextCursor, limit: PAGE_SIZE,
      });
      if (mine !== data || !store.accepts(mine.ticket, answer) || answer.bucketId !== bucketId) return;
      mine.rows.push(...answer.files);
      mine.total = answer.total;
      mine.nextCursor = answer.nextCursor;
      mine.hasMore = Boolean(answer.nextCursor) && answer.files.length > 0;
    } catch (error) {
      if (mine !== data || !store.accepts(mine.ticket)) return;
      mine.error = error;
      mine.hasMore = false;
    } finally {
      if (mine === data) {
        mine.loading = false;
        grid.removeAttribute('aria-busy');
      }
    }
    if (mine !== data) return;
    showMessage();
    draw(true);
    if (handoff.toFirst || handoff.openFirst) toFirstMatch();
  }

  function showMessage() {
    const retry = () => { data.hasMore = true; data.error = null; message.replaceChildren(); draw(true); loadMore(); };
    if (data.error) {
      const banner = errorBanner(data.error, retry, errorActions(data.error));
      message.replaceChildren(data.rows.length ? el('div', { className: 'inline-note' }, 'More files could not be loaded. ', banner) : banner);
    } else if (!data.rows.length && !data.hasMore) {
      message.replaceChildren(el('p', { className: 'empty', text: query.search ? `No files match “${query.search}”.` : 'This bucket has no files yet.' }));
    } else message.replaceChildren();
    const counted = { total: data.total, loaded: data.rows.length, complete: !data.hasMore && !data.error };
    count.textContent = data.rows.length || !data.hasMore
      ? (query.search ? listCount(counted, 'match', 'matches') : listCount(counted, 'file')) : '';
  }

  function rowsClaimed() {
    if (data.error) return data.rows.length;
    if (!data.rows.length && data.hasMore) return 12;
    return rowCount({ loaded: data.rows.length, total: data.total, hasMore: data.hasMore });
  }

  function draw(force = false) {
    const countNow = rowsClaimed();
    // An empty list reads no sizes: that would force the page's layout before it has even started
    // (at start, when no bucket is open yet).
    const win = countNow
      ? visibleWindow({ scrollTop: viewport.scrollTop, viewportHeight: viewport.clientHeight || 400, rowHeight: ROW_HEIGHT, count: countNow })
      : visibleWindow({ scrollTop: 0, viewportHeight: 0, rowHeight: ROW_HEIGHT, count: 0 });
    grid.setAttribute('aria-rowcount', String((data.hasMore ? Math.max(data.total, data.rows.length) : data.rows.length) + 1));
    if (force || win.start !== drawn.start || win.end !== drawn.end || countNow !== drawn.count) {
      drawn = { start: win.start, end: win.end, count: countNow };
      spacer.style.height = `${win.totalHeight}px`;
      const next = new Map();
      for (let i = win.start; i < win.end; i += 1) {
        const file = data.rows[i];
        const kept = force ? null : drawnRows.get(i);
        const fits = kept && (file ? kept.dataset.fileId === file.id : kept.classList.contains('skeleton'));
        next.set(i, fits ? kept : (file ? fileRow(file, i) : skeletonRow(i)));
      }
      drawnRows = next;
      keepInOrder(spacer, [...next.values()]);
      const active = spacer.querySelector('.cursor');
      if (active) grid.setAttribute('aria-activedescendant', active.id); else grid.removeAttribute('aria-activedescendant');
    }
    if (shouldLoadMore({ end: win.end, loaded: data.rows.length, hasMore: data.hasMore, loading: data.loading })) loadMore();
  }

  /** Makes `parent`'s children exactly `rows`, in order, moving or removing only what differs. */
  function keepInOrder(parent, rows) {
    const wanted = new Set(rows);
    for (const child of [...parent.children]) if (!wanted.has(child)) child.remove();
    rows.forEach((row, k) => { if (parent.children[k] !== row) parent.insertBefore(row, parent.children[k] ?? null); });
  }

  function place(row, index) {
    row.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
    return row;
  }

  function skeletonRow(index) {
    return place(el('div', { className: 'file-row skeleton', attrs: { 'aria-hidden': 'true' } },
      el('div', { className: 'cell col-check' }), el('div', { className: 'cell col-name' }, el('span', { className: 'bar' }))), index);
  }

  function fileRow(file, index) {
    const selected = store.state.fileSelection.has(file.id);
    const open = store.state.fileId === file.id;
    const check = el('input', {
      type: 'checkbox', checked: selected, tabIndex: -1, attrs: { 'aria-label': `Select ${file.name}` },
      on: { click: (event) => { event.stopPropagation(); select(file.id, { toggle: !event.shiftKey, shift: event.shiftKey }); } },
    });
    return place(el('div', {
      id: `file-row-${index}`,
      className: `file-row${selected ? ' selected' : ''}${open ? ' open' : ''}${index === cursor ? ' cursor' : ''}`,
      attrs: { role: 'row', 'aria-rowindex': String(index + 2), 'aria-selected': String(selected), 'aria-current': open ? 'true' : null, 'data-file-id': file.id },
      on: {
        click: (event) => {
          cursor = index;
          if (event.shiftKey || event.ctrlKey || event.metaKey) {
            select(file.id, { shift: event.shiftKey, toggle: !event.shiftKey });
          } else { onOpen(file.id); draw(true); }
        },
      },
    },
    el('div', { className: 'cell col-check', attrs: { role: 'gridcell' } }, check),
    el('div', { className: 'cell col-name', attrs: { role: 'gridcell' }, title: file.name },
      el('span', { className: 'file-name', text: file.name }),
      file.pending ? el('span', { className: 'badge pending', text: 'Pending' }) : null),
    el('div', { className: 'cell col-type muted', attrs: { role: 'gridcell' }, title: file.mimeType, text: file.mimeType }),
    el('div', { className: 'cell col-size', attrs: { role: 'gridcell' }, title: `${formatCount(file.size)} bytes`, text: formatBytes(file.size) }),
    el('div', { className: 'cell col-created muted', attrs: { role: 'gridcell' }, title: formatDateTime(file.createdAt), text: formatDate(file.createdAt) })), index);
  }

  function select(id, { toggle = false, shift = false }) {
    const ids = data.rows.map((f) => f.id);
    const next = applyClick({ selection: store.state.fileSelection, anchor, ids, id, toggle, shift });
    anchor = next.anchor;
    setSelection(next.selection);
  }

  function toggleAll(on) {
    setSelection(on ? new Set(data.rows.map((f) => f.id)) : new Set());
  }

  function setSelection(selection) {
    store.setFileSelection(selection);
    paintSelection();
    draw(true);
  }

  function paintSelection() {
    const n = store.state.fileSelection.size;
    createLinks.disabled = n === 0;
    clearSelection.hidden = n === 0;
    selectedNote.textContent = n ? `${n} selected` : '';
    selectAll.checked = n > 0 && n === data.rows.length;
    selectAll.indeterminate = n > 0 && n < data.rows.length;
  }

  function startLinks() {
    const chosen = store.state.fileSelection;
    const byId = new Map(data.rows.map((f) => [f.id, f]));
    onCreateLinks([...chosen].map((id) => ({ id, name: byId.get(id)?.name ?? id })));
  }

  function moveCursor(index) {
    cursor = index;
    viewport.scrollTop = scrollToReveal({ index, scrollTop: viewport.scrollTop, viewportHeight: viewport.clientHeight, rowHeight: ROW_HEIGHT });
    draw(true);
  }

  /** The file's menu at `at` (a right click), or under its row (Shift+F10, the Menu key). */
  function openFileMenu(index, at = null) {
    const file = data.rows[index];
    if (!file) return;
    if (cursor !== index) { cursor = index; draw(true); }
    const row = spacer.querySelector(`#file-row-${index}`);
    const { fileSelection } = store.state;
    const selected = fileSelection.has(file.id);
    openMenu(grid, fileMenuItems({
      open: () => { onOpen(file.id); draw(true); },
      toggle: () => select(file.id, { toggle: true }),
      createLinks: () => (selected && fileSelection.size > 1 ? startLinks() : onCreateLinks([{ id: file.id, name: file.name }])),
      copyId: () => copyId(file.id, 'File ID'),
    }, { open: store.state.fileId === file.id, selected, selection: fileSelection.size }), {
      label: `File ${file.name}`, at: at ?? (row ? rowMenuPoint(row) : null),
    });
  }

  function onContextMenu(event) {
    const row = event.target.closest('[data-file-id]');
    const fromKeyboard = event.clientX === 0 && event.clientY === 0;
    const index = row ? data.rows.findIndex((f) => f.id === row.dataset.fileId) : (fromKeyboard ? cursor : -1);
    if (index < 0 || !data.rows[index]) return;
    event.preventDefault();
    // Shift+F10 and the Menu key open the menu from onKey; the contextmenu they may fire too has
    // no pointer position.
    if (fromKeyboard && document.querySelector('.menu')) return;
    grid.focus({ preventScroll: true });
    openFileMenu(index, fromKeyboard ? null : { x: event.clientX, y: event.clientY });
  }

  function onKey(event) {
    if (event.target !== grid) return;
    if (isMenuKey(event)) {
      if (data.rows[cursor]) { event.preventDefault(); openFileMenu(cursor); }
      return;
    }
    const loaded = data.rows.length;
    const next = moveIndex(cursor, event.key, loaded, rowsPerPage({ viewportHeight: viewport.clientHeight, rowHeight: ROW_HEIGHT }));
    if (next !== null) {
      event.preventDefault();
      if (event.shiftKey && data.rows[next]) select(data.rows[next].id, { shift: true });
      moveCursor(next);
      return;
    }
    const file = data.rows[cursor];
    if (event.key === 'Enter') {
      event.preventDefault();
      const loading = !firstPageIn() || handoff.toFirst;
      const action = enterAction({ typed: search.value, searched: query.search, loading, hasRow: Boolean(file) });
      if (action === 'open') { onOpen(file.id); draw(true); }
      if (action === 'wait') {
        if (searchStale({ typed: search.value, searched: query.search })) { searchSoon.cancel(); reload(); }
        handoff = { toFirst: true, openFirst: true };
      }
    }
    if (event.key === ' ' && file) { event.preventDefault(); select(file.id, { toggle: true }); }
  }

  root.replaceChildren(pane);
  return {
    /** Shows the open bucket's files from the top (clears search, keeps the sort). */
    open() { searchSoon.cancel(); search.value = ''; handoff = { toFirst: false, openFirst: false }; paintSelection(); reload(); },
    /** Fetches the open bucket's files again (F5), with the search and sort shown. */
    refresh() { if (store.state.bucketId) { searchSoon.cancel(); reload(); } },
    /** Shows the "choose a bucket" state. */
    clear() {
      store.begin('files');
      searchSoon.cancel();
      search.value = '';
      handoff = { toFirst: false, openFirst: false };
      data = { ...freshData(), hasMore: false };
      cursor = -1;
      count.textContent = '';
      paintSelection();
      message.replaceChildren(el('p', { className: 'empty', text: 'Choose a bucket in the sidebar to see its files.' }));
      draw(true);
    },
    /** Repaints which file is open. */
    markOpen() { draw(true); },
    /** Puts the keyboard in the list (its cursor row stays where it was). */
    focusList() { grid.focus({ preventScroll: true }); },
    focusSearch() { search.focus(); search.select(); },
    get element() { return pane; },
  };
}
