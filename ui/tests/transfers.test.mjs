// Unit tests for lib/transfer-rate.js and lib/transfers.js: speed smoothed over bursts, time left,
// batches built from answers and events in any order, what each file's line says and offers, and
// the toast a finished batch earns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createRateMeter, timeLeft, percentDone, formatSpeed, formatTimeLeft,
} from '../lib/transfer-rate.js';
import {
  createTransfers, itemStatus, overallStatus, lineName, uploadDoneToast, downloadDoneToast, cancelAllLabel,
} from '../lib/transfers.js';

const MB = 1_000_000;

test('the speed is unknown until two samples a quarter second apart, then the rate between them', () => {
  const meter = createRateMeter();
  assert.equal(meter.sample(0, 0), null);
  assert.equal(meter.sample(5 * MB, 100), null, 'too close to tell');
  assert.equal(meter.sample(5 * MB, 1000), 5 * MB);
});

test('bursts of chunks read as a steady speed, not as jumps between nothing and the link speed', () => {
  // 5 MB chunks land every second (events come on each chunk), with nothing in between.
  const meter = createRateMeter();
  meter.sample(0, 0);
  const seen = [];
  for (let s = 1; s <= 10; s += 1) {
    meter.sample((s - 1) * 5 * MB, s * 1000 - 500); // a stall sample half-way (the panel ticks)
    seen.push(meter.sample(s * 5 * MB, s * 1000));
  }
  const late = seen.slice(4);
  for (const v of late) assert.ok(v > 2.5 * MB && v < 7.5 * MB, `${v} stays near 5 MB/s`);
});

test('a stall brings the speed down as time passes, and a retry starting over resets it', () => {
  const meter = createRateMeter();
  meter.sample(0, 0);
  const fast = meter.sample(10 * MB, 1000);
  const stalled = meter.sample(10 * MB, 8000);
  assert.ok(stalled < fast / 4, `${stalled} fell from ${fast}`);
  assert.equal(meter.sample(0, 8000), null, 'bytes went back: unknown again');
});

test('time left is what remains over the speed; nothing left is 0; no speed is unknown', () => {
  assert.equal(timeLeft(10 * MB, 2 * MB), 5);
  assert.equal(timeLeft(0, null), 0);
  assert.equal(timeLeft(5, null), null);
  assert.equal(timeLeft(5, 0), null);
});

test('percent is whole and reaches 100 only when everything is there', () => {
  assert.equal(percentDone(0, 100), 0);
  assert.equal(percentDone(999, 1000), 99);
  assert.equal(percentDone(1000, 1000), 100);
  assert.equal(percentDone(0, 0), 0);
  assert.equal(percentDone(0, 0, true), 100, 'an empty file is done when it is');
});

test('speeds and times read in the units people use', () => {
  assert.equal(formatSpeed(3_400_000), '3.4 MB/s');
  assert.equal(formatSpeed(null), '—');
  assert.equal(formatTimeLeft(0.2), 'less than a second');
  assert.equal(formatTimeLeft(8.2), '9 s');
  assert.equal(formatTimeLeft(130), '2 min 10 s');
  assert.equal(formatTimeLeft(120), '2 min');
  assert.equal(formatTimeLeft(1500), '25 min');
  assert.equal(formatTimeLeft(3900), '1 h 5 min');
  assert.equal(formatTimeLeft(7190), '2 h');
  assert.equal(formatTimeLeft(null), null);
});

/** A clock the test moves. */
function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

const upload = (over = {}) => ({
  uploadId: 'u1', name: 'report.pdf', folder: '', size: 20 * MB, sent: 0, state: 'queued', error: null, resumed: false, fileId: null, ...over,
});

