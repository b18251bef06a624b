// Modal dialogs: a <dialog> labelled by its heading, Esc to close, focus returned where it was;
// plus a form dialog that shows a failed submit's message inside it and keeps everything typed.

import { el, uniqueId } from '../lib/dom.js';

/**
 * Opens a modal dialog. `content` is a node or list; `onSubmit` (async, optional) runs on the
 * primary button or Enter: return false to stay open, throw an ApiError to show its message in the
 * dialog. Returns {dialog, form, close, showError, clearError, submitButton, cancelButton}.
 */
export function openDialog({
  title, content, submitLabel = null, cancelLabel = 'Cancel', onSubmit = null, danger = false,
  className = '', extraActions = [], onClose = null,
}) {
  const headingId = uniqueId('dialog-title');
  const error = el('p', { className: 'form-error', hidden: true, attrs: { role: 'alert' } });
  const submitButton = submitLabel
    ? el('button', { type: 'submit', className: danger ? 'primary danger' : 'primary', text: submitLabel })
    : null;
  const cancel = el('button', { type: 'button', text: cancelLabel, on: { click: () => close() } });
  const form = el('form', { className: 'dialog-form', noValidate: true },
    el('h2', { id: headingId, className: 'dialog-title', text: title }),
    el('div', { className: 'dialog-body' }, content),
    error,
    el('div', { className: 'dialog-actions' }, extraActions, el('span', { className: 'spacer' }), cancel, submitButton));
  const dialog = el('dialog', { className: `dialog ${className}`, attrs: { 'aria-labelledby': headingId } }, form);
  const opener = document.activeElement;
  let closed = false;

  function close() {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    onClose?.();
    if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
  }
  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }
  function clearError() {
    error.hidden = true;
    error.textContent = '';
  }

  dialog.addEventListener('close', close);
  // Esc closes every dialog, whatever has the focus: a search field would otherwise take the key to
  // clear itself (WebKit then never cancels the dialog). A menu inside handles its own Esc first.
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    event.stopPropagation();
    close();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!onSubmit) { close(); return; }
    if (submitButton?.disabled) return;
    clearError();
    if (submitButton) submitButton.disabled = true;
    dialog.setAttribute('aria-busy', 'true');
    try {
      const keepOpen = (await onSubmit()) === false;
      if (!keepOpen) close();
    } catch (e) {
      showError(e.message);
    } finally {
      if (submitButton) submitButton.disabled = false;
      dialog.removeAttribute('aria-busy');
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  const first = dialog.querySelector('[autofocus], input:not([type=hidden]):not([disabled]), select, textarea')
    ?? submitButton ?? cancel;
  first.focus();
  return { dialog, form, close, showError, clearError, submitButton, cancelButton: cancel };
}

/**
 * Asks a yes/no question; resolves true when confirmed. `items` are lines listed under the
 * message (e.g. each token a delete takes). A dangerous question (`danger`, the default) starts
 * with the focus on Cancel, so Enter cancels: only a click on the button, or Enter once the user
 * moved to it, confirms.
 */
export function confirmDialog({ title, message, detail = null, items = [], confirmLabel, danger = true }) {
  return new Promise((resolve) => {
    let answer = false;
    const { submitButton, cancelButton } = openDialog({
      title,
      className: 'confirm',
      content: [
        el('p', { text: message }),
        items.length ? el('ul', { className: 'confirm-items' }, items.map((line) => el('li', { text: line }))) : null,
        detail ? el('p', { className: 'muted', text: detail }) : null,
      ],
      submitLabel: confirmLabel,
      danger,
      onSubmit: () => { answer = true; },
      onClose: () => resolve(answer),
    });
    (danger ? cancelButton : submitButton).focus();
  });
}

/** True while a modal dialog is open (single-key shortcuts stay off). */
export function dialogOpen() {
  return document.querySelector('dialog[open]') !== null;
}
