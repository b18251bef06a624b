// Expiry choices (presets and a custom local date and time), the values the backend expects for
// them, and the default choice. Whether a time is already past is Rust's to say (resolve_expiry).

export const PRESETS = [
  { kind: 'oneHour', label: '1 hour' },
  { kind: 'oneDay', label: '1 day' },
  { kind: 'sevenDays', label: '7 days' },
  { kind: 'thirtyDays', label: '30 days' },
  { kind: 'ninetyDays', label: '90 days' },
  { kind: 'oneYear', label: '1 year' },
  { kind: 'never', label: 'Never' },
];
export const CUSTOM = { kind: 'custom', label: 'Custom' };

/** The choice a new token or project starts on when the project names none. */
export const DEFAULT_EXPIRY = Object.freeze({ kind: 'sevenDays' });

/** "+01:00" for a `Date#getTimezoneOffset()` of -60 (that method counts minutes west of UTC). */
export function offsetString(offsetMinutes) {
  const east = -offsetMinutes;
  const sign = east >= 0 ? '+' : '-';
  const abs = Math.abs(east);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/**
 * The machine's offset (as `getTimezoneOffset`) on that local date and time, summer time included.
 */
export function localOffsetAt(date, time) {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(y, mo - 1, d, h, mi).getTimezoneOffset();
}

/**
 * A custom expiry from the values of a date input ("2026-12-01") and a time input ("10:00" or
 * "10:00:30"), with the machine's offset for that moment. Returns `{expiry}`, or `{error}` saying
 * what to fix when an input is missing or malformed. A past time is returned as is: Rust refuses
 * it.
 */
export function customExpiry(date, time, offsetMinutes) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) return { error: 'Choose a date.' };
  if (!/^\d{2}:\d{2}(:\d{2})?$/.test(time ?? '')) return { error: 'Choose a time.' };
  const seconds = time.length === 5 ? `${time}:00` : time;
  const at = `${date}T${seconds}${offsetString(offsetMinutes)}`;
  const instant = Date.parse(at);
  if (Number.isNaN(instant)) return { error: 'That date is not valid.' };
  return { expiry: { kind: 'custom', at } };
}

/** Date and time input values showing `iso` in a zone with the given `getTimezoneOffset`. */
export function localInputsFor(iso, offsetMinutes) {
  const shifted = new Date(Date.parse(iso) - offsetMinutes * 60_000).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/**
 * The picker's starting choice for editing a token, from the row's `editChoice` (worked out in
 * Rust: the preset matching the token's lifetime, Never, or Custom at its expiry, shown here in
 * local time). A Custom time that is already past (an expired token) could only be refused, so
 * the editor opens on `fallback` instead: the project's default expiry, or 7 days when that is a
 * custom date too.
 */
export function initialChoiceFor(editChoice, offsetMinutes, { now = Date.now(), fallback = DEFAULT_EXPIRY } = {}) {
  if (editChoice?.kind !== 'custom') return { kind: editChoice?.kind ?? 'never' };
  const at = Date.parse(editChoice.at);
  if (Number.isNaN(at) || at <= Number(now)) {
    return { kind: fallback?.kind && fallback.kind !== 'custom' ? fallback.kind : DEFAULT_EXPIRY.kind };
  }
  return { kind: 'custom', ...localInputsFor(editChoice.at, offsetMinutes) };
}

/** Inputs for a fresh Custom choice: tomorrow, at the next whole hour (local). */
export function defaultCustomInputs(now = Date.now(), offsetMinutes = new Date(now).getTimezoneOffset()) {
  const next = new Date(Math.ceil(Number(now) / 3_600_000) * 3_600_000 + 86_400_000);
  return localInputsFor(next.toISOString(), offsetMinutes);
}
