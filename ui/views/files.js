// The file list of the open bucket: server-side search and sort (a search lists files named what
// was typed first), pages fetched where the view is (lib/file-pages.js: by offset, by cursor, or
// from the end, several at once, a few pages ahead of the scroll), rows not loaded yet saying which
// ones are loading, rows virtualized (fixed height, only visible rows in the DOM), multi-select for
// "Create links", Download and Delete, pending uploads with Resume, and the bucket's details.

import { el } from '../lib/dom.js';
import { debounce } from '../lib/debounce.js';
import { formatBytes, formatDate, formatDateTime, formatCount, listCount } from '../lib/format.js';
import { visibleWindow, scrollToReveal, rowsPerPage } from '../lib/virtual-list.js';
import { createFileList, placeholderLabel, PAGE_SIZE } from '../lib/file-pages.js';
import { moveIndex } from '../lib/list-navigation.js';
import { applyClick } from '../lib/selection.js';
import { searchStale, enterAction } from '../lib/search-handoff.js';
import { errorBanner } from '../components/banner.js';
import { openMenu, rowMenuPoint, isMenuKey } from '../components/menu.js';
import { copyId } from '../components/copy-id.js';
import { fileMenuItems } from '../lib/file-actions.js';
import { openBucketDetails } from './bucket-details.js';
import { icon } from '../components/icon.js';

export const ROW_HEIGHT = 30;
/** Placeholder rows while the first page is on its way. */
const FIRST_ROWS = 12;
const COLUMNS = [
  { key: 'name', label: 'Name', sort: 'name', firstOrder: 'asc' },
  { key: 'type', label: 'Type' },
  { key: 'size', label: 'Size', sort: 'size', firstOrder: 'desc' },
  { key: 'created', label: 'Created', sort: 'created', firstOrder: 'desc' },
];

/**
 * `onOpen(fileId)` opens a file; `onCreateLinks(files)` starts bulk links for [{id, name}];
 * `commands` (views/file-commands.js) downloads, deletes and resumes files.
 */