test('an upload batch comes from its answer, and its events move each file', () => {
  const c = clock();
  const t = createTransfers({ now: c.now });
  t.addUploadBatch({ batchId: 'b1', profileId: 'p', bucketId: 'docs', share: true, items: [upload(), upload({ uploadId: 'u2', name: 'b.txt', size: 10 * MB })] });
  assert.deepEqual(t.list().map((r) => [r.name, r.state]), [['report.pdf', 'queued'], ['b.txt', 'queued']]);
  t.uploadProgress({ batchId: 'b1', profileId: 'p', bucketId: 'docs', item: upload({ state: 'uploading', sent: 0 }) });
  c.advance(1000);
  const r = t.uploadProgress({ batchId: 'b1', profileId: 'p', bucketId: 'docs', item: upload({ state: 'uploading', sent: 5 * MB, fileId: 'f1' }) });
  const line = itemStatus(r);
  assert.equal(line.label, '25%');
  assert.equal(line.detail, '5 MB of 20 MB · 5 MB/s · 3 s left');
  assert.equal(line.canCancel, true);
  assert.equal(t.batch('upload', 'b1').share, true);
  assert.deepEqual([...t.uploadingFileIds('p', 'docs')], ['f1']);
  const all = t.overall();
  assert.equal(all.files, 2);
  assert.equal(all.active, 2);
  assert.equal(all.percent, 16, '5 of 30 MB');
  assert.match(overallStatus(all), /^0 of 2 files · 16% · 5 MB of 30 MB · 5 MB\/s · 5 s left$/);
});

test('an event that comes before its batch’s answer makes the batch, and the answer does not undo it', () => {
  const t = createTransfers({ now: () => 0 });
  t.uploadProgress({ batchId: 'b9', profileId: 'p', bucketId: 'docs', item: upload({ state: 'done', sent: 20 * MB, fileId: 'f1' }) });
  t.addUploadBatch({ batchId: 'b9', profileId: 'p', bucketId: 'docs', share: false, items: [upload({ state: 'queued' })] });
  assert.equal(t.list().length, 1);
  assert.equal(t.list()[0].state, 'done');
  assert.equal(t.list()[0].profileId, 'p');
});

test('each state says what is happening and offers what can be done', () => {
  const t = createTransfers({ now: () => 0 });
  const at = (item) => itemStatus(t.uploadProgress({ batchId: 'b', profileId: 'p', bucketId: 'x', item }));
  assert.equal(at(upload({ state: 'checking' })).label, 'Checking');
  const tooBig = at(upload({ uploadId: 'a', state: 'failed', error: { code: 'too_large', message: 'report.pdf is 20 MB; this bucket takes files up to 10 MB.' } }));
  assert.equal(tooBig.detail, 'report.pdf is 20 MB; this bucket takes files up to 10 MB.');
  assert.equal(tooBig.canRetry, false, 'the same file would be refused again');
  assert.equal(tooBig.tone, 'error');
  const network = at(upload({ uploadId: 'b', state: 'failed', error: { code: 'network', message: 'The server did not answer.' } }));
  assert.equal(network.canRetry, true);
  assert.equal(at(upload({ uploadId: 'c', state: 'interrupted' })).canRetry, true);
  const resumed = at(upload({ uploadId: 'd', state: 'done', sent: 20 * MB, resumed: true }));
  assert.equal(resumed.label, 'Uploaded');
  assert.match(resumed.detail, /^resumed · /);
  assert.equal(resumed.canCancel, false);
  assert.equal(at(upload({ uploadId: 'e', state: 'sharing', sent: 20 * MB })).label, 'Making its link');
  assert.equal(at(upload({ uploadId: 'f', state: 'cancelled' })).canRetry, true);
  at(upload({ state: 'done', sent: 20 * MB }));
  at(upload({ uploadId: 'e', state: 'done', sent: 20 * MB }));
  assert.equal(overallStatus(t.overall()), '3 files done, 3 failed, 1 cancelled');
});

test('a pending row’s Resume finds this run’s stopped upload of its file, not one on its way or refused', () => {
  const t = createTransfers({ now: () => 0 });
  const send = (item, bucketId = 'x') => t.uploadProgress({ batchId: 'b', profileId: 'p', bucketId, item });
  send(upload({ uploadId: 'u1', fileId: 'f1', state: 'uploading' }));
  assert.equal(t.stoppedUpload('p', 'x', 'f1'), null, 'on its way');
  send(upload({ uploadId: 'u1', fileId: 'f1', state: 'cancelled' }));
  assert.equal(t.stoppedUpload('p', 'x', 'f1')?.id, 'u1');
  assert.equal(t.stoppedUpload('p', 'other', 'f1'), null, 'another bucket’s');
  assert.equal(t.stoppedUpload('q', 'x', 'f1'), null, 'another project’s');
  send(upload({ uploadId: 'u2', fileId: 'f2', state: 'failed', error: { code: 'too_large', message: 'too big' } }));
  assert.equal(t.stoppedUpload('p', 'x', 'f2'), null, 'the bucket would refuse it again');
  send(upload({ uploadId: 'u3', fileId: 'f3', state: 'interrupted' }));
  assert.equal(t.stoppedUpload('p', 'x', 'f3')?.id, 'u3');
});

