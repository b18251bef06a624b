// Token statuses as people read them, and the filter, sort and "expired" picks of the token table.

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

export function expiredIds(tokens) {
  return tokens.filter((t) => t.status === 'expired').map((t) => t.id);
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
