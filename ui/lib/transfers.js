// Uploads and downloads as the transfers panel shows them, with no DOM so it is tested in node:
// batches and their files built from Rust's answers and events (an event may come before the
// answer that started its batch), each file's smoothed speed and time left, the whole's progress,
// what each file's line says and what can be done to it (Cancel for a file on its way, up or
// down; Retry for a stopped upload), what Cancel all stops, and the toast a finished batch earns.

import { createRateMeter, timeLeft, percentDone, formatSpeed, formatTimeLeft } from './transfer-rate.js';
import { formatBytes, plural } from './format.js';

/** States a file's transfer ends in (UploadItem.state; a download's are done, failed and cancelled). */
const FINAL = new Set(['done', 'failed', 'cancelled', 'interrupted']);
/** Refusals the file itself earns: sending the same file again gets the same answer. */
const SAME_AGAIN = new Set(['too_large', 'extension_not_allowed']);

const isFinal = (state) => FINAL.has(state);

/** The same file's key in both its batch's answer and its events. */
const keyOf = (kind, batchId, id) => `${kind}:${batchId}:${id}`;

/**
 * The transfers of this run. `now()` gives the time in milliseconds (tests pass a clock).
 */
export function createTransfers({ now = () => Date.now() } = {}) {
  const batches = new Map();
  const items = new Map();
  let order = 0;

  function batchOf(kind, payload) {
    const key = `${kind}:${payload.batchId}`;
    let batch = batches.get(key);
    if (!batch) {
      batch = { key, kind, batchId: payload.batchId, profileId: null, bucketId: null, share: false, ended: null, dir: null };
      batches.set(key, batch);
    }
    for (const field of ['profileId', 'bucketId', 'dir']) {
      if (payload[field] !== undefined && payload[field] !== null) batch[field] = payload[field];
    }
    if (typeof payload.share === 'boolean') batch.share = payload.share;
    return batch;
  }

  /** Files that left an earlier run unfinished come as items with their batch named in them. */
  function put(kind, batch, id, fields) {
    const key = keyOf(kind, batch.batchId, id);
    let record = items.get(key);
    if (!record) {
      order += 1;
      record = {
        key, kind, batchId: batch.batchId, id, order, name: id, folder: '', size: 0, done: 0,
        state: 'queued', error: null, resumed: false, fileId: kind === 'download' ? id : null, path: null,
        profileId: batch.profileId, bucketId: batch.bucketId, meter: createRateMeter(),
      };
      items.set(key, record);
    }
    const before = record.state;
    for (const [field, value] of Object.entries(fields)) if (value !== undefined) record[field] = value;
    record.profileId = batch.profileId;
    record.bucketId = batch.bucketId;
    record.size = Number(record.size) || 0;
    record.done = Number(record.done) || 0;
    // A retried file starts its speed over (its bytes may not go back: it resumes).
    if (isFinal(before) && !isFinal(record.state)) record.meter = createRateMeter();
    if (!isFinal(record.state)) record.meter.sample(record.done, now());
    return record;
  }

  function uploadFields(item) {
    return {
      name: item.name, folder: item.folder ?? '', size: item.size, done: item.sent, state: item.state,
      error: item.error ?? null, resumed: Boolean(item.resumed), fileId: item.fileId ?? null,
    };
  }

  function downloadFields(item) {
    // A file stopped before Rust looked it up goes by its id: the name and size listed stay.
    const known = item.name !== item.fileId || item.size > 0;
    return {
      name: known ? item.name : undefined, size: known ? item.size : undefined, done: item.received,
      state: item.state, error: item.error ?? null, path: item.path ?? null, fileId: item.fileId,
    };
  }

  return {
    /**
     * The answer of upload_files / choose_upload_files / retry / resume: a batch and its files.
     * Events can overtake the answer, so a file already heard of keeps what its events said.
     */
    addUploadBatch(answer) {
      if (!answer?.batchId) return null;
      const batch = batchOf('upload', answer);
      for (const item of answer.items ?? []) {
        if (!items.has(keyOf('upload', batch.batchId, item.uploadId))) put('upload', batch, item.uploadId, uploadFields(item));
      }
      return batch;
    },
    /** An `upload-progress` event; gives the file's record. */
    uploadProgress(event) {
      if (!event?.batchId || !event.item) return null;
      const batch = batchOf('upload', event);
      return put('upload', batch, event.item.uploadId, uploadFields(event.item));
    },
    /** An `upload-done` event: the batch has ended; gives the batch. */
    uploadDone(event) {
      if (!event?.batchId) return null;
      const batch = batchOf('upload', event);
      batch.ended = event;
      return batch;
    },
    /** download_files' answer ({batchId, dir}) for `files` ([{id, name, size}]). */
    addDownloadBatch(answer, { profileId, bucketId, files = [] }) {
      if (!answer?.batchId) return null;
      const batch = batchOf('download', { ...answer, profileId, bucketId });
      for (const f of files) {
        if (!items.has(keyOf('download', batch.batchId, f.id))) {
          put('download', batch, f.id, { name: f.name, size: f.size, fileId: f.id, state: 'queued' });
        }
      }
      return batch;
    },
    /** A `download-progress` event; gives the file's record. */
    downloadProgress(event) {
      if (!event?.batchId || !event.item) return null;
      const batch = batchOf('download', event);
      return put('download', batch, event.item.fileId, downloadFields(event.item));
    },
    /** A `download-done` event; gives the batch. */
    downloadDone(event) {
      if (!event?.batchId) return null;
      const batch = batchOf('download', event);
      batch.ended = event;
      return batch;
    },
    /** Every file, in the order they were first heard of. */
    list() {
      return [...items.values()].sort((a, b) => a.order - b.order);
    },
    batch(kind, batchId) {
      return batches.get(`${kind}:${batchId}`) ?? null;
    },
    /** The files of `batch` (as batch() gives it). */
    itemsOf(batch) {
      return this.list().filter((r) => r.kind === batch.kind && r.batchId === batch.batchId);
    },
    /** A file's record, by its kind, batch and upload id (downloads: file id). */
    item(kind, batchId, id) {
      return items.get(keyOf(kind, batchId, id)) ?? null;
    },
    /** The files on their way (not ended), of one kind or both. */
    active(kind = null) {
      return this.list().filter((r) => !isFinal(r.state) && (!kind || r.kind === kind));
    },
    /**
     * The files of a bucket being uploaded now, by their file id (a pending row in the list may be
     * one of them).
     */
    uploadingFileIds(profileId, bucketId) {
      return new Set(this.active('upload').filter((r) => r.profileId === profileId && r.bucketId === bucketId && r.fileId)
        .map((r) => r.fileId));
    },
    /**
     * This run's stopped upload (cancelled, interrupted, or failed with Retry) of file `fileId` of a
     * bucket, the latest if several: the one a pending row's Resume sends again. Null if none.
     */
    stoppedUpload(profileId, bucketId, fileId) {
      const stopped = this.list().filter((r) => r.kind === 'upload' && r.fileId === fileId
        && r.profileId === profileId && r.bucketId === bucketId && itemStatus(r).canRetry);
      return stopped.at(-1) ?? null;
    },
    /** Feeds every file on its way the time now, so a stalled one's speed falls. */
    tick() {
      const at = now();
      const active = this.active();
      for (const r of active) r.meter.sample(r.done, at);
      return active.length;
    },
    /** Forgets the files that ended (and batches left with none). */
    clearFinished() {
      for (const [key, r] of items) if (isFinal(r.state)) items.delete(key);
      for (const [key, batch] of batches) {
        if (![...items.values()].some((r) => `${r.kind}:${r.batchId}` === key)) batches.delete(key);
      }
    },
    /** The whole: how many files, how far, how fast, how long left. */
    overall() {
      const all = this.list();
      const active = all.filter((r) => !isFinal(r.state));
      const count = (state) => all.filter((r) => r.state === state).length;
      // Progress over what is moving, or what moved last: files that ended count as whole.
      const size = all.reduce((n, r) => n + r.size, 0);
      const done = all.reduce((n, r) => n + (r.state === 'done' ? r.size : Math.min(r.done, r.size)), 0);
      const speeds = active.map((r) => r.meter.speed).filter((v) => v !== null);
      const speed = speeds.length ? speeds.reduce((a, b) => a + b, 0) : null;
      const remaining = active.reduce((n, r) => n + Math.max(0, r.size - r.done), 0);
      return {
        files: all.length,
        active: active.length,
        uploading: active.filter((r) => r.kind === 'upload').length,
        downloading: active.filter((r) => r.kind === 'download').length,
        finished: count('done'),
        failed: count('failed') + count('interrupted'),
        cancelled: count('cancelled'),
        size,
        done,
        percent: percentDone(done, size, active.length === 0),
        speed,
        eta: active.length ? timeLeft(remaining, speed) : 0,
      };
    },
  };
}

