// The sidebar's bucket list for the current project, drawn into `root`: each bucket's name, its
// description and size where the server sends them; server-side search as you type, sort, keyboard
// navigation, click-to-copy IDs.

import { el, uniqueId } from '../lib/dom.js';
import { debounce } from '../lib/debounce.js';
import { formatDate, formatDateTime, plural } from '../lib/format.js';
import { bucketLine } from '../lib/bucket-facts.js';
import { moveIndex } from '../lib/list-navigation.js';
import { searchStale, enterAction } from '../lib/search-handoff.js';
import { errorBanner } from '../components/banner.js';
import { idButton } from '../components/copy-id.js';
import { toApiError } from '../api.js';

const SORTS = {
  name: { label: 'Name A–Z', compare: (a, b) => a.name.localeCompare(b.name) },
  newest: { label: 'Newest first', compare: (a, b) => b.createdAt.localeCompare(a.createdAt) },
  oldest: { label: 'Oldest first', compare: (a, b) => a.createdAt.localeCompare(b.createdAt) },
};

/**
 * `onOpen(bucketId)` opens a bucket; `errorActions(error)` gives extra banner buttons for an error.
 */
export function createBucketsView({ api, store, root, onOpen, errorActions = () => [] }) {
  const headingId = uniqueId('buckets-heading');
  const search = el('input', {
    type: 'search', placeholder: 'Search buckets', autocomplete: 'off', attrs: { 'aria-label': 'Search buckets' },
  });
  const sort = el('select', { attrs: { 'aria-label': 'Sort buckets' } },
    Object.entries(SORTS).map(([value, s]) => el('option', { value, text: s.label })));
  const count = el('span', { className: 'muted count', attrs: { 'aria-live': 'polite' } });
  const list = el('div', { className: 'bucket-list', tabIndex: 0, attrs: { role: 'listbox', 'aria-label': 'Buckets' } });
  const status = el('div');
  let buckets = [];
  let cursor = -1;
  // The search of the newest request, whether its answer is still on its way, and whether Enter
  // asked to open the first match once it arrives (`/`, type, ↓, Enter faster than the answer).
  let searched = '';
  let loading = false;
  let openWhenLoaded = false;

  root.setAttribute('aria-labelledby', headingId);
  root.replaceChildren(
    el('div', { className: 'section-head buckets-head' },
      el('h2', { className: 'sidebar-heading', id: headingId, text: 'Buckets' }), count, sort),
    el('div', { className: 'bucket-controls' }, search),
    status, list);

  sort.addEventListener('change', render);
  const searchSoon = debounce(() => load(), 250);
  search.addEventListener('input', searchSoon);
  search.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const stale = searchStale({ typed: search.value, searched });
      if (!stale && !loading && !buckets.length) return;
      event.preventDefault();
      if (stale) { searchSoon.cancel(); load(); }
      // The first match, whichever bucket is open.
      cursor = 0;
      list.focus();
    }
    if (event.key === 'Enter') { searchSoon.cancel(); load(); }
  });

  list.addEventListener('keydown', (event) => {
    const shown = sorted();
    const next = moveIndex(cursor, event.key, shown.length, 10);
    if (next !== null) {
      event.preventDefault();
      cursor = next;
      paintCursor();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const action = enterAction({ typed: search.value, searched, loading, hasRow: Boolean(shown[cursor]) });
      if (action === 'open') onOpen(shown[cursor].id);
      else if (action === 'wait') {
        if (searchStale({ typed: search.value, searched })) { searchSoon.cancel(); load(); }
        openWhenLoaded = true;
      }
    }
  });
  // Only a keyboard focus moves to the cursor: scrolling on a click's focus moved the list between
  // the press and the release, so a bucket low in a scrolled list opened another one, or none.
  list.addEventListener('focus', () => {
    if (!list.matches(':focus-visible')) return;
    if (cursor < 0) cursor = Math.max(0, sorted().findIndex((b) => b.id === store.state.bucketId));
    paintCursor();
  });

  function sorted() {
    return buckets.slice().sort(SORTS[sort.value]?.compare ?? SORTS.name.compare);
  }

  function paintCursor() {
    const options = [...list.querySelectorAll('[role=option]')];
    options.forEach((o, i) => o.classList.toggle('cursor', i === cursor));
    if (options[cursor]) {
      list.setAttribute('aria-activedescendant', options[cursor].id);
      options[cursor].scrollIntoView({ block: 'nearest' });
    } else list.removeAttribute('aria-activedescendant');
  }

  function render() {
    const shown = sorted();
    const query = search.value.trim();
    status.replaceChildren();
    if (shown.length === 0) {
      const text = query ? `No buckets match “${query}”.` : 'No buckets in this project yet.';
      status.append(el('p', { className: 'empty', text }));
    }
    list.replaceChildren(...shown.map((b, i) => {
      const selected = b.id === store.state.bucketId;
      const line = bucketLine(b);
      return el('div', {
        id: `bucket-option-${i}`,
        className: `bucket-option${selected ? ' current' : ''}${b.enabled === false ? ' disabled' : ''}`,
        attrs: { role: 'option', 'aria-selected': String(selected), 'data-bucket-id': b.id },
        on: { click: () => { cursor = i; paintCursor(); onOpen(b.id); } },
      },
      el('span', { className: 'bucket-name', text: b.name, title: b.name }),
      line.description ? el('span', { className: 'bucket-description muted', text: line.description, title: line.description }) : null,
      el('span', { className: 'bucket-meta' },
        idButton(b.id, 'Bucket ID'),
        // Size and date stay together, wrapping as one under the ID when the sidebar is narrow.
        el('span', { className: 'bucket-numbers muted' },
          line.size ? el('span', { className: 'bucket-size', text: line.size, title: line.sizeTitle }) : null,
          el('span', { text: formatDate(b.createdAt), title: `Created ${formatDateTime(b.createdAt)}` }))));
    }));
    count.textContent = query ? plural(shown.length, 'match', 'matches') : plural(shown.length, 'bucket');
    cursor = Math.min(cursor, shown.length - 1);
    paintCursor();
  }

  function skeleton() {
    status.replaceChildren();
    count.textContent = '';
    list.replaceChildren(...Array.from({ length: 5 },
      () => el('div', { className: 'skeleton-row', attrs: { 'aria-hidden': 'true' } })));
    list.setAttribute('aria-busy', 'true');
  }

  /**
   * Loads the current project's buckets; resolves to the list, or null when stale or failed.
   * `listed` ({buckets, error}) is an answer already fetched for this project with no search (the
   * first screen's), shown instead of asking again.
   */
  async function load(listed = null) {
    const ticket = store.begin('buckets');
    if (!store.state.profileId) return null;
    const asked = search.value.trim();
    if (asked !== searched) cursor = document.activeElement === list ? 0 : -1;
    searched = asked;
    const fetched = listed && !asked ? listed : null;
    loading = true;
    if (!fetched) skeleton();
    try {
      if (fetched?.error) throw toApiError(fetched.error);
      const answer = fetched?.buckets
        ?? await api.listBuckets({ profileId: ticket.scope.profileId, search: asked || null });
      if (!store.accepts(ticket, answer)) return null;
      loading = false;
      buckets = answer.buckets;
      list.removeAttribute('aria-busy');
      render();
      if (openWhenLoaded) {
        openWhenLoaded = false;
        const first = sorted()[Math.max(cursor, 0)];
        if (first) onOpen(first.id);
      }
      return buckets;
    } catch (error) {
      if (!store.accepts(ticket)) return null;
      loading = false;
      openWhenLoaded = false;
      buckets = [];
      list.removeAttribute('aria-busy');
      list.replaceChildren();
      list.removeAttribute('aria-activedescendant');
      count.textContent = '';
      status.replaceChildren(errorBanner(error, () => load(), errorActions(error)));
      return null;
    }
  }

  return {
    load,
    /** Clears the search (when switching projects) without loading. */
    reset() {
      searchSoon.cancel();
      search.value = '';
      searched = '';
      openWhenLoaded = false;
      buckets = [];
      cursor = -1;
      list.replaceChildren();
      list.removeAttribute('aria-activedescendant');
      status.replaceChildren();
    },
    /** Fetches the buckets again (F5), with the search shown. */
    refresh() { searchSoon.cancel(); return load(); },
    /** Repaints which bucket is open. */
    markOpen() { render(); },
    bucket(id) { return buckets.find((b) => b.id === id) ?? null; },
    focusSearch() { search.focus(); search.select(); },
  };
}

