// "Create links" for many files: one expiry and link kind, progress while Rust makes the tokens,
// failures listed with their reason, and all links copied to the clipboard as lines.

import { el, fill } from '../lib/dom.js';
import { openDialog } from '../components/dialog.js';
import { createExpiryPicker } from '../components/expiry-picker.js';
import { plural } from '../lib/format.js';
import { bulkLinksReport } from '../lib/reports.js';
import { DEFAULT_EXPIRY } from '../lib/expiry.js';
import { LINK_KINDS, linkKindLabel } from '../lib/link-kinds.js';
import { toast } from '../components/toast.js';

/**
 * `files` is [{id, name}]; `onDone(answer)` runs with create_links' report after links were made
 * (e.g. to refresh the open file).
 */
export function openBulkLinks({ api, project, bucketId, files, onDone }) {
  const picker = createExpiryPicker({ api, initial: project.defaultExpiry ?? DEFAULT_EXPIRY });
  const kind = el('select', { id: 'bulk-kind' },
    el('option', { value: '', text: `Project default (${linkKindLabel(project.defaultLink)})` }),
    LINK_KINDS.map(({ kind: value, label }) => el('option', { value, text: label })));
  const progress = el('progress', { max: files.length, value: 0, hidden: true, attrs: { 'aria-label': 'Links created' } });
  const progressText = el('span', { className: 'muted', attrs: { 'aria-live': 'polite' } });
  const result = el('div', { className: 'bulk-result', attrs: { role: 'status', 'aria-label': 'Create links result' } });
  const names = new Map(files.map((f) => [f.id, f.name]));
  let done = false;

  const dialogParts = openDialog({
    title: `Create links for ${plural(files.length, 'file')}`,
    content: [
      el('p', { className: 'muted', text: files.slice(0, 4).map((f) => f.name).join(', ') + (files.length > 4 ? `, and ${files.length - 4} more` : '') }),
      picker.element,
      el('div', { className: 'field' }, el('label', { htmlFor: 'bulk-kind', text: 'Link kind' }), kind),
      el('div', { className: 'progress-row' }, progress, progressText),
      result,
    ],
    submitLabel: 'Create links',
    onSubmit: async () => {
      if (done) return true;
      const { expiry, error } = picker.read();
      if (error) return false;
      progress.hidden = false;
      progress.value = 0;
      progressText.textContent = `0 of ${files.length}`;
      let unlisten = null;
      try {
        unlisten = await api.onBulkProgress((p) => {
          if (p.profileId !== project.id) return;
          progress.max = p.total;
          progress.value = p.done;
          progressText.textContent = `${p.done} of ${p.total}`;
        });
      } catch { /* progress is a nicety: the result still arrives */ }
      try {
        const fileIds = files.map((f) => f.id);
        const answer = await api.createLinks({
          profileId: project.id, bucketId, fileIds, expiry, kind: kind.value || null,
        });
        const report = bulkLinksReport(answer, names);
        progress.value = progress.max;
        progressText.textContent = `${answer.created?.length ?? 0} of ${files.length} done`;
        fill(result,
          el('p', { className: report.failures.length || report.lost ? '' : 'ok-text', text: report.summary }),
          report.failures.length ? el('ul', { className: 'failures', attrs: { 'aria-label': 'Failures' } },
            report.failures.map((f) => el('li', {
              className: 'error-text', attrs: { 'data-file-id': f.fileId, 'data-code': f.code },
            }, f.line))) : null);
        toast(report.toast.message, { kind: report.toast.kind, detail: report.toast.detail });
        done = true;
        dialogParts.submitButton.hidden = true;
        dialogParts.cancelButton.textContent = 'Close';
        onDone?.(answer);
        return false;
      } finally {
        unlisten?.();
      }
    },
  });
  picker.focus();
}
