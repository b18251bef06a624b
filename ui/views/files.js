// The file list of the open bucket's folder: its subfolders first (lib/folders.js), then its files,
// under a breadcrumb from the bucket down to the folder; server-side search of the folder's subtree
// and sort (a search lists files named what was typed first), pages fetched where the view is
// (lib/file-pages.js: by offset, by cursor, or from the end, several at once, a few pages ahead of
// the scroll), rows not loaded yet saying which ones are loading, rows virtualized (fixed height,
// only visible rows in the DOM), multi-select for "Create links", Download and Delete, pending
// uploads with Resume and Delete (Tab from the list reaches the cursor row's), and the bucket's
// details.

import { el } from '../lib/dom.js';
import { debounce } from '../lib/debounce.js';
import { formatBytes, formatDate, formatDateTime, formatCount, listCount, plural } from '../lib/format.js';
import { visibleWindow, scrollToReveal, rowsPerPage } from '../lib/virtual-list.js';
import { createFileList, placeholderLabel, PAGE_SIZE } from '../lib/file-pages.js';
import { moveIndex, rowActionKey } from '../lib/list-navigation.js';
import { applyClick } from '../lib/selection.js';
import { searchStale, enterAction } from '../lib/search-handoff.js';
import { isTypingTarget } from '../lib/shortcuts.js';
import {
  breadcrumb, parentFolder, folderName, folderPath, isUpKey, searchPlaceholder, folderBelow, subfoldersFor,
  folderRows, rowKey, holdFiles, rowToHold, keepRowInPlace, heightStillNeeded, FOLDERS_WAIT_MS, goneFolderFallback,
} from '../lib/folders.js';
import { icon } from '../components/icon.js';
import { errorBanner } from '../components/banner.js';
import { toast } from '../components/toast.js';
import { openMenu, rowMenuPoint, isMenuKey } from '../components/menu.js';
import { copyId } from '../components/copy-id.js';
import { fileMenuItems } from '../lib/file-actions.js';
import { openBucketDetails } from './bucket-details.js';

export const ROW_HEIGHT = 30;
/** Placeholder rows while the first page is on its way. */
const FIRST_ROWS = 12;
/** What a placeholder row says while the first page is on its way (or held back). */
const LOADING_FIRST = Object.freeze({ loading: true, first: 1, last: PAGE_SIZE });
/** A folder whose subfolders are not asked for yet. */
const NO_SUBFOLDERS = Object.freeze({ known: false, supported: null, folders: [], error: null });
const COLUMNS = [
  { key: 'name', label: 'Name', sort: 'name', firstOrder: 'asc' },
  { key: 'type', label: 'Type' },
  { key: 'size', label: 'Size', sort: 'size', firstOrder: 'desc' },
  { key: 'created', label: 'Created', sort: 'created', firstOrder: 'desc' },
];

/**
 * `onOpen(fileId)` opens a file; `onCreateLinks(files)` starts bulk links for [{id, name}];
 * `commands` (views/file-commands.js) downloads, deletes and resumes files; `onFolder()` says the
 * user went to another folder of the open bucket (to remember it).
 */
