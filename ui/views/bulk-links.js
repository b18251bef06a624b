// "Create links" for many files: one expiry, link kind and clipboard format, progress while Rust
// makes the tokens, failures listed with their reason and retried in place, and all links copied
// to the clipboard (again, in another format, on demand).

import { el, fill } from '../lib/dom.js';
import { openDialog } from '../components/dialog.js';
import { createExpiryPicker } from '../components/expiry-picker.js';
import { plural } from '../lib/format.js';
import { bulkLinksReport, mergeBulkAnswers } from '../lib/reports.js';
import { DEFAULT_EXPIRY } from '../lib/expiry.js';
import { LINK_KINDS, linkKindLabel } from '../lib/link-kinds.js';
import { LINKS_FORMATS, linkLines } from '../lib/links-format.js';
import { toast, toastError } from '../components/toast.js';

const SAMPLE_LINK = 'https://…/view?project=…&token=…';

/**
 * `files` is [{id, name}]; `onDone(answer)` runs with each create_links report after links were
 * made (e.g. to refresh the open file). `settings` (lib/settings.js) holds the clipboard format:
 * the chooser starts on it, and a choice here is the setting from then on.
 */
export function openBulkLinks({ api, settings, project, bucketId, files, onDone }) {
  const picker = createExpiryPicker({ api, initial: project.defaultExpiry ?? DEFAULT_EXPIRY });
  const kind = el('select', { id: 'bulk-kind' },
    el('option', { value: '', text: `Project default (${linkKindLabel(project.defaultLink)})` }),
    LINK_KINDS.map(({ kind: value, label }) => el('option', { value, text: label })));
  const format = el('select', { id: 'bulk-format', attrs: { 'aria-describedby': 'bulk-format-sample' } },
    LINKS_FORMATS.map((f) => el('option', { value: f.format, text: f.label })));
  format.value = settings.get().linksFormat;
  const sample = el('p', { id: 'bulk-format-sample', className: 'field-hint' });
  const progress = el('progress', { max: files.length, value: 0, hidden: true, attrs: { 'aria-label': 'Links created' } });
  const progressText = el('span', { className: 'muted', attrs: { 'aria-live': 'polite' } });
  const result = el('div', { className: 'bulk-result', attrs: { role: 'status', 'aria-label': 'Create links result' } });
  const copyAgain = el('button', { type: 'button', text: 'Copy all links again', hidden: true, on: { click: () => copyAll(true) } });
  const names = new Map(files.map((f) => [f.id, f.name]));
  const fileIds = files.map((f) => f.id);
  // Every link made so far (first run and retries) and the failures left; null before the first run.
  let answer = null;
  let retried = 0;

  function showSample() {
    const name = files[0]?.name ?? 'report.pdf';
    sample.textContent = `Each line: ${linkLines(format.value, [{ name, link: SAMPLE_LINK }])}`;
  }
  format.addEventListener('change', () => {
    showSample();
    settings.update({ linksFormat: format.value }).catch((e) => toastError(e, 'The format was not kept for next time'));
  });
  // The Settings view and this chooser show one setting.
  const unsubscribe = settings.subscribe((now) => {
    if (format.value !== now.linksFormat) { format.value = now.linksFormat; showSample(); }
  });
  showSample();

  const dialogParts = openDialog({
    title: `Create links for ${plural(files.length, 'file')}`,
    content: [
      el('p', { className: 'muted', text: files.slice(0, 4).map((f) => f.name).join(', ') + (files.length > 4 ? `, and ${files.length - 4} more` : '') }),
      picker.element,
      el('div', { className: 'field' }, el('label', { htmlFor: 'bulk-kind', text: 'Link kind' }), kind),
      el('div', { className: 'field' }, el('label', { htmlFor: 'bulk-format', text: 'Copy as' }), format, sample),
      el('div', { className: 'progress-row' }, progress, progressText),
      result,
    ],
    submitLabel: 'Create links',
    extraActions: [copyAgain],
    onClose: () => unsubscribe(),
    onSubmit: async () => {
      const { expiry, error } = picker.read();
      if (error) return false;
      const ids = answer ? bulkLinksReport(answer).retry : fileIds;
      if (!ids.length) return true;
      await run(ids, expiry);
      return false;
    },
  });

  /** Makes links for `ids` (all files, or the failed ones again) and shows where things stand. */
  async function run(ids, expiry) {
    copyAgain.disabled = true;
    progress.hidden = false;
    progress.max = ids.length;
    progress.value = 0;
    progressText.textContent = `0 of ${ids.length}`;
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
      const fresh = await api.createLinks({
        profileId: project.id, bucketId, fileIds: ids, expiry, kind: kind.value || null, format: format.value,
        fileNames: ids.map((id) => names.get(id) ?? id),
      });
      const created = fresh?.created?.length ?? 0;
      progress.value = progress.max;
      progressText.textContent = `${created} of ${ids.length} done`;
      if (answer) {
        retried += created;
        answer = mergeBulkAnswers(answer, fresh, fileIds);
        // The clipboard holds the retried files' links only: put every link made there.
        if (created && answer.created.length > created) await copyAll(false);
      } else answer = fresh;
      const report = show();
      toast(report.toast.message, { kind: report.toast.kind, detail: report.toast.detail });
      onDone?.(fresh);
    } finally {
      unlisten?.();
      copyAgain.disabled = false;
    }
  }

  /** Copies every link made so far in the chosen kind and format (Rust fetches each secret). */
  async function copyAll(announce) {
    const made = answer?.created ?? [];
    if (!made.length) return;
    try {
      const copied = await api.copyLinks({
        profileId: project.id, tokenIds: made.map((c) => c.tokenId), kind: kind.value || null, format: format.value,
        fileNames: made.map((c) => names.get(c.fileId) ?? c.fileId),
      });
      answer = { ...answer, copied: Number(copied?.copied ?? 0) || 0 };
      const missed = copied?.failures ?? [];
      if (missed.length) {
        toast(`${plural(missed.length, 'link')} could not be copied`, { kind: 'error', detail: missed[0]?.message ?? null });
      } else if (announce) toast(`${plural(answer.copied, 'link')} copied`, { kind: 'success' });
      show();
    } catch (e) {
      toastError(e, 'The links were not copied');
    }
  }

  /** Draws the result so far; returns its report. */
  function show() {
    const report = bulkLinksReport(answer, names, { format: format.value, retried });
    fill(result,
      el('p', { className: report.failures.length || report.lost ? '' : 'ok-text', text: report.summary }),
      report.failures.length ? el('ul', { className: 'failures', attrs: { 'aria-label': 'Failures' } },
        report.failures.map((f) => el('li', {
          className: 'error-text', attrs: { 'data-file-id': f.fileId, 'data-code': f.code },
        }, f.line))) : null);
    const { submitButton, cancelButton } = dialogParts;
    submitButton.hidden = report.retry.length === 0;
    submitButton.textContent = `Retry ${plural(report.retry.length, 'failed file')}`;
    cancelButton.textContent = 'Close';
    copyAgain.hidden = (answer?.created ?? []).length === 0;
    return report;
  }

  picker.focus();
}
