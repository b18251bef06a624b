// Unit tests for lib/token-status.js: status labels, filter, sort (Never last), expired picks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import {
  statusLabel, STATUS_FILTERS, filterTokens, sortTokens, expiredIds, describeLastAccess, tokenStatus, withStatus,
  soonWindowMs, EXPIRES_SOON_RULE, tokenLine,
} from '../lib/token-status.js';

const tokens = [
  { id: 'a', createdAt: '2026-01-01T00:00:00Z', expire: '2026-02-01T00:00:00Z', accessedAt: null, status: 'expired' },
  { id: 'b', createdAt: '2026-03-01T00:00:00Z', expire: null, accessedAt: '2027-01-03T10:00:00Z', status: 'neverExpires' },
  { id: 'c', createdAt: '2026-02-01T00:00:00Z', expire: '2026-12-05T00:00:00Z', accessedAt: null, status: 'expiresSoon' },
  { id: 'd', createdAt: '2026-04-01T00:00:00Z', expire: '2027-06-01T00:00:00Z', accessedAt: null, status: 'active' },
];

test('each status reads as the Console-style label', () => {
  assert.equal(statusLabel('active'), 'Active');
  assert.equal(statusLabel('expiresSoon'), 'Expires soon');
  assert.equal(statusLabel('expired'), 'Expired');
  assert.equal(statusLabel('neverExpires'), 'Never expires');
  assert.equal(statusLabel('weird'), 'weird');
  assert.deepEqual(STATUS_FILTERS.map((f) => f.value), ['all', 'active', 'expiresSoon', 'expired', 'neverExpires']);
});

test('filtering by status keeps only that status; "all" keeps every token', () => {
  assert.deepEqual(filterTokens(tokens, 'expired').map((t) => t.id), ['a']);
  assert.deepEqual(filterTokens(tokens, 'all').map((t) => t.id), ['a', 'b', 'c', 'd']);
});

test('sorting by created, both ways', () => {
  assert.deepEqual(sortTokens(tokens, 'created', 'desc').map((t) => t.id), ['d', 'b', 'c', 'a']);
  assert.deepEqual(sortTokens(tokens, 'created', 'asc').map((t) => t.id), ['a', 'c', 'b', 'd']);
});

test('sorting by expiry puts Never after every date', () => {
  assert.deepEqual(sortTokens(tokens, 'expiry', 'asc').map((t) => t.id), ['a', 'c', 'd', 'b']);
  assert.deepEqual(sortTokens(tokens, 'expiry', 'desc').map((t) => t.id), ['b', 'd', 'c', 'a']);
});

test('sorting does not change the input', () => {
  const copy = tokens.map((t) => t.id);
  sortTokens(tokens, 'expiry', 'asc');
  assert.deepEqual(tokens.map((t) => t.id), copy);
});

test('expired picks and last-access wording for the delete confirmation', () => {
  assert.deepEqual(expiredIds(tokens, Date.parse('2026-11-28T00:00:00Z')), ['a']);
  assert.deepEqual(expiredIds(tokens, Date.parse('2026-12-05T00:00:00Z')), ['a', 'c'], 'expired from its expiry on');
  assert.equal(describeLastAccess(tokens[1], { timeZone: 'UTC' }), 'last accessed 3 Jan 2027');
  assert.equal(describeLastAccess(tokens[0]), 'never accessed');
});

test('the status labels are listed only here: views and components use statusLabel', () => {
  for (const dir of ['views', 'components']) {
    for (const file of readdirSync(new URL(`../${dir}/`, import.meta.url))) {
      const source = readFileSync(new URL(`../${dir}/${file}`, import.meta.url), 'utf8');
      assert.doesNotMatch(source, /'(Active|Expires soon|Expired)'/, `${dir}/${file}`);
    }
  }
});

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.parse('2026-11-28T14:00:00Z');
/** A token made `agoMs` before NOW that expires `leftMs` after it (null: never). */
const made = (agoMs, leftMs) => ({
  id: 't', createdAt: new Date(NOW - agoMs).toISOString(),
  expire: leftMs === null ? null : new Date(NOW + leftMs).toISOString(), accessedAt: null,
});

