// Unit tests for lib/token-status.js: status labels, filter, sort (Never last), expired picks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import {
  statusLabel, STATUS_FILTERS, filterTokens, sortTokens, expiredIds, describeLastAccess, tokenLine,
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
  assert.deepEqual(expiredIds(tokens), ['a']);
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

test('the delete confirmation names each token by its whole ID, expiry and last access', () => {
  const at = { now: Date.parse('2026-11-28T14:00:00Z'), timeZone: 'UTC' };
  assert.equal(tokenLine({ id: 'tok-expires-soon', expire: '2026-12-03T14:00:00Z', accessedAt: null }, at),
    'tok-expires-soon — expires 3 Dec 2026 14:00, never accessed');
  assert.equal(tokenLine({ id: 'tok-expired', expire: '2026-11-25T14:00:00Z', accessedAt: '2026-11-08T09:00:00Z' }, at),
    'tok-expired — expired 25 Nov 2026 14:00, last accessed 8 Nov 2026');
  assert.equal(tokenLine({ id: 'tok-never', expire: null, accessedAt: null }, at), 'tok-never — never expires, never accessed');
});
