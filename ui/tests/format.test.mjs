// Unit tests for lib/format.js: dates in an explicit time zone, relative times against a fixed now,
// sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatDate, formatTime, formatDateTime, formatRelative, formatExpiryPhrase, formatBytes, formatCount, plural, shortId,
  formatTotal, listCount, TOTAL_CAP,
} from '../lib/format.js';

const NOW = Date.parse('2026-11-28T14:00:00Z');

test('absolute dates read "5 Jan 2027 14:00" in the given time zone', () => {
  const iso = '2027-01-05T13:00:00.000Z';
  assert.equal(formatDateTime(iso, { timeZone: 'UTC' }), '5 Jan 2027 13:00');
  assert.equal(formatDateTime(iso, { timeZone: 'Europe/Berlin' }), '5 Jan 2027 14:00');
  assert.equal(formatDateTime(iso, { timeZone: 'America/New_York' }), '5 Jan 2027 08:00');
  assert.equal(formatDate('2027-01-05T23:30:00Z', { timeZone: 'Asia/Tokyo' }), '6 Jan 2027');
  assert.equal(formatTime('2027-01-05T00:05:00Z', { timeZone: 'UTC' }), '00:05');
});

test('summer time shifts the local hour', () => {
  assert.equal(formatDateTime('2026-07-01T10:00:00Z', { timeZone: 'Europe/Berlin' }), '1 Jul 2026 12:00');
});

test('a missing or bad date reads Never', () => {
  assert.equal(formatDateTime(null), 'Never');
  assert.equal(formatDate(undefined), 'Never');
  assert.equal(formatDateTime('not a date'), 'Never');
  assert.equal(formatRelative(null, NOW), 'Never');
});

test('relative times read "in 3 days" and "2 hours ago"', () => {
  const at = (ms) => new Date(NOW + ms).toISOString();
  const H = 3_600_000;
  assert.equal(formatRelative(at(3 * 24 * H), NOW), 'in 3 days');
  assert.equal(formatRelative(at(-2 * H), NOW), '2 hours ago');
  assert.equal(formatRelative(at(-10_000), NOW), 'just now');
  assert.equal(formatRelative(at(20_000), NOW), 'in under a minute');
  assert.equal(formatRelative(at(5 * 60_000), NOW), 'in 5 minutes');
  assert.equal(formatRelative(at(H - 1000), NOW), 'in 1 hour', 'a fresh 1-hour token reads "in 1 hour"');
  assert.equal(formatRelative(at(7 * 24 * H - 5000), NOW), 'in 7 days');
  assert.equal(formatRelative(at(38 * 24 * H), NOW), 'in 38 days');
  assert.equal(formatRelative(at(90 * 24 * H), NOW), 'in 90 days');
  assert.equal(formatRelative(at(200 * 24 * H), NOW), 'in 7 months');
  assert.equal(formatRelative(at(365 * 24 * H - 5000), NOW), 'in 1 year');
  assert.equal(formatRelative(at(-3 * 365 * 24 * H), NOW), '3 years ago');
});

test('the expiry phrase used by toasts names the date and how far it is', () => {
  const expire = new Date(NOW + 38 * 86_400_000).toISOString();
  assert.equal(formatExpiryPhrase(expire, { now: NOW, timeZone: 'UTC' }), 'expires 5 Jan 2027 14:00 (in 38 days)');
  assert.equal(formatExpiryPhrase(null, { now: NOW }), 'never expires');
});

test('sizes use base-1000 units like the Console', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(1000), '1 kB');
  assert.equal(formatBytes(1234), '1.2 kB');
  assert.equal(formatBytes(1_200_000), '1.2 MB');
  assert.equal(formatBytes(12_345_678), '12.3 MB');
  assert.equal(formatBytes(123_456_789), '123 MB');
  assert.equal(formatBytes(999_960), '1 MB', 'rounding up carries into the next unit');
  assert.equal(formatBytes(5_000_000_000), '5 GB');
  assert.equal(formatBytes(-1), '—');
  assert.equal(formatBytes('x'), '—');
});

test('counts, plurals and short IDs', () => {
  assert.equal(formatCount(10000), '10,000');
  assert.equal(plural(1, 'file'), '1 file');
  assert.equal(plural(10000, 'file'), '10,000 files');
  assert.equal(plural(2, 'match', 'matches'), '2 matches');
  assert.equal(shortId('65a1b2c3d4e5f6'), '65a1b2c3…');
  assert.equal(shortId('short'), 'short');
});

test('a total at Appwrite’s cap of 5,000 reads “5,000+”, never “5,000 files”', () => {
  assert.equal(TOTAL_CAP, 5000);
  assert.equal(formatTotal(5000, 'file'), '5,000+ files');
  assert.equal(formatTotal(10_000, 'file'), '5,000+ files', 'whatever a server sends past the cap');
  assert.equal(formatTotal(4999, 'file'), '4,999 files');
  assert.equal(formatTotal(1, 'file'), '1 file');
  assert.equal(formatTotal(5000, 'match', 'matches'), '5,000+ matches');
  assert.equal(formatTotal(null, 'file'), '0 files');
  assert.equal(formatTotal(undefined, 'file'), '0 files');
});

test('the server’s word on the cap wins over the number, and the number is the fallback', () => {
  assert.equal(formatTotal(5000, 'file', 'files', { capped: true }), '5,000+ files');
  assert.equal(formatTotal(5000, 'file', 'files', { capped: false }), '5,000 files', 'exactly 5,000, as the server says');
  assert.equal(formatTotal(4999, 'file', 'files', { capped: undefined }), '4,999 files');
  assert.equal(formatTotal(5000, 'file', 'files', {}), '5,000+ files');
  assert.equal(listCount({ total: 5000, loaded: 100, complete: false, capped: false }, 'file'), '5,000 files');
  assert.equal(listCount({ total: 5000, loaded: 100, complete: false, capped: true }, 'match', 'matches'), '5,000+ matches');
});

test('a list shows the server’s total while pages remain and the exact count once all are loaded', () => {
  assert.equal(listCount({ total: 5000, loaded: 100, complete: false }, 'file'), '5,000+ files');
  assert.equal(listCount({ total: 5000, loaded: 10_000, complete: true }, 'file'), '10,000 files');
  assert.equal(listCount({ total: 5000, loaded: 5000, complete: true }, 'file'), '5,000 files', 'exactly 5,000, all loaded');
  assert.equal(listCount({ total: 12, loaded: 12, complete: true }, 'file'), '12 files');
  assert.equal(listCount({ total: 0, loaded: 0, complete: true }, 'match', 'matches'), '0 matches');
  assert.equal(listCount({ total: 40, loaded: 100, complete: false }, 'file'), '100 files', 'never fewer than loaded');
});
