// The expiry chooser of "Create token", "Edit expiry" and "Create links": presets, a custom local
// date and time, and the resulting date shown live as Rust works it out (resolve_expiry), or Rust's
// reason for refusing it.

import { el, uniqueId } from '../lib/dom.js';
import { PRESETS, CUSTOM, customExpiry, localOffsetAt, defaultCustomInputs } from '../lib/expiry.js';
import { formatDateTime, formatRelative } from '../lib/format.js';
import { debounce } from '../lib/debounce.js';

/**
 * `initial` is an Expiry ({kind}) or {kind: 'custom', date, time}. Returns {element, read(),
 * showError, focus}; read() gives {expiry} or {error}: an input to fix, or the refusal Rust gave
 * for this choice (a past time) when its answer has arrived. Rust checks again when the expiry is
 * used.
 */
export function createExpiryPicker({ api, initial = { kind: 'never' } }) {
  const name = uniqueId('expiry');
  const custom = initial.kind === 'custom' && initial.date ? initial : { kind: 'custom', ...defaultCustomInputs() };
  const date = el('input', { type: 'date', value: custom.date, attrs: { 'aria-label': 'Custom date' } });
  const time = el('input', { type: 'time', value: custom.time, attrs: { 'aria-label': 'Custom time' } });
  const result = el('p', {
    className: 'expiry-result',
    attrs: { role: 'status', 'aria-live': 'polite', 'aria-label': 'Resulting expiry' },
  });
  const error = el('p', { className: 'field-error', hidden: true, attrs: { role: 'alert' } });

  const choices = [...PRESETS, CUSTOM].map((preset) => {
    const input = el('input', { type: 'radio', name, value: preset.kind, checked: preset.kind === initial.kind });
    input.addEventListener('change', refresh);
    return el('label', { className: 'choice' }, input, ` ${preset.label}`);
  });
  const customRow = el('div', { className: 'custom-row' }, date, time);
  const element = el('fieldset', { className: 'expiry-picker' },
    el('legend', { text: 'Expiry' }),
    el('div', { className: 'choices' }, choices),
    customRow, result, error);

  for (const input of [date, time]) {
    input.addEventListener('input', refresh);
    input.addEventListener('focus', () => { element.querySelector('input[value=custom]').checked = true; refresh(); });
  }

  function kind() {
    return element.querySelector(`input[name="${name}"]:checked`)?.value ?? 'never';
  }

  function read() {
    const k = kind();
    if (k !== 'custom') return { expiry: { kind: k } };
    return customExpiry(date.value, time.value, localOffsetAt(date.value || '1970-01-01', time.value || '00:00'));
  }

  // Rust's refusal of the current choice. A time once past stays past, so it holds until the choice
  // changes.
  let refusal = null;
  let generation = 0;
  const resolve = debounce(async (expiry, n) => {
    try {
      const { at } = await api.resolveExpiry(expiry);
      if (n !== generation) return;
      showResult(at);
    } catch (e) {
      if (n !== generation) return;
      result.textContent = '';
      refusal = e.message;
      showError(e.message);
    }
  }, 120);

  function showResult(at) {
    result.textContent = at ? `Expires ${formatDateTime(at)} (${formatRelative(at)})` : 'Never expires';
  }
  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
  }

  function refresh() {
    generation += 1;
    refusal = null;
    customRow.classList.toggle('inactive', kind() !== 'custom');
    const answer = read();
    showError('');
    if (answer.error) {
      resolve.cancel();
      result.textContent = '';
      showError(answer.error);
      return;
    }
    if (answer.expiry.kind === 'never') { resolve.cancel(); showResult(null); return; }
    result.textContent = 'Working out the date…';
    resolve(answer.expiry, generation);
  }

  refresh();
  return {
    element,
    read() {
      const answer = refusal ? { error: refusal } : read();
      if (answer.error) showError(answer.error);
      return answer;
    },
    showError,
    focus() { element.querySelector('input:checked')?.focus(); },
  };
}
