// Token statuses as people read them, the rule that says when a link "expires soon", and the
// filter, sort and "expired" picks of the token table.

import { formatDate, formatDateTime } from './format.js';

export const STATUS_LABELS = {
  active: 'Active',
  expiresSoon: 'Expires soon',
  expired: 'Expired',
  neverExpires: 'Never expires',
};

export const STATUS_FILTERS = [
  { value: 'all', label: 'All statuses' },
  ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
];

const DAY = 86_400_000;

/** "Expires soon" never starts earlier than this before the expiry (the Console's flat 14 days). */
export const SOON_AT_MOST_MS = 14 * DAY;
/** … and only once less than this share of the token's lifetime is left. */
export const SOON_SHARE = 1 / 5;

/**
 * The rule in words, for the Status column's tooltip. Rust's status.rs applies the same rule when
 * it lists tokens; the table works the status out again at each redraw, so it changes on time.
 */
export const EXPIRES_SOON_RULE = 'Expires soon: less than a fifth of the link’s lifetime (from its creation to '
  + 'its expiry) is left, and never more than 14 days. A 1-day link turns amber 4 h 48 min before it expires, '
  + 'a 7-day link 1 day 9 h 36 min before, a 30-day link 6 days before, a 70-day or longer one 14 days before.';

/**
 * How long before its expiry a token made at `createdMs` and expiring at `expireMs` counts as
 * expiring soon: a fifth of its lifetime, at most 14 days (14 days when the creation is unknown).
 */
export function soonWindowMs(createdMs, expireMs) {
  const lifetime = Number.isFinite(createdMs) ? expireMs - createdMs : Infinity;
  return Math.min(lifetime * SOON_SHARE, SOON_AT_MOST_MS);
}

/**
 * A token's status at `now` (epoch ms): `neverExpires` without an expiry, `expired` from its
 * expiry on, `expiresSoon` while less than {@link soonWindowMs} is left, else `active`.
 */
export function tokenStatus(token, now = Date.now()) {
  const expire = time(token.expire, null);
  if (expire === null) return 'neverExpires';
  const left = expire - Number(now);
  if (left <= 0) return 'expired';
  return left < soonWindowMs(time(token.createdAt, NaN), expire) ? 'expiresSoon' : 'active';
}

/** The tokens with `status` worked out at `now` (what the table filters, sorts and draws). */
export function withStatus(tokens, now = Date.now()) {
  return tokens.map((t) => ({ ...t, status: tokenStatus(t, now) }));
}

/** "Active", "Expires soon", "Expired", "Never expires" (the raw value for anything unknown). */
export function statusLabel(status) {
  return STATUS_LABELS[status] ?? String(status);
}

/** Tokens with `status` ("all" keeps every one). */
export function filterTokens(tokens, status) {
  return status === 'all' ? tokens.slice() : tokens.filter((t) => t.status === status);
}

function time(iso, missing) {
  if (!iso) return missing;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? missing : t;
}

/** Tokens sorted by `by` ("created" or "expiry", where Never sorts after every date) in `order`. */
export function sortTokens(tokens, by = 'created', order = 'desc') {
  const key = by === 'expiry' ? (t) => time(t.expire, Infinity) : (t) => time(t.createdAt, 0);
  const sign = order === 'asc' ? 1 : -1;
  return tokens.slice().sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return ka < kb ? -sign : sign;
  });
}

/** The ids of the tokens expired at `now`. */
export function expiredIds(tokens, now = Date.now()) {
  return tokens.filter((t) => tokenStatus(t, now) === 'expired').map((t) => t.id);
}

/** "last accessed 3 Jan 2027" or "never accessed" (for the delete confirmation). */
export function describeLastAccess(token, { timeZone } = {}) {
  return token.accessedAt ? `last accessed ${formatDate(token.accessedAt, { timeZone })}` : 'never accessed';
}

/**
 * One line of the delete confirmation naming `token` so it cannot be mistaken for another: its
 * whole ID (IDs that start alike differ only at the end), its expiry and its last access, e.g.
 * "tok-expires-soon — expires 5 Jan 2027 14:00, never accessed".
 */
export function tokenLine(token, { now = Date.now(), timeZone } = {}) {
  const expire = time(token.expire, null);
  let when = 'never expires';
  if (expire !== null) {
    when = `${expire <= Number(now) ? 'expired' : 'expires'} ${formatDateTime(token.expire, { timeZone })}`;
  }
  return `${String(token.id ?? '—')} — ${when}, ${describeLastAccess(token, { timeZone })}`;
}
