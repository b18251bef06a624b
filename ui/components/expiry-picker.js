// The expiry chooser used by "Create token", "Edit expiry" and "Create links": presets, a custom local date
// and time, and the resulting date shown live (computed by Rust through resolve_expiry).

import { el, uniqueId } from '../lib/dom.js';
import { PRESETS, CUSTOM, customExpiry, localOffsetAt, defaultCustomInputs, PAST_MESSAGE } from '../lib/expiry.js';
import { formatDateTime, formatRelative } from '../lib/format.js';
import { debounce } from '../lib/debounce.js';

/**
 * `initial` is an Expiry ({kind}) or {kind: 'custom', date, time}. Returns {element, read()} where read()
 * gives {expiry} or {error} (a past custom time is refused here, before anything is sent).
 */
export function createExpiryPicker({ api, initial = { kind: 'never' } }) {
  const name = uniqueId('expiry');
  const custom = initial.kind === 'custom' && initial.date ? initial : { kind: 'custom', ...defaultCustomInputs() };
  const date = el('input', { type: 'date', value: custom.date, attrs: { 'aria-label': 'Custom date' } });
  const time = el('input', { type: 'time', value: custom.time, attrs: { 'aria-label': 'Custom time' } });
  const result = el('p', { className: 'expiry-result', attrs: { role: 'status', 'aria-live': 'polite', 'aria-label': 'Resulting expiry' } });
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

  let generation = 0;
  const resolve = debounce(async (expiry, n) => {
    try {
      const { at } = await api.resolveExpiry(expiry);
      if (n !== generation) return;
      showResult(at);
    } catch (e) {
      if (n !== generation) return;
      result.textContent = '';
      showError(e.code === 'expiry_in_past' ? e.message || PAST_MESSAGE : e.message);
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
      const answer = read();
      if (answer.error) showError(answer.error);
      return answer;
    },
    showError,
    focus() { element.querySelector('input:checked')?.focus(); },
  };
}