test('a retried file starts its speed over, and clearing forgets only what ended', () => {
  const c = clock();
  const t = createTransfers({ now: c.now });
  const send = (item) => t.uploadProgress({ batchId: 'b', profileId: 'p', bucketId: 'x', item });
  send(upload({ state: 'uploading', sent: 0 }));
  c.advance(1000);
  send(upload({ state: 'uploading', sent: 10 * MB }));
  send(upload({ state: 'interrupted', sent: 10 * MB }));
  const again = send(upload({ state: 'uploading', sent: 10 * MB }));
  assert.equal(again.meter.speed, null);
  send(upload({ uploadId: 'u2', state: 'done', sent: 20 * MB }));
  t.clearFinished();
  assert.deepEqual(t.list().map((r) => r.id), ['u1']);
});

test('a stalled file’s speed falls with the panel’s ticks', () => {
  const c = clock();
  const t = createTransfers({ now: c.now });
  const send = (item) => t.uploadProgress({ batchId: 'b', profileId: 'p', bucketId: 'x', item });
  send(upload({ state: 'uploading', sent: 0 }));
  c.advance(1000);
  const r = send(upload({ state: 'uploading', sent: 10 * MB }));
  const before = r.meter.speed;
  c.advance(7000);
  assert.equal(t.tick(), 1);
  assert.ok(r.meter.speed < before / 4);
});

test('downloads list their files from the start and move with their events', () => {
  const t = createTransfers({ now: () => 0 });
  t.addDownloadBatch({ batchId: 'd1', dir: '/home/me/Downloads' }, { profileId: 'p', bucketId: 'docs', files: [{ id: 'f1', name: 'a.pdf', size: 100 }] });
  assert.equal(itemStatus(t.list()[0]).label, 'Waiting');
  const r = t.downloadProgress({ batchId: 'd1', item: { fileId: 'f1', name: 'a.pdf', size: 100, received: 100, state: 'done', error: null, path: '/home/me/Downloads/a (1).pdf' } });
  assert.equal(itemStatus(r).detail, '/home/me/Downloads/a (1).pdf');
  assert.equal(t.overall().downloading, 0);
  assert.equal(t.batch('download', 'd1').dir, '/home/me/Downloads');
});

test('a download on its way or waiting can be cancelled; cancelled, it says nothing was saved and keeps its name', () => {
  const t = createTransfers({ now: () => 0 });
  t.addDownloadBatch({ batchId: 'd1', dir: '/tmp' }, {
    profileId: 'p', bucketId: 'docs', files: [{ id: 'f1', name: 'a.pdf', size: 100 }, { id: 'f2', name: 'b.pdf', size: 50 }],
  });
  const [first, second] = t.list();
  assert.equal(itemStatus(first).canCancel, true, 'waiting');
  const moving = t.downloadProgress({ batchId: 'd1', item: { fileId: 'f1', name: 'a.pdf', size: 100, received: 40, state: 'downloading', error: null, path: null } });
  assert.equal(itemStatus(moving).canCancel, true, 'on its way');
  assert.equal(cancelAllLabel(t.overall()), 'Cancel all downloads');
  const stopped = t.downloadProgress({ batchId: 'd1', item: { fileId: 'f1', name: 'a.pdf', size: 100, received: 40, state: 'cancelled', error: null, path: null } });
  assert.deepEqual(
    [itemStatus(stopped).label, itemStatus(stopped).detail, itemStatus(stopped).canCancel, itemStatus(stopped).canRetry],
    ['Cancelled', 'Nothing was saved', false, false],
  );
  // Cancelled while waiting for its turn, before Rust looked it up: Rust knows only its id.
  t.downloadProgress({ batchId: 'd1', item: { fileId: 'f2', name: 'f2', size: 0, received: 0, state: 'cancelled', error: null, path: null } });
  assert.deepEqual([second.name, second.size, second.state], ['b.pdf', 50, 'cancelled']);
  assert.equal(cancelAllLabel(t.overall()), null, 'nothing left to cancel');
  assert.equal(overallStatus(t.overall()), '2 cancelled');
});

