// The Settings dialog: the theme (shown at once), what a new project starts with (link kind and
// expiry) and how "Create links" copies. Each choice is saved as it is made (Rust writes
// settings.json in the config folder); a choice that could not be saved is undone and says why.

import { el, uniqueId } from '../lib/dom.js';
import { openDialog } from '../components/dialog.js';
import { THEMES, applyTheme } from '../lib/settings.js';
import { LINK_KINDS } from '../lib/link-kinds.js';
import { PRESETS } from '../lib/expiry.js';
import { LINKS_FORMATS, linksFormat } from '../lib/links-format.js';

function selectField(id, label, options, hint = null) {
  const select = el('select', { id }, options.map(([value, text]) => el('option', { value, text })));
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) select.setAttribute('aria-describedby', hintId);
  return {
    select,
    row: el('div', { className: 'field' },
      el('label', { htmlFor: id, text: label }), select,
      hint ? el('p', { id: hintId, className: 'field-hint', text: hint }) : null),
  };
}

/** Opens the Settings dialog over `settings` (lib/settings.js). */
export function openSettings({ settings }) {
  const themeName = uniqueId('theme');
  const radios = THEMES.map(({ theme, label, hint }) => el('label', { className: 'choice', title: hint ?? null },
    el('input', { type: 'radio', name: themeName, value: theme, attrs: { 'data-theme-choice': theme } }), label));
  const themes = el('fieldset', { className: 'settings-group' },
    el('legend', { text: 'Theme' }), el('div', { className: 'choices theme-choices' }, radios));
  const link = selectField('settings-default-link', 'Link kind',
    LINK_KINDS.map((k) => [k.kind, k.label]), 'What Copy copies with one click: a preview, the file in the browser, or a download.');
  const expiry = selectField('settings-default-expiry', 'Expiry', PRESETS.map((p) => [p.kind, p.label]),
    'What a new token starts on.');
  const format = selectField('settings-links-format', 'Copy as', LINKS_FORMATS.map((f) => [f.format, f.label]));
  const formatHint = el('p', { className: 'field-hint', attrs: { 'aria-live': 'polite' } });
  format.row.append(formatHint);
  const notice = settings.notice();
  const saved = el('span', { className: 'muted', attrs: { role: 'status', 'aria-live': 'polite' } });

  /** Shows `now` in every control. */
  function show(now) {
    for (const radio of themes.querySelectorAll('input')) radio.checked = radio.value === now.theme;
    link.select.value = now.defaultLink;
    expiry.select.value = now.defaultExpiry.kind;
    format.select.value = now.linksFormat;
    describeFormat(now.linksFormat);
  }

  function describeFormat(value) {
    formatHint.textContent = `Create links puts the links on the clipboard ${linksFormat(value).summary}.`;
  }

  const parts = openDialog({
    title: 'Settings',
    className: 'settings-dialog',
    cancelLabel: 'Close',
    extraActions: [saved],
    content: [
      notice ? el('p', { className: 'warn-text settings-notice', attrs: { role: 'alert' }, text: notice }) : null,
      themes,
      el('h3', { className: 'settings-heading', text: 'New projects' }),
      el('p', { className: 'field-hint', text: 'What a project starts with when you add it; each project can change its own in its editor.' }),
      el('div', { className: 'field-pair' }, link.row, expiry.row),
      el('h3', { className: 'settings-heading', text: 'Create links' }),
      format.row,
    ],
  });

  /** Saves `patch`; undoes the controls (and the theme) when it could not be kept. */
  async function choose(patch) {
    parts.clearError();
    saved.textContent = '';
    try {
      // The controls already show the choice (and a later one may be on its way).
      await settings.update(patch);
      saved.textContent = 'Saved';
    } catch (error) {
      show(settings.get());
      applyTheme(settings.get().theme);
      parts.showError(error.message);
    }
  }

  themes.addEventListener('change', (event) => {
    // Shown at once; kept once Rust has written it.
    applyTheme(event.target.value);
    choose({ theme: event.target.value });
  });
  link.select.addEventListener('change', () => choose({ defaultLink: link.select.value }));
  expiry.select.addEventListener('change', () => choose({ defaultExpiry: { kind: expiry.select.value } }));
  format.select.addEventListener('change', () => {
    describeFormat(format.select.value);
    choose({ linksFormat: format.select.value });
  });

  show(settings.get());
  themes.querySelector('input:checked')?.focus();
  return parts;
}
