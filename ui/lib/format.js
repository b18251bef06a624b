// The one place that turns dates, relative times, counts and byte sizes into the text people read.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const partFormatters = new Map();
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const counts = new Intl.NumberFormat('en-US');

/** Calendar parts of an instant in `timeZone` (the machine's zone when undefined). */
function partsOf(date, timeZone) {
  const key = timeZone ?? '';
  let fmt = partFormatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: 'numeric', day: 'numeric',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    partFormatters.set(key, fmt);
  }
  const p = {};
  for (const { type, value } of fmt.formatToParts(date)) p[type] = value;
  return { year: p.year, month: Number(p.month), day: Number(p.day), hour: p.hour, minute: p.minute };
}

function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "5 Jan 2027" in local time (or `timeZone`); "Never" for null. */
export function formatDate(value, { timeZone } = {}) {
  const date = toDate(value);
  if (!date) return 'Never';
  const p = partsOf(date, timeZone);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** "14:00" in local time (or `timeZone`); empty for null. */
export function formatTime(value, { timeZone } = {}) {
  const date = toDate(value);
  if (!date) return '';
  const p = partsOf(date, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** "5 Jan 2027 14:00" in local time (or `timeZone`); "Never" for null. */
export function formatDateTime(value, options = {}) {
  const date = toDate(value);
  if (!date) return 'Never';
  return `${formatDate(date, options)} ${formatTime(date, options)}`;
}

/**
 * "in 3 days", "2 hours ago", "just now"; "Never" for null. `now` is a Date or epoch milliseconds.
 */
export function formatRelative(value, now = Date.now()) {
  const date = toDate(value);
  if (!date) return 'Never';
  const seconds = Math.round((date.getTime() - Number(now)) / 1000);
  if (Math.abs(seconds) < 45) return seconds < 0 ? 'just now' : 'in under a minute';
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  const days = Math.round(hours / 24);
  if (Math.abs(days) < 100) return relative.format(days, 'day');
  if (Math.abs(days) < 365) return relative.format(Math.round(days / 30.44), 'month');
  return relative.format(Math.round(days / 365.25), 'year');
}

/**
 * "expires 5 Jan 2027 14:00 (in 38 days)" or "never expires": the phrase toasts and previews use.
 */
export function formatExpiryPhrase(expire, { now = Date.now(), timeZone } = {}) {
  if (!toDate(expire)) return 'never expires';
  return `expires ${formatDateTime(expire, { timeZone })} (${formatRelative(expire, now)})`;
}

/** Bytes in base-1000 units like the Appwrite Console: "999 B", "1.2 kB", "12.3 MB", "123 MB". */
export function formatBytes(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1000) return `${Math.round(n)} B`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
  let value = n / 1000;
  let unit = 0;
  for (;;) {
    const rounded = value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
    if (rounded < 1000 || unit === units.length - 1) {
      return `${rounded < 100 ? rounded.toFixed(1).replace(/\.0$/, '') : rounded} ${units[unit]}`;
    }
    value /= 1000;
    unit += 1;
  }
}

/** "1,234" */
export function formatCount(n) {
  return counts.format(n);
}

/** "1 file", "3 files" */
export function plural(n, one, many = `${one}s`) {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * Appwrite counts at most this many documents for a list's `total`: a bigger bucket answers
 * exactly 5000 too. Rust says so (`totalCapped`, `fileCountCapped`); a total at the cap with no
 * such flag is read as "this many or more".
 */
export const TOTAL_CAP = 5000;

/**
 * A server total as people read it: "12 files", and "5,000+ files" at Appwrite's cap (never
 * "5,000 files" for a bigger bucket). `total` may be null or missing (reads as 0); `capped`, when
 * given, is the server's word on whether the count stopped at the cap.
 */
export function formatTotal(total, one, many = `${one}s`, { capped } = {}) {
  const n = Number(total) || 0;
  const atCap = typeof capped === 'boolean' ? capped : n >= TOTAL_CAP;
  return atCap ? `${formatCount(TOTAL_CAP)}+ ${many}` : plural(n, one, many);
}

/**
 * The count a list shows: the exact number once every row is loaded or the length is otherwise
 * known (`complete`), else the server's total, "5,000+" when capped.
 */
export function listCount({ total, loaded, complete, capped }, one, many = `${one}s`) {
  if (complete) return plural(loaded, one, many);
  return formatTotal(Math.max(Number(total) || 0, loaded), one, many, { capped });
}

/** The first characters of a long ID, for narrow columns. */
export function shortId(id, length = 8) {
  return id.length > length ? `${id.slice(0, length)}…` : id;
}
