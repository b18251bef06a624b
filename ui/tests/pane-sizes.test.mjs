// Unit tests for lib/pane-sizes.js: how the panes fit a window, how a divider moves them, and what
// is remembered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fitPanes, keyedWidth, draggedSidebar, loadSizes, saveSizes, initialFilesWidth, LIMITS, SPLITTER, STEP, BIG_STEP,
} from '../lib/pane-sizes.js';

const fresh = { sidebar: LIMITS.sidebar.initial, files: null, collapsed: false };

/** A Storage stand-in. */
function memory(initial = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)), items };
}

test('with no file open the list takes all the width beside the sidebar', () => {
  const fit = fitPanes({ total: 800, sizes: fresh, fileOpen: false });
  assert.equal(fit.sidebar, 260);
  assert.equal(fit.files, 800 - 260 - SPLITTER);
  assert.equal(fit.detail, 0);
});

test('at the window minimum, 800 px, an open file gets more than the list and nothing is below its minimum', () => {
  const fit = fitPanes({ total: 800, sizes: fresh, fileOpen: true });
  assert.equal(fit.sidebar + SPLITTER + fit.files + SPLITTER + fit.detail, 800);
  assert.equal(fit.files, LIMITS.files.min);
  assert.ok(fit.detail >= LIMITS.detail.min);
  assert.ok(fit.detail > fit.files);
});

test('the detail gets most of a wide window, and a shut sidebar gives it its width', () => {
  for (const total of [1280, 1920]) {
    const fit = fitPanes({ total, sizes: fresh, fileOpen: true });
    assert.ok(fit.detail > 2 * fit.files, `${total}: ${JSON.stringify(fit)}`);
    const shut = fitPanes({ total, sizes: { ...fresh, collapsed: true }, fileOpen: true });
    assert.equal(shut.sidebar, 0);
    assert.equal(shut.files + shut.detail, total - 2 * SPLITTER);
  }
  assert.equal(initialFilesWidth(10_000), 480, 'the list stops growing');
});

test('remembered widths too big for a small window give way: the sidebar first, then the list', () => {
  const wide = { sidebar: 480, files: 720, collapsed: false };
  const fit = fitPanes({ total: 800, sizes: wide, fileOpen: true });
  assert.equal(fit.files, LIMITS.files.min);
  assert.equal(fit.detail, LIMITS.detail.min);
  assert.equal(fit.sidebar, 800 - 2 * SPLITTER - LIMITS.files.min - LIMITS.detail.min);
  assert.equal(fit.sidebarMax, fit.sidebar, 'the divider says how far it can go');
  const big = fitPanes({ total: 1920, sizes: wide, fileOpen: true });
  assert.equal(big.sidebar, 480);
  assert.equal(big.files, 720, 'a big window draws them as remembered');
});

test('arrow, Page, Home and End keys move a divider within its limits; other keys do nothing', () => {
  const limits = { min: 180, max: 400 };
  assert.equal(keyedWidth(260, 'ArrowRight', limits), 260 + STEP);
  assert.equal(keyedWidth(260, 'ArrowLeft', limits), 260 - STEP);
  assert.equal(keyedWidth(260, 'PageUp', limits), 260 + BIG_STEP);
  assert.equal(keyedWidth(260, 'PageDown', limits), 260 - BIG_STEP);
  assert.equal(keyedWidth(390, 'ArrowRight', limits), 400);
  assert.equal(keyedWidth(185, 'PageDown', limits), 180);
  assert.equal(keyedWidth(260, 'Home', limits), 180);
  assert.equal(keyedWidth(260, 'End', limits), 400);
  assert.equal(keyedWidth(260, 'ArrowUp', limits), null);
  assert.equal(keyedWidth(260, 'Enter', limits), null);
  assert.equal(keyedWidth(0, 'ArrowRight', limits), 180, 'from shut, a key opens it at its narrowest');
});

test('a sidebar dragged nearly shut snaps shut and keeps its width for later; dragged out it opens', () => {
  const shut = draggedSidebar(fresh, 40);
  assert.equal(shut.collapsed, true);
  assert.equal(shut.sidebar, 260);
  assert.deepEqual(draggedSidebar(shut, 150), { sidebar: LIMITS.sidebar.min, files: null, collapsed: false });
  assert.equal(draggedSidebar(fresh, 333.4).sidebar, 333);
  assert.equal(draggedSidebar(fresh, 900, 400).sidebar, 400);
});

test('sizes are remembered and read back; missing, damaged or absurd values fall back', () => {
  const storage = memory();
  assert.deepEqual(loadSizes(storage), fresh);
  saveSizes(storage, { sidebar: 300, files: 350, collapsed: true });
  assert.deepEqual(loadSizes(storage), { sidebar: 300, files: 350, collapsed: true });
  assert.deepEqual(loadSizes(memory({ 'bucketdesk.layout': '{not json' })), fresh);
  assert.deepEqual(loadSizes(memory({ 'bucketdesk.layout': '"260"' })), fresh);
  assert.deepEqual(loadSizes(memory({ 'bucketdesk.layout': '{"sidebar":5,"files":99999,"collapsed":"yes"}' })),
    { sidebar: LIMITS.sidebar.min, files: LIMITS.files.max, collapsed: false });
  assert.deepEqual(loadSizes(null), fresh, 'no storage at all');
  assert.doesNotThrow(() => saveSizes({ setItem() { throw new Error('full'); } }, fresh));
});
