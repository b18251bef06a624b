// Unit tests for lib/virtual-list.js: only the visible rows (plus overscan) are drawn, at any size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visibleWindow, rowCount, shouldLoadMore, scrollToReveal, rowsPerPage } from '../lib/virtual-list.js';

test('at the top, the window is the visible rows plus overscan below', () => {
  const w = visibleWindow({ scrollTop: 0, viewportHeight: 300, rowHeight: 30, count: 10_000, overscan: 5 });
  assert.deepEqual(w, { start: 0, end: 15, offset: 0, totalHeight: 300_000 });
});

test('deep in a 10,000-row list only a few dozen rows are drawn', () => {
  const w = visibleWindow({ scrollTop: 150_000, viewportHeight: 600, rowHeight: 30, count: 10_000, overscan: 6 });
  assert.equal(w.start, 4994);
  assert.equal(w.end, 5026);
  assert.equal(w.offset, 4994 * 30);
  assert.ok(w.end - w.start < 40);
});

test('the window is clamped at the end and for short or empty lists', () => {
  const end = visibleWindow({ scrollTop: 299_700, viewportHeight: 600, rowHeight: 30, count: 10_000, overscan: 6 });
  assert.equal(end.end, 10_000);
  const short = visibleWindow({ scrollTop: 0, viewportHeight: 600, rowHeight: 30, count: 3 });
  assert.deepEqual([short.start, short.end], [0, 3]);
  const empty = visibleWindow({ scrollTop: 50, viewportHeight: 600, rowHeight: 30, count: 0 });
  assert.deepEqual([empty.start, empty.end, empty.totalHeight], [0, 0, 0]);
  const negative = visibleWindow({ scrollTop: -40, viewportHeight: 90, rowHeight: 30, count: 100, overscan: 0 });
  assert.deepEqual([negative.start, negative.end], [0, 3]);
});

test('the list claims the known total while pages remain, so the scrollbar is honest', () => {
  assert.equal(rowCount({ loaded: 100, total: 10_000, hasMore: true }), 10_000);
  assert.equal(rowCount({ loaded: 100, total: 100, hasMore: true }), 101, 'at least one placeholder while more may come');
  assert.equal(rowCount({ loaded: 37, total: 10_000, hasMore: false }), 37);
});

test('the next page is fetched when the window nears the loaded rows, once at a time', () => {
  assert.equal(shouldLoadMore({ end: 80, loaded: 100, hasMore: true, loading: false }), true);
  assert.equal(shouldLoadMore({ end: 40, loaded: 100, hasMore: true, loading: false }), false);
  assert.equal(shouldLoadMore({ end: 95, loaded: 100, hasMore: true, loading: true }), false);
  assert.equal(shouldLoadMore({ end: 100, loaded: 100, hasMore: false, loading: false }), false);
});

test('revealing a row scrolls the least needed', () => {
  const v = { scrollTop: 300, viewportHeight: 300, rowHeight: 30 };
  assert.equal(scrollToReveal({ ...v, index: 12 }), 300, 'already visible');
  assert.equal(scrollToReveal({ ...v, index: 5 }), 150, 'above: align top');
  assert.equal(scrollToReveal({ ...v, index: 20 }), 330, 'below: align bottom');
  assert.equal(rowsPerPage({ viewportHeight: 300, rowHeight: 30 }), 9);
});