/** How a file's line is named for its buttons: "upload of report.pdf", "download of a.txt". */
export function lineName(record) {
  return `${record.kind === 'upload' ? 'upload' : 'download'} of ${record.name}`;
}

/**
 * What a file's line says and offers: {label, detail, tone, percent, canCancel, canRetry}; `tone`
 * is active, done, error or muted.
 */
export function itemStatus(record) {
  const up = record.kind === 'upload';
  const percent = percentDone(record.done, record.size, record.state === 'done');
  const bytes = `${formatBytes(record.done)} of ${formatBytes(record.size)}`;
  const resumed = record.resumed ? 'resumed · ' : '';
  const base = { percent, canCancel: false, canRetry: false };
  switch (record.state) {
    case 'queued':
      return { ...base, label: 'Waiting', detail: formatBytes(record.size), tone: 'muted', canCancel: true };
    case 'checking':
      return { ...base, label: 'Checking', detail: 'Checking the bucket’s limits', tone: 'muted', canCancel: up };
    case 'uploading':
    case 'downloading': {
      const left = formatTimeLeft(timeLeft(record.size - record.done, record.meter?.speed ?? null));
      const speed = record.meter?.speed ?? null;
      const pace = speed === null ? '' : ` · ${formatSpeed(speed)}${left ? ` · ${left} left` : ''}`;
      return { ...base, label: `${percent}%`, detail: `${resumed}${bytes}${pace}`, tone: 'active', canCancel: true };
    }
    case 'sharing':
      return { ...base, label: 'Making its link', detail: `${resumed}${formatBytes(record.size)} uploaded`, tone: 'active' };
    case 'done':
      return up
        ? { ...base, label: 'Uploaded', detail: `${resumed}${formatBytes(record.size)}`, tone: 'done' }
        : { ...base, label: 'Downloaded', detail: record.path ?? formatBytes(record.size), tone: 'done' };
    case 'failed':
      return {
        ...base, label: 'Failed', detail: record.error?.message ?? 'It could not be sent.', tone: 'error',
        canRetry: up && !SAME_AGAIN.has(record.error?.code),
      };
    case 'cancelled':
      return up
        ? { ...base, label: 'Cancelled', detail: bytes, tone: 'muted', canRetry: true }
        : { ...base, label: 'Cancelled', detail: 'Nothing was saved', tone: 'muted' };
    case 'interrupted':
      return {
        ...base, label: 'Interrupted',
        detail: record.error?.message ?? 'Retry continues from the part the server already has.',
        tone: 'error', canRetry: up,
      };
    default:
      return { ...base, label: `${percent}%`, detail: bytes, tone: 'active' };
  }
}