test('a new 1-day, 7-day or 30-day link is not born “expires soon”', () => {
  for (const life of [H, D, 7 * D, 30 * D, 90 * D, 365 * D]) {
    assert.equal(tokenStatus(made(0, life), NOW), 'active', `${life / H} h`);
    assert.equal(tokenStatus(made(1000, life - 1000), NOW), 'active', `${life / H} h, a second later`);
  }
});

test('a link expires soon once under a fifth of its lifetime is left, never earlier than 14 days ahead', () => {
  const cases = [
    [H, 12 * 60_000],
    [D, 4.8 * H],
    [7 * D, 33.6 * H],
    [30 * D, 6 * D],
    [70 * D, 14 * D],
    [90 * D, 14 * D],
    [365 * D, 14 * D],
  ];
  for (const [life, window] of cases) {
    assert.equal(soonWindowMs(0, life), window, `${life / D} days`);
    assert.equal(tokenStatus(made(life - window, window), NOW), 'active', `${life / D} days, exactly at the line`);
    assert.equal(tokenStatus(made(life - window + 1, window - 1), NOW), 'expiresSoon', `${life / D} days, 1 ms past`);
  }
});

test('the demo’s tokens read as the rule says, and the ends of a lifetime are expired and never', () => {
  assert.equal(tokenStatus(made(28 * D, 5 * D), NOW), 'expiresSoon', '33-day link with 5 days left');
  assert.equal(tokenStatus(made(24 * D, 10 * D), NOW), 'active', '34-day link with 10 days left (a fifth: 6.8)');
  assert.equal(tokenStatus(made(29 * D, 120 * D), NOW), 'active');
  assert.equal(tokenStatus(made(D, 0), NOW), 'expired', 'expired at its expiry');
  assert.equal(tokenStatus(made(30 * D, -3 * D), NOW), 'expired');
  assert.equal(tokenStatus(made(D, null), NOW), 'neverExpires');
  assert.equal(tokenStatus({ id: 'x', createdAt: null, expire: new Date(NOW + 13 * D).toISOString() }, NOW), 'expiresSoon',
    'an unknown creation falls back to the 14 days');
});

test('the table works statuses out itself, so a row Rust called “expires soon” at listing is redrawn right', () => {
  const listed = [{ ...made(0, 7 * D), status: 'expiresSoon' }];
  assert.equal(withStatus(listed, NOW)[0].status, 'active');
  assert.equal(withStatus(listed, NOW + 6 * D)[0].status, 'expiresSoon');
  assert.equal(listed[0].status, 'expiresSoon', 'the input is left as it was');
});

test('the rule is spelled out for the Status column’s tooltip', () => {
  assert.match(EXPIRES_SOON_RULE, /a fifth of the link’s lifetime/);
  assert.match(EXPIRES_SOON_RULE, /14 days/);
  assert.match(EXPIRES_SOON_RULE, /7-day link 1 day 9 h 36 min before/);
});

test('the delete confirmation names each token by its whole ID, expiry and last access', () => {
  const at = { now: Date.parse('2026-11-28T14:00:00Z'), timeZone: 'UTC' };
  assert.equal(tokenLine({ id: 'tok-expires-soon', expire: '2026-12-03T14:00:00Z', accessedAt: null }, at),
    'tok-expires-soon — expires 3 Dec 2026 14:00, never accessed');
  assert.equal(tokenLine({ id: 'tok-expired', expire: '2026-11-25T14:00:00Z', accessedAt: '2026-11-08T09:00:00Z' }, at),
    'tok-expired — expired 25 Nov 2026 14:00, last accessed 8 Nov 2026');
  assert.equal(tokenLine({ id: 'tok-never', expire: null, accessedAt: null }, at), 'tok-never — never expires, never accessed');
});

test('every status case Rust’s status.rs shares with the UI (tests/fixtures/shared-rules.json)', () => {
  const { tokenStatus: cases } = JSON.parse(readFileSync(new URL('./fixtures/shared-rules.json', import.meta.url), 'utf8'));
  const now = Date.parse('2026-11-28T14:00:00Z');
  assert.ok(cases.length > 20);
  for (const c of cases) {
    const token = {
      id: 't', createdAt: new Date(now - c.createdAgoMs).toISOString(),
      expire: c.expiresInMs === null ? null : new Date(now + c.expiresInMs).toISOString(),
    };
    assert.equal(tokenStatus(token, now), c.status, c.why);
  }
});
