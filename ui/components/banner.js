// Banners: an error that says what happened, with Retry (the window is never blank or stuck), and a
// notice.

import { el } from '../lib/dom.js';

/**
 * An error banner element for `error` (an ApiError); `actions` are extra {label, onClick} buttons.
 */
export function errorBanner(error, onRetry, actions = []) {
  return el('div', { className: 'banner error', attrs: { role: 'alert', 'data-code': error.code ?? 'internal' } },
    el('span', { className: 'banner-text', text: error.message }),
    onRetry ? el('button', { type: 'button', text: 'Retry', on: { click: onRetry } }) : null,
    actions.map((a) => el('button', { type: 'button', text: a.label, on: { click: a.onClick } })));
}

/** A dismissible notice (e.g. "your settings file was damaged and moved to …"). */
export function noticeBanner(message, { label = 'Notice' } = {}) {
  const banner = el('div', { className: 'banner notice', attrs: { role: 'alert', 'aria-label': label } },
    el('span', { className: 'banner-text', text: message }));
  banner.append(el('button', { type: 'button', text: 'Dismiss', on: { click: () => banner.remove() } }));
  return banner;
}
