// Unit tests for lib/search-handoff.js: `/`, type, ↓, Enter opens the first match of what was
// typed, never a row of the list shown before the answer came.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchStale, enterAction } from '../lib/search-handoff.js';

test('a list searched for something else than the field holds must be searched again', () => {
  assert.equal(searchStale({ typed: 'sales', searched: '' }), true, 'typed, the debounce not yet run');
  assert.equal(searchStale({ typed: 'sales', searched: 'sal' }), true, 'one more letter');
  assert.equal(searchStale({ typed: ' sales ', searched: 'sales' }), false, 'spaces around do not count');
  assert.equal(searchStale({ typed: '', searched: null }), false);
});

test('Enter waits for the answer to what is typed, then opens; it never opens a row of the old list', () => {
  assert.equal(enterAction({ typed: 'sales', searched: '', loading: false, hasRow: true }), 'wait',
    'the old, unfiltered list has a row under the cursor, but it is not a match');
  assert.equal(enterAction({ typed: 'sales', searched: 'sales', loading: true, hasRow: true }), 'wait');
  assert.equal(enterAction({ typed: 'sales', searched: 'sales', loading: false, hasRow: true }), 'open');
  assert.equal(enterAction({ typed: 'nothing', searched: 'nothing', loading: false, hasRow: false }), 'none');
  assert.equal(enterAction({ typed: '', searched: '', loading: false, hasRow: true }), 'open', 'no search at all');
});
