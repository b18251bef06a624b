// The detail pane: the open file's facts (name, ID, its key when it is in a folder, MIME type,
// size, MD5, dates), its thumbnail fetched by Rust, and its token table.

import { el } from '../lib/dom.js';
import { formatBytes, formatCount, formatDateTime, formatRelative } from '../lib/format.js';
import { errorBanner } from '../components/banner.js';
import { copyIdIcon } from '../components/copy-id.js';
import { typeBadge } from '../lib/file-type.js';
import { icon } from '../components/icon.js';
import { createTokensView } from './tokens.js';

/**
 * `onShown(open)` hears whether a file is shown (the panes give it the width) or none;
 * `onClose()` closes the open file.
 */
export function createFileDetail({ api, store, root, project, errorActions = () => [], onShown = () => {}, onClose = () => {} }) {
  const facts = el('div', { className: 'file-facts' });
  const tokensRoot = el('div', { className: 'tokens-root' });
  let file = null;
  const tokens = createTokensView({ api, store, root: tokensRoot, project, fileName: () => file?.name ?? 'this file', errorActions });

  const close = el('button', {
    type: 'button', className: 'icon-button close-file', title: 'Close the file: the list takes the width',
    attrs: { 'aria-label': 'Close file' }, on: { click: () => onClose() },
  }, icon('close'));

  function empty() {
    onShown(false);
    root.replaceChildren(el('div', { className: 'empty-state' },
      el('p', { className: 'empty-title', text: 'No file open' }),
      el('p', { className: 'muted', text: 'Open a file to see its details and share it with expiring links. Press / to search, arrows and Enter to open.' })));
  }

  function skeleton() {
    facts.replaceChildren(el('div', { className: 'skeleton-block', attrs: { 'aria-hidden': 'true' } },
      el('span', { className: 'bar wide' }), el('span', { className: 'bar' }), el('span', { className: 'bar' })));
  }

  function renderFacts(f, thumbnail) {
    const row = (label, ...value) => [el('dt', { text: label }), el('dd', {}, ...value)];
    const when = (iso) => [formatDateTime(iso), el('span', { className: 'muted', text: ` (${formatRelative(iso)})` })];
    facts.replaceChildren(
      el('div', { className: 'facts-head' },
        el('div', { className: 'thumb' }, thumbnail
          ? el('img', { src: thumbnail, alt: `Preview of ${f.name}`, className: 'thumb-img' })
          : el('span', { className: 'thumb-none', text: typeBadge(f), title: f.mimeType, attrs: { 'aria-hidden': 'true' } })),
        el('div', { className: 'facts-title' },
          el('h2', { id: 'file-title', text: f.name, title: f.name }),
          f.pending ? el('span', { className: 'badge pending', text: `Pending upload (${f.chunksUploaded} of ${f.chunksTotal} chunks)` }) : null)),
      el('dl', { className: 'facts', attrs: { 'aria-label': 'File details' } },
        row('File ID', el('code', { text: f.id, attrs: { 'data-field': 'id' } }), ' ', copyIdIcon(f.id, 'File ID')),
        // Its folder and name in one (the newest Appwrite servers); at the root it is only the name.
        f.folder && f.key ? row('Key', el('code', { text: f.key, attrs: { 'data-field': 'key' } }), ' ', copyIdIcon(f.key, 'Key')) : null,
        row('MIME type', el('span', { text: f.mimeType, attrs: { 'data-field': 'mime' } })),
        row('Size', el('span', { text: `${formatBytes(f.size)} (${formatCount(f.size)} bytes)`, attrs: { 'data-field': 'size' } })),
        row('MD5', el('code', { text: f.signature || '—', attrs: { 'data-field': 'md5' } })),
        row('Created', ...when(f.createdAt)),
        row('Updated', ...when(f.updatedAt))));
  }

  async function show() {
    const { profileId, bucketId, fileId } = store.state;
    if (!fileId) { empty(); return; }
    const ticket = store.begin('file');
    file = null;
    onShown(true);
    root.replaceChildren(el('section', { className: 'file-detail', attrs: { 'aria-label': 'File details' } }, close, facts, tokensRoot));
    skeleton();
    tokens.load();
    try {
      const [answer, thumbnail] = await Promise.all([
        api.getFile({ profileId, bucketId, fileId }),
        api.fileThumbnail({ profileId, bucketId, fileId }).catch(() => null),
      ]);
      if (!store.accepts(ticket, answer) || answer.id !== fileId) return;
      file = answer;
      renderFacts(answer, thumbnail);
    } catch (error) {
      if (!store.accepts(ticket)) return;
      facts.replaceChildren(errorBanner(error, () => show(), errorActions(error)));
    }
  }

  empty();
  return { show, empty, tokens };
}
