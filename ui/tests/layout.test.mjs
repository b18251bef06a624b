// Unit tests for what keeps things whole in narrow panes: when the token table stacks its rows
// (lib/table-layout.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextTableLayout, TABLE_NEEDS } from '../lib/table-layout.js';

test('before it is measured, the table is drawn when its pane is as wide as a table needs', () => {
  assert.deepEqual(nextTableLayout({ width: TABLE_NEEDS, current: null }), { layout: 'table', needs: TABLE_NEEDS });
  assert.deepEqual(nextTableLayout({ width: TABLE_NEEDS - 1, current: null }), { layout: 'stacked', needs: TABLE_NEEDS });
  assert.equal(nextTableLayout({ width: 300, current: null }).layout, 'stacked', 'the detail pane at 800 × 500');
});

test('a drawn table that overflows its pane stacks, and learns what it needs', () => {
  assert.deepEqual(nextTableLayout({ width: 700, current: 'table', overflow: 744.5 }), { layout: 'stacked', needs: 745 });
  assert.deepEqual(nextTableLayout({ width: 700, current: 'table', overflow: null }), { layout: 'table', needs: TABLE_NEEDS });
  assert.equal(nextTableLayout({ width: 700, current: 'table', overflow: 700.5 }).layout, 'table', 'rounding is not overflow');
});

test('a stacked table comes back only once the pane is as wide as the table needed: no flicker', () => {
  const needs = 745;
  for (const width of [700, 720, 744]) {
    assert.equal(nextTableLayout({ width, current: 'stacked', needs }).layout, 'stacked', `${width}`);
  }
  assert.equal(nextTableLayout({ width: 745, current: 'stacked', needs }).layout, 'table');
});