/**
 * What the panel's Cancel all stops, by what is on its way (`overall` as createTransfers().overall()
 * gives it): its accessible name, or null when nothing is.
 */
export function cancelAllLabel(overall) {
  if (overall.uploading && overall.downloading) return 'Cancel all uploads and downloads';
  if (overall.uploading) return 'Cancel all uploads';
  if (overall.downloading) return 'Cancel all downloads';
  return null;
}

/** The panel's summary line of `overall` (as createTransfers().overall() gives it). */
export function overallStatus(overall) {
  if (!overall.files) return 'No uploads yet. Drop files on the list, or choose Upload.';
  if (overall.active) {
    const ended = overall.files - overall.active;
    const left = formatTimeLeft(overall.eta);
    const pace = overall.speed === null ? '' : ` · ${formatSpeed(overall.speed)}${left ? ` · ${left} left` : ''}`;
    return `${ended} of ${plural(overall.files, 'file')} · ${overall.percent}% · ${formatBytes(overall.done)} of ${formatBytes(overall.size)}${pace}`;
  }
  const parts = overall.finished || !(overall.failed || overall.cancelled) ? [`${plural(overall.finished, 'file')} done`] : [];
  if (overall.failed) parts.push(`${overall.failed} failed`);
  if (overall.cancelled) parts.push(`${overall.cancelled} cancelled`);
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The toast for an `upload-done` event ({done, failed, cancelled, linksCopied, expiry}) of a batch
 * made with `share` on or off: {message, kind, detail}.
 */
export function uploadDoneToast(event, { share = false, demo = false } = {}) {
  const done = Number(event?.done) || 0;
  const failed = Number(event?.failed) || 0;
  const cancelled = Number(event?.cancelled) || 0;
  const links = Number(event?.linksCopied) || 0;
  const trouble = failed ? `${plural(failed, 'file')} failed: the uploads panel says why.` : null;
  const join = (...parts) => parts.filter(Boolean).join(' ') || null;
  if (links) {
    const expiry = event?.expiry ? String(event.expiry) : null;
    const never = !expiry || /^never/i.test(expiry);
    const when = never ? 'They never expire: be careful where you share them.' : `They expire in ${expiry}.`;
    return {
      message: `${plural(links, 'link')} copied to the clipboard, one per line`,
      kind: failed || never ? 'warn' : 'success',
      detail: join(when, trouble, demo ? 'Demo links work only on this computer.' : null),
    };
  }
  if (done) {
    return {
      message: `${plural(done, 'file')} uploaded`,
      kind: failed ? 'warn' : 'success',
      detail: join(share ? 'No link could be made: open a file to make one.' : null, trouble),
    };
  }
  if (failed) return { message: `${plural(failed, 'upload')} failed`, kind: 'error', detail: 'The uploads panel says why.' };
  if (cancelled) return { message: 'Upload cancelled', kind: 'info', detail: null };
  return { message: 'Nothing was uploaded', kind: 'info', detail: null };
}

/** The toast for a `download-done` event ({done, failed, cancelled}) of a batch saved into `dir`. */
export function downloadDoneToast(event, { dir = null } = {}) {
  const done = Number(event?.done) || 0;
  const failed = Number(event?.failed) || 0;
  const cancelled = Number(event?.cancelled) || 0;
  const where = dir ? `Saved in ${dir}.` : null;
  const stopped = cancelled ? `${cancelled} cancelled: nothing of ${cancelled === 1 ? 'it' : 'them'} was saved.` : null;
  const join = (...parts) => parts.filter(Boolean).join(' ') || null;
  if (!done && failed) return { message: `${plural(failed, 'download')} failed`, kind: 'error', detail: join('The transfers panel says why.', stopped) };
  if (!done && cancelled) return { message: cancelled === 1 ? 'Download cancelled' : `${cancelled} downloads cancelled`, kind: 'info', detail: 'Nothing was saved.' };
  return {
    message: `${plural(done, 'file')} downloaded`,
    kind: failed ? 'warn' : 'success',
    detail: join(where, failed ? `${plural(failed, 'file')} failed: the transfers panel says why.` : null, stopped),
  };
}
