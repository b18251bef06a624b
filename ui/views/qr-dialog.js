// A token's link as a QR code, for handing a file to a phone. Rust builds the link and draws the
// code; the page gets only the image, never the link's text.

import { el } from '../lib/dom.js';
import { openDialog } from '../components/dialog.js';
import { LINK_KINDS, linkKindLabel, DEFAULT_LINK_KIND } from '../lib/link-kinds.js';
import { formatExpiryPhrase } from '../lib/format.js';

/**
 * Opens the QR code of `token`'s link for the file of `scope` ({profileId, bucketId, fileId}),
 * of `kind` (the project's default link kind to start with; the dialog offers the others).
 */
export function openQrDialog({ api, scope, token, kind = DEFAULT_LINK_KIND, fileName = 'this file', note = null }) {
  const choice = el('select', { id: 'qr-kind', attrs: { 'aria-label': 'Link kind' } },
    LINK_KINDS.map((k) => el('option', { value: k.kind, text: `${k.label} link` })));
  choice.value = LINK_KINDS.some((k) => k.kind === kind) ? kind : DEFAULT_LINK_KIND;
  const image = el('img', { className: 'qr-image', alt: '', hidden: true, width: 240, height: 240 });
  const status = el('p', { className: 'muted qr-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const parts = openDialog({
    title: `QR code for ${fileName}`,
    className: 'qr-dialog',
    cancelLabel: 'Close',
    content: [
      el('div', { className: 'field' }, el('label', { htmlFor: 'qr-kind', text: 'Link' }), choice),
      el('div', { className: 'qr-frame' }, image),
      status,
      el('p', {
        className: 'field-hint',
        text: `Anyone who scans it can open the file until the token ${token.expire ? formatExpiryPhrase(token.expire).replace(/^expires/, 'expires:') : 'is deleted: it never expires'}.`
          + (note ? ` ${note}` : ''),
      }),
    ],
  });

  let asked = 0;
  async function draw() {
    asked += 1;
    const mine = asked;
    const label = linkKindLabel(choice.value);
    image.hidden = true;
    status.textContent = `Drawing the ${label.toLowerCase()} link’s code…`;
    parts.clearError();
    try {
      const { image: src } = await api.linkQr({ ...scope, tokenId: token.id, kind: choice.value });
      if (mine !== asked) return;
      image.src = src;
      image.alt = `QR code of the ${label.toLowerCase()} link of token ${token.id}`;
      image.hidden = false;
      status.textContent = `Scan it with a phone’s camera to open the ${label.toLowerCase()} link.`;
    } catch (e) {
      if (mine !== asked) return;
      status.textContent = '';
      parts.showError(e.message);
    }
  }
  choice.addEventListener('change', draw);
  draw();
  return parts;
}