export function createFilesView({ api, store, root, onOpen, onCreateLinks, commands = null, errorActions = () => [] }) {
  let query = { search: '', sort: 'name', order: 'asc' };
  // The rows of the list shown (null: no bucket), the query they answer and their ticket.
  let list = null;
  // The rows shown before a reload that keeps the place, until the new first page is in.
  let stale = null;
  let listQuery = query;
  let ticket = null;
  let cursor = -1;
  // The file under the keyboard cursor, followed when rows move (rows from the end settling).
  let cursorId = null;
  let anchor = null;
  // End pressed before the last row was loaded: the cursor goes there when it arrives.
  let pendingEnd = false;
  let scrollDirection = 1;
  let lastScrollTop = 0;
  let drawn = { start: -1, end: -1, count: -1 };
  // The row elements on screen by index, so a scroll only builds the rows that come into view.
  let drawnRows = new Map();
  // `/`, type, ↓, Enter faster than the answer: the cursor goes to the first match (`toFirst`) and
  // Enter opens it (`openFirst`) once the first page of the answer arrives.
  let handoff = { toFirst: false, openFirst: false };

  const search = el('input', { type: 'search', placeholder: 'Search files', attrs: { 'aria-label': 'Search files' } });
  const count = el('span', { className: 'muted count', attrs: { 'aria-live': 'polite' } });
  const details = el('button', {
    type: 'button', className: 'small details-button', text: 'Details', disabled: true, title: 'Bucket details',
    attrs: { 'aria-label': 'Bucket details', 'aria-haspopup': 'dialog' },
    on: { click: () => openBucketDetails({ api, store }) },
  });
  const selectedNote = el('span', { className: 'muted selected-note', attrs: { 'aria-live': 'polite' } });
  const createLinks = el('button', { type: 'button', className: 'primary', text: 'Create links', disabled: true, on: { click: startLinks } });
  // Download and Delete act on the ticked files (the row menu and the Delete key on one too).
  const selectionButton = (name, label, action, className = '') => el('button', {
    type: 'button', className: `small selection-action ${className}`, disabled: true, title: `${label} the selected files`,
    attrs: { 'aria-label': `${label} selected files` }, on: { click: () => action(chosenFiles()) },
  }, icon(name), el('span', { className: 'button-text', text: label }));
  const downloadSelected = selectionButton('arrow-down', 'Download', (chosen) => commands?.download(chosen));
  const deleteSelected = selectionButton('trash', 'Delete', (chosen) => commands?.remove(chosen), 'danger-text');
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
      el('div', { className: 'toolbar-search' }, search, count, details),
      el('div', { className: 'toolbar-selection' }, selectedNote, clearSelection, commands ? [downloadSelected, deleteSelected] : null, createLinks)),
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
  viewport.addEventListener('scroll', () => {
    const top = viewport.scrollTop;
    if (top !== lastScrollTop) scrollDirection = top < lastScrollTop ? -1 : 1;
    lastScrollTop = top;
    draw();
  }, { passive: true });
  new ResizeObserver(() => draw(true)).observe(viewport);
  grid.addEventListener('keydown', onKey);
  grid.addEventListener('contextmenu', onContextMenu);
  // Only keyboard focus puts the cursor on the first row: moving it redraws the rows, and on a
  // mouse press that would replace the row under the pointer before its click arrives.
  grid.addEventListener('focus', () => {
    if (cursor < 0 && list?.rowAt(0) && grid.matches(':focus-visible')) moveCursor(0);
  });

  const rowAt = (i) => list?.rowAt(i) ?? (stale && !list?.firstIn ? stale.rowAt(i) : null);
  const loadedRows = () => list?.loadedRows() ?? [];
  const noun = () => (listQuery.search ? 'matches' : 'files');

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
    return Boolean(list && (list.firstIn || list.error));
  }

  /** Puts the cursor on the first match and, if Enter already asked for it, opens it. */
  function toFirstMatch() {
    const { openFirst } = handoff;
    handoff = { toFirst: false, openFirst: false };
    const first = rowAt(0);
    if (!first) return;
    moveCursor(0);
    if (openFirst) { onOpen(first.id); draw(true); }
  }

  /**
   * Starts over for the current bucket and query (new search, new sort, new bucket); `keepPlace`
   * (files came or went) keeps the scroll and the cursor's file where they were.
   */
  function reload({ keepPlace = false } = {}) {
    query = { ...query, search: search.value.trim() };
    listQuery = query;
    stale = keepPlace && list?.firstIn ? list : null;
    list = createFileList({ searching: Boolean(query.search) });
    ticket = store.begin('files');
    const keptCursor = keepPlace ? cursorId : null;
    cursor = -1;
    cursorId = keptCursor;
    anchor = null;
    pendingEnd = false;
    scrollDirection = 1;
    if (!keepPlace) {
      viewport.scrollTop = 0;
      lastScrollTop = 0;
    }
    message.replaceChildren();
    details.disabled = !store.state.bucketId;
    paintHeaders();
    showMessage();
    draw(true);
  }

  /** Sends the requests the rows on screen (and a few pages ahead) need now; how many. */
  function fetchNeeded() {
    if (!list || !store.state.bucketId) return 0;
    const height = viewport.clientHeight || 400;
    const first = Math.floor(viewport.scrollTop / ROW_HEIGHT);
    const last = Math.ceil((viewport.scrollTop + height) / ROW_HEIGHT);
    const sent = list.plan({ first, last, direction: scrollDirection });
    for (const req of sent) load(list, listQuery, ticket, req);
    if (list.busy) grid.setAttribute('aria-busy', 'true'); else grid.removeAttribute('aria-busy');
    return sent.length;
  }

  async function load(mine, asked, mineTicket, req) {
    const { profileId, bucketId } = mineTicket.scope;
    let answer;
    try {
      answer = await api.listFiles({
        profileId, bucketId, search: asked.search || null, sort: asked.sort, order: asked.order,
        cursor: req.cursor ?? null, offset: req.offset ?? null, fromEnd: Boolean(req.fromEnd), limit: PAGE_SIZE,
      });
    } catch (error) {
      if (mine !== list || !store.accepts(mineTicket)) return;
      change(() => mine.fail(req, error));
      return;
    }
    if (mine !== list || !store.accepts(mineTicket, answer) || answer.bucketId !== bucketId) return;
    change(() => mine.receive(req, answer));
  }

  /**
   * Applies an answer and keeps what the user looks at in place: rows arriving above it (from the
   * end, or the two ends meeting) move the scroll with them, and the cursor follows its file.
   */
  function change(apply) {
    const top = Math.floor(viewport.scrollTop / ROW_HEIGHT);
    const bottom = Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW_HEIGHT);
    let held = null;
    for (let i = top; i < bottom && viewport.scrollTop > 0; i += 1) {
      const row = rowAt(i);
      if (row) { held = { id: row.id, index: i }; break; }
    }
    apply();
    if (list.firstIn || list.error) stale = null;
    // The new height first: a scroll past the old one would be cut short.
    spacer.style.height = `${rowsClaimed() * ROW_HEIGHT}px`;
    if (held) {
      const now = list.indexOf(held.id);
      if (now >= 0 && now !== held.index) {
        viewport.scrollTop += (now - held.index) * ROW_HEIGHT;
        lastScrollTop = viewport.scrollTop;
      }
    }
    if (cursorId) {
      const now = list.indexOf(cursorId);
      if (now >= 0) cursor = now;
    }
    showMessage();
    if (pendingEnd && list.endLoaded()) {
      pendingEnd = false;
      moveCursor(list.length - 1);
    } else draw(true);
    if ((handoff.toFirst || handoff.openFirst) && firstPageIn()) toFirstMatch();
  }

  function showMessage() {
    if (!list) return;
    const retry = () => { list.retry(); message.replaceChildren(); showMessage(); draw(true); };
    const loaded = list.loaded;
    if (list.error) {
      const banner = errorBanner(list.error, retry, errorActions(list.error));
      message.replaceChildren(loaded ? el('div', { className: 'inline-note' }, `More ${noun()} could not be loaded. `, banner) : banner);
    } else if (list.firstIn && list.length === 0) {
      message.replaceChildren(el('p', { className: 'empty', text: listQuery.search ? `No files match “${listQuery.search}”.` : 'This bucket has no files yet.' }));
    } else message.replaceChildren();
    const exact = list.exactLength;
    const counted = {
      total: exact ?? list.total, loaded: exact ?? loaded, complete: exact !== null, capped: list.capped,
    };
    count.textContent = list.firstIn
      ? (listQuery.search ? listCount(counted, 'match', 'matches') : listCount(counted, 'file')) : '';
  }

  function rowsClaimed() {
    if (!list) return 0;
    if (!list.firstIn) return list.error ? 0 : (stale?.length ?? FIRST_ROWS);
    return list.length;
  }

  function draw(force = false) {
    // Asked first, so the placeholders drawn below say which pages are on their way.
    if (fetchNeeded()) force = true;
    const countNow = rowsClaimed();
    // An empty list reads no sizes: that would force the page's layout before it has even started
    // (at start, when no bucket is open yet).
    const win = countNow
      ? visibleWindow({ scrollTop: viewport.scrollTop, viewportHeight: viewport.clientHeight || 400, rowHeight: ROW_HEIGHT, count: countNow })
      : visibleWindow({ scrollTop: 0, viewportHeight: 0, rowHeight: ROW_HEIGHT, count: 0 });
    const exact = list?.exactLength;
    grid.setAttribute('aria-rowcount', String(list && list.firstIn && exact === null ? -1 : (exact ?? 0) + 1));
    if (force || win.start !== drawn.start || win.end !== drawn.end || countNow !== drawn.count) {
      drawn = { start: win.start, end: win.end, count: countNow };
      spacer.style.height = `${win.totalHeight}px`;
      const next = new Map();
      for (let i = win.start; i < win.end; i += 1) {
        const file = rowAt(i);
        const label = file ? null : placeholderLabel(list?.describe(i) ?? { loading: true, first: 1, last: PAGE_SIZE }, noun());
        const kept = drawnRows.get(i);
        if (file) {
          // A row that would be drawn the same is kept even on a forced redraw: replacing the row
          // under a mouse press between its press and its release loses the click.
          const fresh = force || kept?.dataset.fileId !== file.id ? fileRow(file, i) : null;
          next.set(i, fresh && !(kept && sameRow(kept, fresh)) ? fresh : kept);
        } else {
          const fits = !force && kept && kept.dataset.placeholder === label;
          next.set(i, fits ? kept : placeholderRow(i, label));
        }
      }
      drawnRows = next;
      keepInOrder(spacer, [...next.values()]);
      const active = spacer.querySelector('.cursor');
      if (active) grid.setAttribute('aria-activedescendant', active.id); else grid.removeAttribute('aria-activedescendant');
    }
  }

  /** True when two file rows show the same file, in the same place and state. */
  function sameRow(a, b) {
    return a.dataset.fileId === b.dataset.fileId && a.id === b.id && a.className === b.className
      && a.style.transform === b.style.transform && a.textContent === b.textContent
      && a.getAttribute('aria-selected') === b.getAttribute('aria-selected')
      && a.getAttribute('aria-rowindex') === b.getAttribute('aria-rowindex')
      && a.getAttribute('aria-description') === b.getAttribute('aria-description');
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

  /** A row not loaded yet: which files it stands for, and whether they are on their way. */
  function placeholderRow(index, label) {
    return place(el('div', {
      className: 'file-row skeleton',
      attrs: { role: 'row', 'aria-rowindex': list?.placeKnown(index) ? String(index + 2) : null, 'data-placeholder': label },
    },
    el('div', { className: 'cell col-check' }),
    el('div', { className: 'cell col-name placeholder-label', attrs: { role: 'gridcell' }, text: label })), index);
  }

  function fileRow(file, index) {
    const selected = store.state.fileSelection.has(file.id);
    const open = store.state.fileId === file.id;
    const nameMatch = index < (list?.nameMatches ?? 0);
    const check = el('input', {
      type: 'checkbox', checked: selected, tabIndex: -1, attrs: { 'aria-label': `Select ${file.name}` },
      on: { click: (event) => { event.stopPropagation(); select(file.id, { toggle: !event.shiftKey, shift: event.shiftKey }); } },
    });
    return place(el('div', {
      id: `file-row-${index}`,
      className: `file-row${selected ? ' selected' : ''}${open ? ' open' : ''}${index === cursor ? ' cursor' : ''}${nameMatch ? ' name-match' : ''}${nameMatch && index === list.nameMatches - 1 ? ' last-name-match' : ''}`,
      attrs: {
        role: 'row', 'aria-rowindex': list?.placeKnown(index) ? String(index + 2) : null,
        'aria-selected': String(selected), 'aria-current': open ? 'true' : null, 'data-file-id': file.id,
        'aria-description': nameMatch ? 'Name matches the search' : null,
      },
      on: {
        click: (event) => {
          cursor = index;
          cursorId = file.id;
          if (event.shiftKey || event.ctrlKey || event.metaKey) {
            select(file.id, { shift: event.shiftKey, toggle: !event.shiftKey });
          } else { onOpen(file.id); draw(true); }
        },
      },
    },
    el('div', { className: 'cell col-check', attrs: { role: 'gridcell' } }, check),
    el('div', { className: 'cell col-name', attrs: { role: 'gridcell' }, title: file.name },
      el('span', { className: 'file-name', text: file.name }),
      file.pending ? el('span', { className: 'badge pending', text: 'Pending', title: 'Its upload has not finished' }) : null,
      file.pending && commands ? pendingActions(file) : null),
    el('div', { className: 'cell col-type muted', attrs: { role: 'gridcell' }, title: file.mimeType, text: file.mimeType }),
    el('div', { className: 'cell col-size', attrs: { role: 'gridcell' }, title: `${formatCount(file.size)} bytes`, text: formatBytes(file.size) }),
    el('div', { className: 'cell col-created muted', attrs: { role: 'gridcell' }, title: formatDateTime(file.createdAt), text: formatDate(file.createdAt) })), index);
  }

  /** A pending row's Resume and Delete (the row's click is not theirs). */
  function pendingActions(file) {
    const button = (text, label, action) => el('button', {
      type: 'button', className: 'small pending-action', text, tabIndex: -1, attrs: { 'aria-label': `${label} ${file.name}` },
      on: { click: (event) => { event.stopPropagation(); action(); } },
    });
    return el('span', { className: 'pending-actions' },
      button('Resume', 'Resume the upload of', () => commands.resume(file)),
      button('Delete', 'Delete', () => commands.remove([file])));
  }

  function select(id, { toggle = false, shift = false }) {
    const ids = loadedRows().map((f) => f.id);
    const next = applyClick({ selection: store.state.fileSelection, anchor, ids, id, toggle, shift });
    anchor = next.anchor;
    setSelection(next.selection);
  }

  function toggleAll(on) {
    setSelection(on ? new Set(loadedRows().map((f) => f.id)) : new Set());
  }

  function setSelection(selection) {
    store.setFileSelection(selection);
    paintSelection();
    draw(true);
  }

  function paintSelection() {
    const n = store.state.fileSelection.size;
    const loaded = list?.loaded ?? 0;
    createLinks.disabled = n === 0;
    downloadSelected.disabled = n === 0;
    deleteSelected.disabled = n === 0;
    clearSelection.hidden = n === 0;
    selectedNote.textContent = n ? `${n} selected` : '';
    selectAll.checked = n > 0 && n === loaded;
    selectAll.indeterminate = n > 0 && n < loaded;
  }

  /** The ticked files as [{id, name, size}] (a file not loaded any more goes by its id). */
  function chosenFiles() {
    const byId = new Map(loadedRows().map((f) => [f.id, f]));
    return [...store.state.fileSelection].map((id) => byId.get(id) ?? { id, name: id, size: 0 });
  }

  function startLinks() {
    onCreateLinks(chosenFiles().map(({ id, name }) => ({ id, name })));
  }

  function moveCursor(index) {
    cursor = index;
    cursorId = rowAt(index)?.id ?? null;
    spacer.style.height = `${rowsClaimed() * ROW_HEIGHT}px`;
    viewport.scrollTop = scrollToReveal({ index, scrollTop: viewport.scrollTop, viewportHeight: viewport.clientHeight, rowHeight: ROW_HEIGHT });
    draw(true);
  }

  /** The file's menu at `at` (a right click), or under its row (Shift+F10, the Menu key). */
  function openFileMenu(index, at = null) {
    const file = rowAt(index);
    if (!file) return;
    if (cursor !== index) { cursor = index; cursorId = file.id; draw(true); }
    const row = spacer.querySelector(`#file-row-${index}`);
    const { fileSelection } = store.state;
    const selected = fileSelection.has(file.id);
    const many = selected && fileSelection.size > 1;
    openMenu(grid, fileMenuItems({
      open: () => { onOpen(file.id); draw(true); },
      toggle: () => select(file.id, { toggle: true }),
      createLinks: () => (many ? startLinks() : onCreateLinks([{ id: file.id, name: file.name }])),
      copyId: () => copyId(file.id, 'File ID'),
      download: () => commands?.download(many ? chosenFiles() : [file]),
      remove: () => commands?.remove(many ? chosenFiles() : [file]),
      resume: () => commands?.resume(file),
    }, { open: store.state.fileId === file.id, selected, selection: fileSelection.size, pending: file.pending, commands: Boolean(commands) }), {
      label: `File ${file.name}`, at: at ?? (row ? rowMenuPoint(row) : null),
    });
  }

  function onContextMenu(event) {
    const row = event.target.closest('[data-file-id]');
    const fromKeyboard = event.clientX === 0 && event.clientY === 0;
    const index = row ? (list?.indexOf(row.dataset.fileId) ?? -1) : (fromKeyboard ? cursor : -1);
    if (index < 0 || !rowAt(index)) return;
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
      if (rowAt(cursor)) { event.preventDefault(); openFileMenu(cursor); }
      return;
    }
    const next = moveIndex(cursor, event.key, rowsClaimed(), rowsPerPage({ viewportHeight: viewport.clientHeight, rowHeight: ROW_HEIGHT }));
    if (next !== null && list?.firstIn) {
      event.preventDefault();
      // End: the real last row, fetched from the end if it is not here yet (the cursor waits for
      // it); Home: the first.
      pendingEnd = event.key === 'End' && !list.endLoaded();
      if (event.key === 'End' || event.key === 'Home') scrollDirection = event.key === 'End' ? -1 : 1;
      const row = rowAt(next);
      if (event.shiftKey && row) select(row.id, { shift: true });
      moveCursor(next);
      return;
    }
    const file = rowAt(cursor);
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
    // Delete: the ticked files, or the one under the cursor when none is ticked (after a question).
    if (event.key === 'Delete' && commands && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const chosen = store.state.fileSelection.size ? chosenFiles() : (file ? [file] : []);
      if (chosen.length) { event.preventDefault(); commands.remove(chosen); }
    }
  }

  root.replaceChildren(pane);
  return {
    /** Shows the open bucket's files from the top (clears search, keeps the sort). */
    open() { searchSoon.cancel(); search.value = ''; handoff = { toFirst: false, openFirst: false }; paintSelection(); reload(); },
    /** Fetches the open bucket's files again (F5), with the search and sort shown. */
    refresh() { if (store.state.bucketId) { searchSoon.cancel(); reload(); } },
    /** Files came (an upload finished): fetches them again, keeping the place in the list. */
    update() { if (store.state.bucketId) reload({ keepPlace: true }); },
    /** Files went (deleted): unticks them and fetches the list again, keeping the place. */
    forget(ids) {
      const left = new Set([...store.state.fileSelection].filter((id) => !ids.has(id)));
      if (left.size !== store.state.fileSelection.size) { store.setFileSelection(left); paintSelection(); }
      if (store.state.bucketId) reload({ keepPlace: true });
    },
    /** Shows the "choose a bucket" state. */
    clear() {
      store.begin('files');
      searchSoon.cancel();
      search.value = '';
      handoff = { toFirst: false, openFirst: false };
      list = null;
      stale = null;
      cursor = -1;
      cursorId = null;
      pendingEnd = false;
      count.textContent = '';
      details.disabled = true;
      grid.removeAttribute('aria-busy');
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