export function createFilesView({
  api, store, root, onOpen, onCreateLinks, commands = null, errorActions = () => [], onFolder = () => {},
}) {
  let query = { search: '', sort: 'name', order: 'asc' };
  // The rows of the list shown (null: no bucket), the query they answer and their ticket.
  let list = null;
  // The rows shown before a reload that keeps the place, until the new first page is in.
  let stale = null;
  let listQuery = query;
  let ticket = null;
  let cursor = -1;
  // The row under the keyboard cursor (`rowKey`), followed when rows move (rows from the end
  // settling, subfolders arriving above the files).
  let cursorKey = null;
  // Where the cursor goes once a folder opened from the keyboard is listed: 'top', or the key of
  // the subfolder just left (going up).
  let pendingCursor = null;
  // The open folder's subfolders: `known` once list_subfolders answered for it (`supported`
  // false: a server without folders), `error` when it failed.
  let subfolders = NO_SUBFOLDERS;
  // A folder just opened: its files wait for its subfolders, at most FOLDERS_WAIT_MS after they
  // came (`timer` counts that), so that folder rows never push them down. `over` once the
  // subfolders answered or the time is up: a later ask (Retry, F5) holds nothing back.
  let folderWait = { opened: false, over: false, timer: null };
  // A folder reopened from the last session, not one the user went to: if it lists nothing, its
  // files are gone and so is it, and the list goes up to the nearest folder still there. The
  // folder found gone first is kept in `goneFrom`, to name it.
  let restoring = null;
  let goneFrom = null;
  // The bucket's name, the breadcrumb's first segment.
  let bucketName = '';
  // A click opened a folder: the second click of that double-click lands in the folder opened and
  // must not open what is under the pointer there.
  let clickOpenedFolder = false;
  let anchor = null;
  // End pressed before the last row was loaded: the cursor goes there when it arrives.
  let pendingEnd = false;
  let scrollDirection = 1;
  let lastScrollTop = 0;
  let drawn = { start: -1, end: -1, count: -1 };
  // The list's least height (px) while a row held in place needs the list taller than its rows
  // (subfolders came in above a short folder's files), until the view is back within the rows.
  let heightFloor = 0;
  // Subfolders that came after the files went in above them, out of view: the trail says so.
  let foldersAbove = false;
  // The row elements on screen by index, so a scroll only builds the rows that come into view.
  let drawnRows = new Map();
  // `/`, type, ↓, Enter faster than the answer: the cursor goes to the first match (`toFirst`) and
  // Enter opens it (`openFirst`) once the first page of the answer arrives.
  let handoff = { toFirst: false, openFirst: false };

  const search = el('input', { type: 'search', placeholder: 'Search files', attrs: { 'aria-label': 'Search files' } });
  const crumbs = el('ol', { className: 'crumbs' });
  const folderStatus = el('span', { className: 'folder-status muted', attrs: { 'aria-live': 'polite' } });
  const trail = el('nav', { className: 'breadcrumb', hidden: true, attrs: { 'aria-label': 'Folder' } }, crumbs, folderStatus);
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
    trail,
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
    // Back within the rows: the list is as tall as they are again.
    const claimed = rowsClaimed();
    if (heightFloor && !heightStillNeeded({ scrollTop: top, viewportHeight: viewport.clientHeight, rowHeight: ROW_HEIGHT, count: claimed })) {
      heightFloor = 0;
      setHeight(claimed * ROW_HEIGHT);
    }
    if (foldersAbove && top < ROW_HEIGHT) { foldersAbove = false; paintTrail(); }
    draw();
  }, { passive: true });
  new ResizeObserver(() => draw(true)).observe(viewport);
  grid.addEventListener('keydown', onKey);
  grid.addEventListener('contextmenu', onContextMenu);
  // Backspace or Alt+↑ anywhere in the list's pane but a text field goes up a level.
  pane.addEventListener('keydown', (event) => {
    if (event.defaultPrevented) return;
    const { key, altKey, ctrlKey, metaKey, shiftKey } = event;
    if (!isUpKey({ key, altKey, ctrlKey, metaKey, shiftKey, typing: isTypingTarget(event.target) })) return;
    event.preventDefault();
    goUp({ keyboard: true });
  });
  // Only keyboard focus puts the cursor on the first row: moving it redraws the rows, and on a
  // mouse press that would replace the row under the pointer before its click arrives.
  grid.addEventListener('focus', () => {
    if (cursor < 0 && entryAt(0) && grid.matches(':focus-visible')) moveCursor(0);
  });

  /** The folders shown above the files: none while a search lists the subtree's files. */
  const shownFolders = () => (list && !listQuery.search && subfolders.known ? subfolders.folders : null);
  /** Whether the open folder's files, in or not, wait for its subfolders (lib/folders.js). */
  const holding = () => Boolean(list) && holdFiles({
    opened: folderWait.opened, searching: Boolean(listQuery.search),
    foldersIn: subfolders.known || Boolean(subfolders.error), waitOver: folderWait.over,
  });
  /** Whether the first page of files is in and shown. */
  const filesIn = () => Boolean(list?.firstIn) && !holding();
  /**
   * The files shown: none while they wait for the subfolders, the rows before a reload that keeps
   * the place until the new ones are in, else the list's.
   */
  const filesShown = () => {
    if (holding()) return null;
    return stale && !list?.firstIn ? stale : list;
  };
  const rowsNow = () => folderRows(shownFolders(), filesShown());
  /** The row at display index `i`: `{kind: 'folder', folder}`, `{kind: 'file', file}` or null. */
  const entryAt = (i) => rowsNow().at(i);
  /** The file at display index `i`, or null (a folder, or a file not loaded yet). */
  const rowAt = (i) => { const entry = entryAt(i); return entry?.kind === 'file' ? entry.file : null; };
  const folderCount = () => rowsNow().folderCount;
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

  /** Whether the first page of the current search has arrived and is shown (or failed). */
  function firstPageIn() {
    return Boolean(list && (filesIn() || list.error));
  }

  /** Puts the cursor on the first match and, if Enter already asked for it, opens it. */
  function toFirstMatch() {
    const { openFirst } = handoff;
    handoff = { toFirst: false, openFirst: false };
    const first = entryAt(0);
    if (!first) return;
    moveCursor(0);
    if (!openFirst) return;
    if (first.kind === 'folder') showFolder(first.folder.path, { keyboard: true });
    else { onOpen(first.file.id); draw(true); }
  }

  /**
   * Starts over for the current folder and query (new search, new sort, new folder); `keepPlace`
   * (files came or went) keeps the scroll and the cursor's row where they were.
   */
  function reload({ keepPlace = false } = {}) {
    query = { ...query, search: search.value.trim() };
    listQuery = query;
    stale = keepPlace && list?.firstIn ? list : null;
    list = createFileList({ searching: Boolean(query.search) });
    ticket = store.begin('files');
    const keptCursor = keepPlace ? cursorKey : null;
    cursor = -1;
    cursorKey = keepPlace ? keptCursor : null;
    anchor = null;
    pendingEnd = false;
    scrollDirection = 1;
    if (!keepPlace) {
      heightFloor = 0;
      foldersAbove = false;
      viewport.scrollTop = 0;
      lastScrollTop = 0;
    }
    message.replaceChildren();
    details.disabled = !store.state.bucketId;
    search.placeholder = searchPlaceholder(store.state.folder);
    paintHeaders();
    paintTrail();
    showMessage();
    draw(true);
  }

  /**
   * Lists `path` of the open bucket from its top, its first page and its subfolders asked for at
   * once; the search is cleared. `keyboard`: the cursor goes to `cursorTo` (a row key) or the
   * first row once they are in. `quiet`: not the user's move (the bucket opening), not announced.
   */
  function showFolder(path, { keyboard = false, cursorTo = 'top', quiet = false } = {}) {
    if (!store.state.bucketId) return;
    store.selectFolder(folderPath(path));
    if (!quiet) { restoring = null; onFolder(); }
    // The folder rows of the folder left go with it, before anything is drawn.
    subfolders = NO_SUBFOLDERS;
    clearTimeout(folderWait.timer);
    folderWait = { opened: true, over: false, timer: null };
    searchSoon.cancel();
    search.value = '';
    handoff = { toFirst: false, openFirst: false };
    paintSelection();
    reload();
    pendingCursor = keyboard ? cursorTo : null;
    loadSubfolders();
  }

  /** Lists the folder above the open one; false at the bucket's root. */
  function goUp({ keyboard = false } = {}) {
    const here = store.state.folder;
    const up = parentFolder(here);
    if (up === null || !store.state.bucketId) return false;
    showFolder(up, { keyboard, cursorTo: `folder:${here}` });
    return true;
  }

  /**
   * Asks for the open folder's subfolders (`refresh`: Rust walks the bucket again first; then, or
   * with `keep`, the folders shown stay until the answer).
   */
  async function loadSubfolders({ refresh = false, keep = refresh } = {}) {
    const mine = store.begin('folders');
    subfolders = keep ? { ...subfolders, error: null } : NO_SUBFOLDERS;
    paintTrail();
    let answer;
    try {
      const { profileId, bucketId, folder } = mine.scope;
      answer = await api.listSubfolders({ profileId, bucketId, folder: folder || null, refresh });
    } catch (error) {
      if (!store.accepts(mine) || !list) return;
      change(() => { subfolders = { ...subfolders, error }; endWait(); });
      paintTrail();
      return;
    }
    const shown = store.accepts(mine, answer) ? subfoldersFor(answer, mine.scope) : null;
    if (!shown || !list) return;
    change(() => { subfolders = { known: true, ...shown, error: null }; endWait(); }, { foldersCame: true });
    paintTrail();
  }

  /** The breadcrumb (bucket / 2026 / summer), each segment a button, and the subfolders' state. */
  function paintTrail() {
    const { bucketId, folder } = store.state;
    trail.hidden = !bucketId;
    // Whether the subfolders are in: `pending`, `known`, `flat` (a server without folders) or
    // `failed`; tests and benchmarks wait on it.
    const state = subfolders.error ? 'failed' : !subfolders.known ? 'pending' : subfolders.supported === false ? 'flat' : 'known';
    if (bucketId) grid.dataset.folders = state; else delete grid.dataset.folders;
    if (!bucketId) { crumbs.replaceChildren(); folderStatus.replaceChildren(); return; }
    const hadFocus = crumbs.contains(document.activeElement);
    const segments = breadcrumb(bucketName || bucketId, folder);
    crumbs.replaceChildren(...segments.map((segment) => el('li', { className: 'crumb' },
      el('button', {
        type: 'button', className: 'crumb-button', text: segment.label,
        title: segment.path ? `${bucketName || bucketId} / ${segment.path}` : segment.label,
        attrs: {
          'aria-current': segment.current ? 'location' : null, 'data-folder-path': segment.path,
        },
        on: { click: () => { if (!segment.current || listQuery.search) showFolder(segment.path); } },
      }))));
    if (hadFocus) crumbs.querySelector('[aria-current]')?.focus();
    if (subfolders.error) {
      folderStatus.replaceChildren('Subfolders not listed. ',
        el('button', { type: 'button', className: 'small', text: 'Retry', title: subfolders.error.message, on: { click: () => loadSubfolders() } }));
    } else if (!subfolders.known && list) {
      folderStatus.replaceChildren(el('span', { className: 'folder-finding', text: 'Finding subfolders…' }));
    } else if (foldersAbove) {
      // They came after the files and went in above them, out of view (nothing moved under the
      // pointer): one click shows them.
      const n = folderCount();
      folderStatus.replaceChildren(el('button', {
        type: 'button', className: 'small folders-above', text: `↑ ${plural(n, 'subfolder')}`,
        title: 'Show the subfolders above the files',
        on: { click: () => { viewport.scrollTop = 0; grid.focus({ preventScroll: true }); } },
      }));
    } else folderStatus.replaceChildren();
  }

  /** Sends the requests the rows on screen (and a few pages ahead) need now; how many. */
  function fetchNeeded() {
    if (!list || !store.state.bucketId) return 0;
    const height = viewport.clientHeight || 400;
    // File rows start below the folder rows.
    const above = folderCount();
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - above);
    const last = Math.max(0, Math.ceil((viewport.scrollTop + height) / ROW_HEIGHT) - above);
    const sent = list.plan({ first, last, direction: scrollDirection });
    for (const req of sent) load(list, listQuery, ticket, req);
    if (list.busy || holding()) grid.setAttribute('aria-busy', 'true'); else grid.removeAttribute('aria-busy');
    return sent.length;
  }

  async function load(mine, asked, mineTicket, req) {
    const { profileId, bucketId, folder } = mineTicket.scope;
    let answer;
    try {
      answer = await api.listFiles({
        profileId, bucketId, folder: folder || null, search: asked.search || null, sort: asked.sort, order: asked.order,
        cursor: req.cursor ?? null, offset: req.offset ?? null, fromEnd: Boolean(req.fromEnd), limit: PAGE_SIZE,
      });
    } catch (error) {
      if (mine !== list || !store.accepts(mineTicket)) return;
      change(() => mine.fail(req, error));
      return;
    }
    if (mine !== list || !store.accepts(mineTicket, answer) || answer.bucketId !== bucketId) return;
    // A server with folders says which one it listed (one without lists the whole bucket).
    if (answer.foldersSupported !== false && typeof answer.folder === 'string' && folderPath(answer.folder) !== folder) return;
    change(() => mine.receive(req, answer));
  }

  /**
   * Applies an answer and keeps what the user looks at in place: rows arriving above it (from the
   * end, or the two ends meeting) move the scroll with them, and the cursor follows its file.
   * `foldersCame`: subfolders arriving after the files were shown (they waited no longer) go in
   * above without moving the file under the pointer or the keyboard cursor, even at the top.
   */
  function change(apply, { foldersCame = false } = {}) {
    const held = rowToHold({
      scrollTop: viewport.scrollTop, viewportHeight: viewport.clientHeight, rowHeight: ROW_HEIGHT,
      keyAt: (i) => rowKey(entryAt(i)),
      cursor: foldersCame ? cursor : -1, pointerOver: foldersCame && viewport.matches(':hover'),
    });
    apply();
    if (list.firstIn || list.error) stale = null;
    waitForFolders();
    // The new height first: a scroll past the old one would be cut short.
    setHeight(rowsClaimed() * ROW_HEIGHT);
    const rows = rowsNow();
    if (held) {
      const now = rows.indexOf(held.key);
      if (now >= 0 && now !== held.index) {
        const kept = keepRowInPlace({
          held, now, scrollTop: viewport.scrollTop, viewportHeight: viewport.clientHeight,
          rowHeight: ROW_HEIGHT, count: rowsClaimed(),
        });
        if (kept.height > rowsClaimed() * ROW_HEIGHT) { heightFloor = kept.height; setHeight(kept.height); }
        viewport.scrollTop = kept.scrollTop;
        lastScrollTop = viewport.scrollTop;
        // Checked again once everything this answer changes is on the page: WebKitGTK was seen
        // to cut this scroll short (by 20 px) at its next layout when the breadcrumb above the
        // list changed in the same turn; set again after that layout, it holds.
        queueMicrotask(() => {
          if (viewport.scrollTop !== kept.scrollTop && lastScrollTop === kept.scrollTop) {
            viewport.scrollTop = kept.scrollTop;
            lastScrollTop = viewport.scrollTop;
          }
        });
        if (foldersCame && kept.scrollTop >= ROW_HEIGHT && folderCount()) foldersAbove = true;
      }
    }
    if (cursorKey) {
      const now = rows.indexOf(cursorKey);
      if (now >= 0) cursor = now;
    }
    showMessage();
    if (pendingEnd && list.endLoaded()) {
      pendingEnd = false;
      moveCursor(rowsClaimed() - 1);
    } else if (!settleCursor()) draw(true);
    if ((handoff.toFirst || handoff.openFirst) && firstPageIn()) toFirstMatch();
    leaveGoneFolder();
  }

  /**
   * A folder reopened from the last session that lists no files and no subfolders is no longer in
   * the bucket: lists the folder above it instead (and so on up to the root), says so once, and
   * remembers the new place.
   */
  function leaveGoneFolder() {
    if (!restoring || !list || restoring !== store.state.folder) return;
    const up = goneFolderFallback({
      folder: restoring, firstIn: list.firstIn, files: list.length,
      searching: Boolean(listQuery.search), subfolders,
    });
    if (up === null) {
      // Still waiting for an answer, or the folder is there: a restore ends once it is known.
      if (list.firstIn && (subfolders.known || subfolders.error)) restoring = null;
      if (!restoring && goneFrom) sayGone();
      return;
    }
    goneFrom ??= restoring;
    restoring = up || null;
    showFolder(up, { quiet: true });
    onFolder();
    if (!restoring) sayGone();
  }

  function sayGone() {
    const where = folderName(store.state.folder);
    toast(`The folder “${folderName(goneFrom)}” you had open is no longer in this bucket.`, {
      kind: 'warn', detail: where ? `Showing “${where}”, the nearest folder above it.` : `Showing the bucket's root.`,
    });
    goneFrom = null;
  }

  /**
   * Once the open folder's first files are in, lets them wait for its subfolders no longer than
   * FOLDERS_WAIT_MS; then they are shown, and the subfolders go in above when they come.
   */
  function waitForFolders() {
    if (!holding() || !list.firstIn || folderWait.timer) return;
    const waiting = folderWait;
    waiting.timer = setTimeout(() => {
      if (folderWait !== waiting || !list) return;
      change(endWait);
      paintTrail();
    }, FOLDERS_WAIT_MS);
  }

  /** The open folder's files wait no longer for its subfolders. */
  function endWait() {
    clearTimeout(folderWait.timer);
    folderWait.over = true;
  }

  /**
   * Puts the cursor where a folder opened from the keyboard wants it, once the rows for that are
   * in: on the subfolder just left, else on the first row (the first file, when the files waited
   * for the subfolders no longer). True when it moved (and redrew).
   */
  function settleCursor() {
    if (!pendingCursor || !list) return false;
    const topWithoutFolders = pendingCursor === 'top' && folderWait.over;
    if (!subfolders.known && !subfolders.error && !topWithoutFolders) return false;
    if (pendingCursor !== 'top') {
      const at = rowsNow().indexOf(pendingCursor);
      if (at >= 0) { pendingCursor = null; moveCursor(at); return true; }
    }
    if (entryAt(0)) { pendingCursor = null; moveCursor(0); return true; }
    if (list.firstIn || list.error) pendingCursor = null;
    return false;
  }

  function showMessage() {
    if (!list) return;
    const retry = () => { list.retry(); message.replaceChildren(); showMessage(); draw(true); };
    const loaded = list.loaded;
    if (list.error) {
      const banner = errorBanner(list.error, retry, errorActions(list.error));
      message.replaceChildren(loaded ? el('div', { className: 'inline-note' }, `More ${noun()} could not be loaded. `, banner) : banner);
    } else if (list.firstIn && list.length === 0 && (listQuery.search || emptyFolder())) {
      message.replaceChildren(el('p', { className: 'empty', text: emptyText() }));
    } else message.replaceChildren();
    const exact = list.exactLength;
    const counted = {
      total: exact ?? list.total, loaded: exact ?? loaded, complete: exact !== null, capped: list.capped,
    };
    // The folder's own files (its subfolders are the rows above them).
    count.textContent = filesIn()
      ? (listQuery.search ? listCount(counted, 'match', 'matches') : listCount(counted, 'file')) : '';
  }

  /** Whether the folder shown holds nothing at all: no files, and no subfolders (or none known). */
  function emptyFolder() {
    return subfolders.known || subfolders.error ? folderCount() === 0 : false;
  }

  function emptyText() {
    const name = folderName(store.state.folder);
    if (listQuery.search) {
      return name ? `Nothing in “${name}” or its subfolders matches “${listQuery.search}”.` : `No files match “${listQuery.search}”.`;
    }
    return name ? 'This folder is empty.' : 'This bucket has no files yet.';
  }

  /** Rows the list claims: the folders, then the files' (placeholders while the first page comes). */
  function rowsClaimed() {
    if (!list) return 0;
    if (!filesIn()) return folderCount() + (list.error ? 0 : (stale?.length ?? FIRST_ROWS));
    return folderCount() + list.length;
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
    const exact = filesIn() ? list.exactLength : null;
    const rows = rowsNow();
    grid.setAttribute('aria-rowcount', String(list && filesIn() && exact === null ? -1 : rows.folderCount + (exact ?? 0) + 1));
    if (force || win.start !== drawn.start || win.end !== drawn.end || countNow !== drawn.count) {
      drawn = { start: win.start, end: win.end, count: countNow };
      setHeight(win.totalHeight);
      const next = new Map();
      for (let i = win.start; i < win.end; i += 1) {
        const entry = rows.at(i);
        const label = entry ? null
          : placeholderLabel((holding() ? null : list?.describe(rows.fileIndex(i))) ?? LOADING_FIRST, noun());
        const kept = drawnRows.get(i);
        if (entry) {
          // A row that would be drawn the same is kept even on a forced redraw: replacing the row
          // under a mouse press between its press and its release loses the click.
          const fresh = force || kept?.dataset.rowKey !== rowKey(entry)
            ? (entry.kind === 'folder' ? folderRow(entry.folder, i) : fileRow(entry.file, i, rows.fileIndex(i))) : null;
          next.set(i, fresh && !(kept && sameRow(kept, fresh)) ? fresh : kept);
        } else {
          const fits = !force && kept && kept.dataset.placeholder === label;
          next.set(i, fits ? kept : placeholderRow(i, label));
        }
      }
      drawnRows = next;
      // A row's button with the keyboard stays with it when its row is drawn anew.
      const focused = spacer.contains(document.activeElement) ? document.activeElement : null;
      const focusedRow = focused?.closest('[data-row-key]')?.dataset.rowKey;
      keepInOrder(spacer, [...next.values()]);
      if (focused && !focused.isConnected) {
        const row = [...next.values()].find((r) => r.dataset.rowKey === focusedRow);
        (row?.querySelector(`.pending-action[data-action='${focused.dataset.action}']`) ?? grid).focus({ preventScroll: true });
      }
      const active = spacer.querySelector('.cursor');
      if (active) grid.setAttribute('aria-activedescendant', active.id); else grid.removeAttribute('aria-activedescendant');
    }
  }

  /** True when two rows show the same file or folder, in the same place and state. */
  function sameRow(a, b) {
    return a.dataset.rowKey === b.dataset.rowKey && a.id === b.id && a.className === b.className
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

  /** Sets the list's height: `px`, or more while a row held in place needs it (heightFloor). */
  function setHeight(px) {
    spacer.style.height = `${Math.max(px, heightFloor)}px`;
  }

  function place(row, index) {
    row.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
    return row;
  }

  /** Whether display row `index`'s place in the whole list is known (for aria-rowindex). */
  function placeKnown(index) {
    const j = rowsNow().fileIndex(index);
    return j < 0 || Boolean(list?.placeKnown(j));
  }

  /** A row not loaded yet: which files it stands for, and whether they are on their way. */
  function placeholderRow(index, label) {
    return place(el('div', {
      className: 'file-row skeleton',
      attrs: { role: 'row', 'aria-rowindex': placeKnown(index) ? String(index + 2) : null, 'data-placeholder': label },
    },
    el('div', { className: 'cell col-check' }),
    el('div', { className: 'cell col-name placeholder-label', attrs: { role: 'gridcell' }, text: label })), index);
  }

  /** A subfolder's row: its icon, name and how many files its subtree holds; a click opens it. */
  function folderRow(folder, index) {
    return place(el('div', {
      id: `folder-row-${index}`,
      className: `file-row folder-row${index === cursor ? ' cursor' : ''}`,
      attrs: {
        role: 'row', 'aria-rowindex': String(index + 2), 'data-folder-path': folder.path,
        'data-row-key': `folder:${folder.path}`,
      },
      on: {
        click: (event) => {
          if (event.detail > 1 && clickOpenedFolder) return;
          clickOpenedFolder = true;
          showFolder(folder.path);
        },
      },
    },
    el('div', { className: 'cell col-check', attrs: { role: 'gridcell' } }),
    el('div', { className: 'cell col-name', attrs: { role: 'gridcell' }, title: `${folder.path} (${plural(folder.files, 'file')})` },
      icon('folder'),
      el('span', { className: 'file-name folder-name', text: folder.name }),
      el('span', { className: 'muted folder-count', text: plural(folder.files, 'file') })),
    el('div', { className: 'cell col-type muted', attrs: { role: 'gridcell' }, text: 'Folder' }),
    el('div', { className: 'cell col-size', attrs: { role: 'gridcell' } }),
    el('div', { className: 'cell col-created', attrs: { role: 'gridcell' } })), index);
  }

  /** File `fileIndex` of the list, drawn at display row `index` (below the folder rows). */
  function fileRow(file, index, fileIndex) {
    const selected = store.state.fileSelection.has(file.id);
    const open = store.state.fileId === file.id;
    const nameMatch = fileIndex < (list?.nameMatches ?? 0);
    // A search lists the subtree: a match in a subfolder says where it lies from here.
    const below = listQuery.search ? folderBelow(file.folder, store.state.folder) : '';
    const check = el('input', {
      type: 'checkbox', checked: selected, tabIndex: -1, attrs: { 'aria-label': `Select ${file.name}` },
      on: { click: (event) => { event.stopPropagation(); select(file.id, { toggle: !event.shiftKey, shift: event.shiftKey }); } },
    });
    return place(el('div', {
      id: `file-row-${fileIndex}`,
      className: `file-row${selected ? ' selected' : ''}${open ? ' open' : ''}${index === cursor ? ' cursor' : ''}${nameMatch ? ' name-match' : ''}${nameMatch && fileIndex === list.nameMatches - 1 ? ' last-name-match' : ''}`,
      attrs: {
        role: 'row', 'aria-rowindex': placeKnown(index) ? String(index + 2) : null,
        'aria-selected': String(selected), 'aria-current': open ? 'true' : null, 'data-file-id': file.id,
        'data-row-key': `file:${file.id}`,
        'aria-description': [
          nameMatch ? 'Name matches the search' : null,
          file.pending && commands ? 'Upload not finished: Tab reaches Resume and Delete' : null,
        ].filter(Boolean).join('. ') || null,
      },
      on: {
        click: (event) => {
          if (event.detail > 1 && clickOpenedFolder) return;
          clickOpenedFolder = false;
          cursor = index;
          cursorKey = `file:${file.id}`;
          if (event.shiftKey || event.ctrlKey || event.metaKey) {
            select(file.id, { shift: event.shiftKey, toggle: !event.shiftKey });
          } else { onOpen(file.id); draw(true); }
        },
      },
    },
    el('div', { className: 'cell col-check', attrs: { role: 'gridcell' } }, check),
    el('div', { className: 'cell col-name', attrs: { role: 'gridcell' }, title: file.key || file.name },
      below ? el('span', { className: 'file-folder muted', text: below }) : null,
      el('span', { className: 'file-name', text: file.name }),
      file.pending ? el('span', { className: 'badge pending', text: 'Pending', title: 'Its upload has not finished' }) : null,
      file.pending && commands ? pendingActions(file, index) : null),
    el('div', { className: 'cell col-type muted', attrs: { role: 'gridcell' }, title: file.mimeType, text: file.mimeType }),
    el('div', { className: 'cell col-size', attrs: { role: 'gridcell' }, title: `${formatCount(file.size)} bytes`, text: formatBytes(file.size) }),
    el('div', { className: 'cell col-created muted', attrs: { role: 'gridcell' }, title: formatDateTime(file.createdAt), text: formatDate(file.createdAt) })), index);
  }

  /**
   * A pending row's Resume and Delete (the row's click is not theirs). On the cursor row they are
   * in the tab order, right after the list (Tab from the list goes to Resume); the list's own
   * keys on them go back to the list.
   */
  function pendingActions(file, index) {
    const button = (action, text, label, act) => el('button', {
      type: 'button', className: 'small pending-action', text, tabIndex: index === cursor ? 0 : -1,
      attrs: { 'aria-label': `${label} ${file.name}`, 'data-action': action },
      on: {
        click: (event) => { event.stopPropagation(); act(); },
        keydown: (event) => onActionKey(event),
      },
    });
    return el('span', { className: 'pending-actions' },
      button('resume', 'Resume', 'Resume the upload of', () => commands.resume(file)),
      button('delete', 'Delete', 'Delete', () => commands.remove([file])));
  }

  function onActionKey(event) {
    const here = event.currentTarget;
    const all = [...here.parentElement.querySelectorAll('.pending-action')];
    const at = all.indexOf(here);
    const does = rowActionKey(event, { first: at === 0, last: at === all.length - 1 });
    if (!does) return;
    event.preventDefault();
    event.stopPropagation();
    if (does === 'prev' || does === 'next') { all[at + (does === 'next' ? 1 : -1)].focus(); return; }
    grid.focus({ preventScroll: true });
    // The list's own keys act as if pressed on the list.
    if (does === 'move') {
      onKey({
        key: event.key, shiftKey: event.shiftKey, altKey: false, ctrlKey: false, metaKey: false, target: grid,
        preventDefault: () => {},
      });
    }
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
    cursorKey = rowKey(entryAt(index));
    setHeight(rowsClaimed() * ROW_HEIGHT);
    viewport.scrollTop = scrollToReveal({ index, scrollTop: viewport.scrollTop, viewportHeight: viewport.clientHeight, rowHeight: ROW_HEIGHT });
    draw(true);
  }

  /** The file's menu at `at` (a right click), or under its row (Shift+F10, the Menu key). */
  function openFileMenu(index, at = null) {
    const entry = entryAt(index);
    if (entry?.kind === 'folder') { openFolderMenu(index, entry.folder, at); return; }
    const file = rowAt(index);
    if (!file) return;
    if (cursor !== index) { cursor = index; cursorKey = `file:${file.id}`; draw(true); }
    const row = drawnRows.get(index);
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

  /** A folder's menu: open it (as a click, Enter or a double-click do). */
  function openFolderMenu(index, folder, at) {
    if (cursor !== index) { cursor = index; cursorKey = `folder:${folder.path}`; draw(true); }
    const row = drawnRows.get(index);
    openMenu(grid, [
      { id: 'open', label: 'Open folder', hint: 'Enter', onSelect: () => showFolder(folder.path, { keyboard: true }) },
    ], { label: `Folder ${folder.name}`, at: at ?? (row ? rowMenuPoint(row) : null) });
  }

  function onContextMenu(event) {
    const row = event.target.closest('[data-row-key]');
    const fromKeyboard = event.clientX === 0 && event.clientY === 0;
    const index = row ? rowsNow().indexOf(row.dataset.rowKey) : (fromKeyboard ? cursor : -1);
    if (index < 0 || !entryAt(index)) return;
    event.preventDefault();
    // Shift+F10 and the Menu key open the menu from onKey; the contextmenu they may fire too has
    // no pointer position.
    if (fromKeyboard && document.querySelector('.menu')) return;
    grid.focus({ preventScroll: true });
    openFileMenu(index, fromKeyboard ? null : { x: event.clientX, y: event.clientY });
  }

  function onKey(event) {
    if (event.target !== grid) return;
    // Tab reaches the cursor row's own buttons first (a pending upload's Resume and Delete).
    if (event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      const action = drawnRows.get(cursor)?.querySelector('.pending-action');
      if (action) { event.preventDefault(); action.focus(); }
      return;
    }
    // Alt+↑ goes up a level (the pane's handler), it does not move the cursor.
    if (event.altKey && event.key === 'ArrowUp') return;
    if (isMenuKey(event)) {
      if (entryAt(cursor)) { event.preventDefault(); openFileMenu(cursor); }
      return;
    }
    const next = moveIndex(cursor, event.key, rowsClaimed(), rowsPerPage({ viewportHeight: viewport.clientHeight, rowHeight: ROW_HEIGHT }));
    if (next !== null && filesIn()) {
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
    const entry = entryAt(cursor);
    if (event.key === 'Enter' && entry?.kind === 'folder' && !handoff.toFirst) {
      event.preventDefault();
      showFolder(entry.folder.path, { keyboard: true });
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
    /**
     * Shows the open bucket's `folder` (its root by default) from the top (clears search, keeps
     * the sort); `name` is the bucket's, for the breadcrumb.
     */
    open(name = '', folder = '') {
      bucketName = name;
      restoring = folderPath(folder) || null;
      goneFrom = null;
      showFolder(folder, { quiet: true });
    },
    /** Fetches the open folder's files and subfolders again (F5), with the search and sort shown. */
    refresh() {
      if (!store.state.bucketId) return;
      searchSoon.cancel();
      reload();
      loadSubfolders({ refresh: true });
    },
    /**
     * Files came or went (an upload finished, a delete): fetches the folder's files and
     * subfolders again (Rust walks the folders afresh after such a change), keeping the place in
     * the list and the rows shown until the new ones are in.
     */
    update() {
      if (!store.state.bucketId) return;
      reload({ keepPlace: true });
      loadSubfolders({ keep: true });
    },
    /** Files went (deleted): unticks them and fetches the list again, keeping the place. */
    forget(ids) {
      const left = new Set([...store.state.fileSelection].filter((id) => !ids.has(id)));
      if (left.size !== store.state.fileSelection.size) { store.setFileSelection(left); paintSelection(); }
      this.update();
    },
    /** Shows the "choose a bucket" state. */
    clear() {
      store.begin('files');
      searchSoon.cancel();
      search.value = '';
      handoff = { toFirst: false, openFirst: false };
      store.begin('folders');
      list = null;
      stale = null;
      cursor = -1;
      cursorKey = null;
      pendingCursor = null;
      restoring = null;
      goneFrom = null;
      subfolders = NO_SUBFOLDERS;
      clearTimeout(folderWait.timer);
      folderWait = { opened: false, over: false, timer: null };
      heightFloor = 0;
      foldersAbove = false;
      pendingEnd = false;
      count.textContent = '';
      details.disabled = true;
      grid.removeAttribute('aria-busy');
      paintSelection();
      message.replaceChildren(el('p', { className: 'empty', text: 'Choose a bucket in the sidebar to see its files.' }));
      paintTrail();
      draw(true);
    },
    /** Lists the folder above the open one (false at the root). */
    up() { return goUp(); },
    /** Repaints which file is open. */
    markOpen() { draw(true); },
    /** Puts the keyboard in the list (its cursor row stays where it was). */
    focusList() { grid.focus({ preventScroll: true }); },
    focusSearch() { search.focus(); search.select(); },
    get element() { return pane; },
  };
}
