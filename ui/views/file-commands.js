// What the file list does with files beyond browsing them: upload into the open folder (dropped
// paths or the platform's file dialog), download the chosen files to a folder the user picks,
// delete them after a question that names each file's tokens, and resume a file whose upload did
// not finish. Rust does the work; the transfers panel shows its progress.

import { confirmDialog, dialogOpen } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { deleteQuestion, fileDeleteOutcome } from '../lib/delete-files.js';

/**
 * `transfers` is the transfers panel (views/transfers.js); `onDeleted(ids)` removes deleted files
 * from what is shown.
 */
export function createFileCommands({ api, store, transfers, onDeleted = () => {} }) {
  /** Where an upload goes: the open bucket and its open folder ("" its root). */
  function destination() {
    const { profileId, bucketId } = store.state;
    if (!profileId || !bucketId) return null;
    return { profileId, bucketId, folder: store.state.folder ?? '' };
  }

  /** Uploads local `paths` (dropped on the window) into the open folder. */
  async function upload(paths, share) {
    const to = destination();
    if (!to || !paths?.length) return;
    try {
      transfers.addUploadBatch(await api.uploadFiles({ ...to, paths, share }));
    } catch (e) {
      toastError(e, 'Nothing was uploaded');
    }
  }

  /** Upload (the button, Ctrl+U): the platform's file dialog, then as a drop. */
  async function chooseUpload() {
    const to = destination();
    if (!to) { toast('Open a bucket first: Upload puts files into the open bucket.', { kind: 'info' }); return; }
    if (dialogOpen()) return;
    try {
      const batch = await api.chooseUploadFiles({ ...to, share: transfers.share });
      if (batch) transfers.addUploadBatch(batch);
    } catch (e) {
      toastError(e, 'Nothing was uploaded');
    }
  }

  /** Downloads `files` ([{id, name, size}]) into a folder the user picks. */
  async function download(files) {
    const { profileId, bucketId } = store.state;
    if (!profileId || !bucketId || !files.length) return;
    try {
      const answer = await api.downloadFiles({ profileId, bucketId, fileIds: files.map((f) => f.id) });
      if (answer) transfers.addDownloadBatch(answer, { profileId, bucketId, files });
    } catch (e) {
      toastError(e, 'Nothing was downloaded');
    }
  }

  /** Deletes `files` ([{id, name}]) after a question naming how many tokens each has. */
  async function remove(files) {
    const scope = { profileId: store.state.profileId, bucketId: store.state.bucketId };
    if (!scope.profileId || !scope.bucketId || !files.length) return;
    const fileIds = files.map((f) => f.id);
    const names = new Map(files.map((f) => [f.id, f.name]));
    let summary;
    try {
      summary = await api.deleteSummary({ ...scope, fileIds });
    } catch (e) {
      toastError(e, 'Nothing was deleted');
      return;
    }
    const question = deleteQuestion((summary ?? []).map((s) => ({ ...s, name: s.name ?? names.get(s.fileId) })));
    if (!(await confirmDialog({ ...question, confirmLabel: files.length === 1 ? 'Delete file' : `Delete ${files.length} files` }))) return;
    try {
      const result = await api.deleteFiles({ ...scope, fileIds });
      const { gone, toasts } = fileDeleteOutcome(result, names);
      if (gone.size && store.stillShowing(scope)) onDeleted(gone);
      for (const t of toasts) toast(t.message, { kind: t.kind, detail: t.detail });
    } catch (e) {
      toastError(e, 'Nothing was deleted');
    }
  }

  /**
   * Resume on a pending row: continues it if this computer still has the upload's file (stopped
   * in this run, or left by an earlier one).
   */
  async function resume(file) {
    const { profileId, bucketId } = store.state;
    if (!profileId) return;
    if (transfers.uploadingFileIds(profileId, bucketId).has(file.id)) {
      toast(`“${file.name}” is uploading now: the uploads panel shows how far.`, { kind: 'info' });
      return;
    }
    if (await transfers.retryStopped(profileId, bucketId, file.id)) return;
    let pending = [];
    try {
      pending = await transfers.pendingFor(profileId);
    } catch (e) {
      toastError(e, 'The upload was not resumed');
      return;
    }
    if (pending.some((p) => p.fileId === file.id)) {
      transfers.resumePending(pending.length);
      return;
    }
    toast(`This computer has no unfinished upload of “${file.name}”`, {
      kind: 'warn',
      detail: 'It was started elsewhere or its journal is gone: upload the file again, or delete the unfinished one.',
    });
  }

  return { upload, chooseUpload, download, remove, resume };
}