test('Cancel all is named for what it stops', () => {
  assert.equal(cancelAllLabel({ uploading: 2, downloading: 0 }), 'Cancel all uploads');
  assert.equal(cancelAllLabel({ uploading: 1, downloading: 1 }), 'Cancel all uploads and downloads');
  assert.equal(cancelAllLabel({ uploading: 0, downloading: 0 }), null);
});

test('the end of a shared batch names how many links were copied and their expiry', () => {
  const ok = uploadDoneToast({ done: 3, failed: 0, cancelled: 0, linksCopied: 3, expiry: '7 days' }, { share: true });
  assert.equal(ok.message, '3 links copied to the clipboard, one per line');
  assert.equal(ok.kind, 'success');
  assert.equal(ok.detail, 'They expire in 7 days.');
  const never = uploadDoneToast({ done: 1, linksCopied: 1, expiry: 'Never' }, { share: true });
  assert.equal(never.kind, 'warn');
  assert.match(never.detail, /never expire/);
  const some = uploadDoneToast({ done: 2, failed: 1, linksCopied: 2, expiry: '1 day' }, { share: true, demo: true });
  assert.equal(some.kind, 'warn');
  assert.match(some.detail, /1 file failed/);
  assert.match(some.detail, /only on this computer/);
});

test('the end of a plain batch counts the files, and one with nothing done says why', () => {
  assert.equal(uploadDoneToast({ done: 2, failed: 0, linksCopied: 0 }).message, '2 files uploaded');
  assert.equal(uploadDoneToast({ done: 0, failed: 2 }).kind, 'error');
  assert.equal(uploadDoneToast({ done: 0, failed: 0, cancelled: 3 }).message, 'Upload cancelled');
  assert.match(uploadDoneToast({ done: 1, linksCopied: 0 }, { share: true }).detail, /No link/);
  assert.ok(!JSON.stringify(uploadDoneToast({})).includes('undefined'));
});

test('a finished download says where the files went', () => {
  const d = downloadDoneToast({ done: 2, failed: 0 }, { dir: '/tmp/x' });
  assert.equal(d.message, '2 files downloaded');
  assert.equal(d.detail, 'Saved in /tmp/x.');
  assert.equal(downloadDoneToast({ done: 0, failed: 1 }).kind, 'error');
  const stopped = downloadDoneToast({ done: 0, failed: 0, cancelled: 1 }, { dir: '/tmp/x' });
  assert.deepEqual([stopped.message, stopped.kind, stopped.detail], ['Download cancelled', 'info', 'Nothing was saved.']);
  assert.equal(downloadDoneToast({ done: 0, failed: 0, cancelled: 2 }).message, '2 downloads cancelled');
  const some = downloadDoneToast({ done: 1, failed: 0, cancelled: 1 }, { dir: '/tmp/x' });
  assert.equal(some.message, '1 file downloaded');
  assert.equal(some.detail, 'Saved in /tmp/x. 1 cancelled: nothing of it was saved.');
});

test('a line is named for its buttons by what moves and which file', () => {
  assert.equal(lineName({ kind: 'upload', name: 'a.txt' }), 'upload of a.txt');
  assert.equal(lineName({ kind: 'download', name: 'b.pdf' }), 'download of b.pdf');
});

test('the summary of ended transfers counts what failed without "0 files done"', () => {
  const ended = { files: 1, active: 0, finished: 0, failed: 1, cancelled: 0 };
  assert.equal(overallStatus(ended), '1 failed');
  assert.equal(overallStatus({ ...ended, files: 2, failed: 1, cancelled: 1 }), '1 failed, 1 cancelled');
  assert.equal(overallStatus({ ...ended, files: 2, finished: 2, failed: 0 }), '2 files done');
});
