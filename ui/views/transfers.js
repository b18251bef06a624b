// The uploads panel under the file list: Upload, the "Upload and share" toggle (remembered per
// project by Rust), every file on its way up or down with its progress, speed and time left, the
// whole's progress, Cancel (one file, up or down, or all of them), a failed file's reason with
// Retry, and uploads an earlier run left unfinished, offered for resume. Rust moves the bytes and
// reports by events; this view only shows them (lib/transfers.js works out what to say).

import { el, fill } from '../lib/dom.js';
import { plural } from '../lib/format.js';
import {
  createTransfers, itemStatus, overallStatus, lineName, uploadDoneToast, downloadDoneToast, cancelAllLabel,
} from '../lib/transfers.js';
import { toast, toastError } from '../components/toast.js';
import { icon } from '../components/icon.js';

/** How often a file on its way is told the time, so a stalled one's speed falls (ms). */
const TICK_MS = 1000;

/**
 * `project()` gives the current ProjectSummary; `onUpload()` opens the file dialog (the Upload
 * button); `onFileDone(record)` hears of each file that finished uploading (the list shows it);
 * `onBatchDone(batch)` of each upload batch that ended.
 */
export function createTransfersView({ api, store, root, project, onUpload, onFileDone = () => {}, onBatchDone = () => {} }) {
  const transfers = createTransfers();
  const rows = new Map();
  let share = false;
  let shareFor = null;
  let expanded = false;
  let pending = [];
  let ticking = null;

  const uploadButton = el('button', {
    type: 'button', className: 'primary upload-button', title: 'Upload files into the open folder (Ctrl+U)',
    attrs: { 'aria-keyshortcuts': 'Control+U' }, on: { click: () => onUpload() },
  }, icon('arrow-up'), 'Upload');
  const shareBox = el('input', {
    type: 'checkbox', id: 'share-on-upload',
    attrs: { 'aria-describedby': 'share-on-upload-hint' },
    on: { change: () => setShare(shareBox.checked) },
  });
  const shareHint = el('span', {
    id: 'share-on-upload-hint', className: 'offscreen',
    text: 'Each uploaded file gets a link with the project’s default expiry; all links are copied when the batch ends.',
  });
  const summary = el('span', { className: 'transfers-summary', attrs: { role: 'status', 'aria-live': 'polite' } });
  const overallBar = el('progress', { className: 'transfers-progress', max: 100, value: 0, hidden: true, attrs: { 'aria-label': 'All transfers' } });
  const cancelAll = el('button', { type: 'button', className: 'small', text: 'Cancel all', hidden: true, attrs: { 'aria-label': 'Cancel all uploads' }, on: { click: () => cancelEverything() } });
  const clear = el('button', { type: 'button', className: 'small', text: 'Clear', hidden: true, title: 'Remove the finished files from the list', attrs: { 'aria-label': 'Clear finished transfers' }, on: { click: () => { transfers.clearFinished(); render(); } } });
  const toggle = el('button', {
    type: 'button', className: 'small toggle-list', hidden: true,
    attrs: { 'aria-expanded': 'false', 'aria-controls': 'transfers-list' },
    on: { click: () => setExpanded(!expanded) },
  });
  const pendingNote = el('div', { className: 'transfers-pending', hidden: true, attrs: { role: 'region', 'aria-label': 'Unfinished uploads' } });
  const list = el('ul', { id: 'transfers-list', className: 'transfers-list', hidden: true, attrs: { 'aria-label': 'Transfers' } });
  const panel = el('div', { className: 'transfers' },
    el('div', { className: 'transfers-bar' },
      uploadButton,
      el('label', { className: 'check-row share-toggle', htmlFor: 'share-on-upload', title: shareHint.textContent }, shareBox, 'Upload and share'),
      shareHint,
      el('span', { className: 'transfers-status' }, summary, overallBar),
      cancelAll, clear, toggle),
    pendingNote, list);
  root.replaceChildren(panel);
  new ResizeObserver(() => keepToastsAbove()).observe(root);

  /**
   * The toasts sit above the panel (dialogs.css reads its height), so none covers Cancel all or a
   * file's buttons. Told on every redraw, not only by the resize observer: its word can come late
   * (WebKitGTK left a toast over Cancel all while the panel grew by two lines).
   */
  function keepToastsAbove() {
    const height = `${root.hidden ? 0 : root.offsetHeight}px`;
    const style = document.documentElement.style;
    if (style.getPropertyValue('--transfers-height') !== height) style.setProperty('--transfers-height', height);
  }

  function setExpanded(on) {
    expanded = on;
    render();
  }

  /** Shows the toggle as Rust has it for `profileId` (asked on each project switch). */
  async function loadShare(profileId) {
    shareFor = profileId;
    shareBox.disabled = true;
    let on = false;
    try {
      on = Boolean(await api.getShareOnUpload(profileId));
    } catch { /* off until Rust can say: an upload then shares only from the share zone */ }
    if (shareFor !== profileId) return;
    share = on;
    shareBox.checked = on;
    shareBox.disabled = false;
  }

  async function setShare(on) {
    const profileId = store.state.profileId;
    if (!profileId) return;
    share = on;
    // Held until Rust has kept it, so a quick second click cannot overtake the first.
    shareBox.disabled = true;
    try {
      await api.setShareOnUpload({ profileId, on });
    } catch (e) {
      toastError(e, 'The choice was not kept for next time');
    } finally {
      if (shareFor === profileId) shareBox.disabled = false;
    }
  }

  /** Offers what an earlier run left unfinished for `profileId`. */
  async function loadPending(profileId) {
    pending = [];
    try {
      const found = await api.pendingUploads(profileId);
      if (store.state.profileId !== profileId) return;
      pending = Array.isArray(found) ? found : [];
    } catch { /* nothing to offer: the journal is read again at the next start */ }
    if (pending.length) setExpanded(true); else render();
  }

  /** Resumes what an earlier run left (`count` uploads, as the journal said). */
  async function resumePending(count = pending.length) {
    const profileId = store.state.profileId;
    pending = [];
    render();
    try {
      const answer = await api.resumeUploads(profileId);
      for (const batch of [].concat(answer ?? [])) transfers.addUploadBatch(batch);
      setExpanded(true);
      toast(`Resuming ${plural(count, 'upload')}`, { kind: 'info', detail: 'Each continues from the part the server already has.' });
    } catch (e) {
      toastError(e, 'The uploads were not resumed');
    }
  }

  /** Cancel all: every batch with a file on its way, uploads and downloads alike. */
  async function cancelEverything() {
    const batches = new Map(transfers.active().map((r) => [`${r.kind}:${r.batchId}`, r]));
    await Promise.all([...batches.values()].map(({ kind, batchId }) => (kind === 'upload'
      ? api.cancelUpload({ batchId, uploadId: null })
      : api.cancelDownload({ batchId, fileId: null })).catch((e) => toastError(e, 'Not cancelled'))));
  }

  async function cancelOne(record) {
    try {
      if (record.kind === 'upload') await api.cancelUpload({ batchId: record.batchId, uploadId: record.id });
      else await api.cancelDownload({ batchId: record.batchId, fileId: record.id });
    } catch (e) { toastError(e, 'Not cancelled'); }
  }

  async function retryOne(record) {
    try {
      transfers.addUploadBatch(await api.retryUpload({ batchId: record.batchId, uploadId: record.id }));
      render();
      keepTicking();
    } catch (e) { toastError(e, 'Not retried'); }
  }

  function row(record) {
    const status = itemStatus(record);
    const place = record.folder ? `${record.folder}${record.name}` : record.name;
    const label = lineName(record);
    const bar = el('progress', { max: 100, value: status.percent, attrs: { 'aria-label': `The ${label}: ${status.percent}%` } });
    return el('li', {
      className: `transfer ${status.tone}`,
      attrs: {
        'data-kind': record.kind, 'data-state': record.state, 'data-upload-id': record.kind === 'upload' ? record.id : null,
        'data-file-id': record.fileId ?? null, 'data-code': record.error?.code ?? null, 'aria-label': `The ${label}`,
      },
    },
    el('span', { className: 'transfer-direction', attrs: { 'aria-hidden': 'true' } }, icon(record.kind === 'upload' ? 'arrow-up' : 'arrow-down')),
    el('span', { className: 'transfer-name', text: place, title: place }),
    bar,
    el('span', { className: 'transfer-label', text: status.label }),
    el('span', { className: 'transfer-detail', text: status.detail ?? '', title: status.detail ?? '' }),
    el('span', { className: 'transfer-actions' },
      status.canCancel ? el('button', { type: 'button', className: 'small', text: 'Cancel', attrs: { 'aria-label': `Cancel the ${label}` }, on: { click: () => cancelOne(record) } }) : null,
      status.canRetry ? el('button', { type: 'button', className: 'small', text: 'Retry', attrs: { 'aria-label': `Retry the ${label}` }, on: { click: () => retryOne(record) } }) : null));
  }

  /** Puts `fresh` in the place of `old`, keeping the keyboard on the same button if it was there. */
  function swap(old, fresh) {
    const had = old.contains(document.activeElement) ? document.activeElement.textContent : null;
    old.replaceWith(fresh);
    if (had) ([...fresh.querySelectorAll('button')].find((b) => b.textContent === had) ?? toggle).focus();
  }

  /** Redraws the bar and one file's line (an event changed it), or every line when `record` is null. */
  function render(record = null) {
    const all = transfers.list();
    const overall = transfers.overall();
    const hasBucket = Boolean(store.state.profileId && store.state.bucketId);
    panel.hidden = !hasBucket && !all.length && !pending.length;
    root.hidden = panel.hidden;
    uploadButton.disabled = !hasBucket;
    summary.textContent = overallStatus(overall);
    summary.title = summary.textContent;
    overallBar.hidden = !overall.active;
    overallBar.value = overall.percent;
    const stopsAll = cancelAllLabel(overall);
    cancelAll.hidden = !stopsAll;
    if (stopsAll) cancelAll.setAttribute('aria-label', stopsAll);
    clear.hidden = !all.length || overall.active === all.length;
    toggle.hidden = !all.length;
    toggle.textContent = expanded ? 'Hide' : `Show (${all.length})`;
    toggle.setAttribute('aria-expanded', String(expanded));
    toggle.setAttribute('aria-label', expanded ? 'Hide the transfers' : 'Show the transfers');
    list.hidden = !expanded || !all.length;
    pendingNote.hidden = !pending.length;
    if (pending.length) {
      const names = pending.slice(0, 3).map((p) => p.name).join(', ') + (pending.length > 3 ? ` and ${pending.length - 3} more` : '');
      fill(pendingNote,
        el('span', { text: `${plural(pending.length, 'upload')} from an earlier session did not finish: ${names}.` }),
        el('button', { type: 'button', className: 'small', text: 'Resume', attrs: { 'aria-label': 'Resume the unfinished uploads' }, on: { click: () => resumePending() } }),
        el('button', { type: 'button', className: 'small', text: 'Not now', on: { click: () => { pending = []; render(); } } }));
    }
    const records = record && rows.has(record.key) ? [record] : all;
    if (records === all) {
      const keep = new Set(all.map((r) => r.key));
      for (const [key, node] of rows) if (!keep.has(key)) { node.remove(); rows.delete(key); }
    }
    for (const r of records) {
      const fresh = row(r);
      const old = rows.get(r.key);
      if (old) swap(old, fresh); else list.append(fresh);
      rows.set(r.key, fresh);
    }
    keepToastsAbove();
  }

  function keepTicking() {
    if (ticking || !transfers.active().length) return;
    ticking = setInterval(() => {
      if (!transfers.tick()) { clearInterval(ticking); ticking = null; }
      render();
    }, TICK_MS);
  }

  const listening = [
    api.onUploadProgress((event) => {
      const record = transfers.uploadProgress(event);
      if (!record) return;
      render(rows.has(record.key) ? record : null);
      keepTicking();
      if (record.state === 'done') onFileDone(record);
    }),
    api.onUploadDone((event) => {
      const batch = transfers.uploadDone(event);
      if (!batch) return;
      render();
      const shown = uploadDoneToast(event, { share: batch.share, demo: Boolean(project()?.isDemo) });
      toast(shown.message, { kind: shown.kind, detail: shown.detail });
      onBatchDone(batch);
    }),
    api.onDownloadProgress((event) => {
      const record = transfers.downloadProgress(event);
      if (!record) return;
      render(rows.has(record.key) ? record : null);
      keepTicking();
    }),
    api.onDownloadDone((event) => {
      const batch = transfers.downloadDone(event);
      if (!batch) return;
      render();
      const mine = transfers.itemsOf(batch);
      const counted = {
        done: event.done ?? mine.filter((r) => r.state === 'done').length,
        failed: event.failed ?? mine.filter((r) => r.state === 'failed').length,
        cancelled: event.cancelled ?? mine.filter((r) => r.state === 'cancelled').length,
      };
      const shown = downloadDoneToast(counted, { dir: batch.dir });
      toast(shown.message, { kind: shown.kind, detail: shown.detail });
    }),
  ];
  Promise.all(listening).catch(() => { /* outside the app: nothing moves */ });

  render();
  return {
    /** The project (or its bucket) shown changed: the toggle and the unfinished uploads follow. */
    showProject(profileId) {
      if (!profileId) { render(); return; }
      loadShare(profileId);
      loadPending(profileId);
    },
    /** A bucket opened or closed: Upload follows. */
    repaint() { render(); },
    /** Whether "Upload and share" is on for the current project. */
    get share() { return share; },
    /** A batch Rust started (its answer): its files are listed at once, and the list opens. */
    addUploadBatch(answer) {
      if (!transfers.addUploadBatch(answer)) return;
      expanded = true;
      render();
      keepTicking();
    },
    /** A download Rust started for `files` ([{id, name, size}]). */
    addDownloadBatch(answer, meta) {
      if (!transfers.addDownloadBatch(answer, meta)) return;
      expanded = true;
      render();
      keepTicking();
    },
    /** The file ids of the open bucket being uploaded right now. */
    uploadingFileIds(profileId, bucketId) { return transfers.uploadingFileIds(profileId, bucketId); },
    /**
     * Sends again this run's stopped upload of `fileId` (a pending row's Resume after a cancel);
     * false when this run has none.
     */
    async retryStopped(profileId, bucketId, fileId) {
      const record = transfers.stoppedUpload(profileId, bucketId, fileId);
      if (!record) return false;
      await retryOne(record);
      return true;
    },
    /** What earlier runs left unfinished for the project, as the journal says now. */
    async pendingFor(profileId) {
      return api.pendingUploads(profileId).then((found) => (Array.isArray(found) ? found : []));
    },
    resumePending,
  };
}
