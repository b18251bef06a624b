// The project editor's certificate parts: the certificate the project trusts (with "Forget trusted
// certificate"), and, after a test that failed on the server's certificate, its details and the
// button that trusts it.

import { el } from '../lib/dom.js';

/** A SHA-256 fingerprint shown in full: monospace, wrapped, selectable. */
export function fingerprintText(fingerprint) {
  return el('code', { className: 'fingerprint', text: fingerprint, attrs: { 'aria-label': 'SHA-256 fingerprint' } });
}

/**
 * The trusted-certificate row: shown while `pinned()` gives a fingerprint, with a button that calls
 * `onForget()`; a fingerprint other than the saved one (`stored()`) is marked as kept on Save.
 * Returns {row, render(), setError(message), input} (`input` is the button, so a field error about
 * the pin can take the focus there).
 */
export function trustedCertificate({ pinned, stored = () => null, onForget }) {
  const error = el('p', { className: 'field-error', hidden: true, attrs: { role: 'alert' } });
  const forget = el('button', {
    type: 'button', className: 'small', text: 'Forget trusted certificate', on: { click: () => onForget() },
  });
  const body = el('div');
  const row = el('div', { className: 'field trusted-certificate' }, body, error);

  function render(forgotten = false) {
    const fingerprint = pinned();
    row.hidden = !fingerprint && !forgotten;
    if (fingerprint) {
      body.replaceChildren(
        el('p', { className: 'field-label', text: 'Trusted certificate' }),
        el('p', {
          className: 'field-hint',
          text: fingerprint === stored()
            ? 'Only the certificate with this SHA-256 fingerprint is accepted:'
            : 'Kept when you save: from then on only the certificate with this SHA-256 fingerprint is accepted:',
        }),
        fingerprintText(fingerprint), el('div', { className: 'inline-actions' }, forget));
    } else {
      body.replaceChildren(el('p', {
        className: 'field-hint',
        text: 'The trusted certificate is forgotten when you save; Test connection offers the server’s again.',
      }));
    }
  }
  return {
    row, render, input: forget,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
    },
  };
}

/**
 * What a failed test offers for the server's certificate (`prompt` from lib/reports.js
 * certificatePrompt): its subject, issuer, expiry and fingerprint, and a button that runs
 * `onTrust()` (async; its failure is shown here).
 */
export function certificateOffer(prompt, onTrust) {
  const error = el('p', { className: 'error-text', hidden: true, attrs: { role: 'alert' } });
  const button = el('button', { type: 'button', className: 'primary small', text: prompt.button });
  button.addEventListener('click', async () => {
    button.disabled = true;
    error.hidden = true;
    try {
      await onTrust();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      button.disabled = false;
    }
  });
  return el('div', {
    className: `certificate-offer${prompt.changed ? ' changed' : ''}`,
    attrs: { role: 'group', 'aria-label': 'Server certificate' },
  },
  el('p', { className: 'certificate-heading', text: prompt.heading }),
  el('dl', { className: 'facts' },
    prompt.facts.map(([label, value]) => [el('dt', { text: label }), el('dd', { text: value })]),
    el('dt', { text: 'SHA-256' }), el('dd', {}, fingerprintText(prompt.fingerprint))),
  el('p', { className: 'field-hint', text: prompt.explanation }),
  el('div', { className: 'inline-actions' }, button),
  error);
}
