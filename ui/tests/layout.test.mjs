// Unit tests for what keeps things whole in narrow panes: when the token table stacks its rows
// (lib/table-layout.js), the type badge of a file without a preview (lib/file-type.js), and
// scrolling the current row into view (lib/scroll-into.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextTableLayout, TABLE_NEEDS } from '../lib/table-layout.js';
import { typeBadge, BADGE_LETTERS } from '../lib/file-type.js';
import { scrollToShow } from '../lib/scroll-into.js';

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

test('a file without a preview shows its extension, else a name for its MIME type, never a cut word', () => {
  assert.equal(typeBadge({ name: 'notes.txt', mimeType: 'text/plain' }), 'TXT');
  assert.equal(typeBadge({ name: 'README', mimeType: 'text/plain' }), 'TXT', 'not PLAI');
  assert.equal(typeBadge({ name: 'photo', mimeType: 'image/jpeg' }), 'JPG');
  assert.equal(typeBadge({ name: 'report.pdf', mimeType: 'application/pdf' }), 'PDF');
  assert.equal(typeBadge({ name: 'contract', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), 'DOCX');
  assert.equal(typeBadge({ name: 'data', mimeType: 'application/x-tar' }), 'TAR');
  assert.equal(typeBadge({ name: 'page', mimeType: 'text/html; charset=utf-8' }), 'HTML');
  assert.equal(typeBadge({ name: 'x', mimeType: 'application/vnd.ms-excel' }), 'EXCEL');
  assert.equal(typeBadge({ name: 'x', mimeType: 'application/ld+json' }), 'JSON');
  assert.equal(typeBadge({ name: 'x', mimeType: 'application/x-7z-compressed' }), '7Z');
  assert.equal(typeBadge({ name: 'archive.backup', mimeType: 'application/octet-stream' }), 'FILE', 'a long extension is not cut');
  assert.equal(typeBadge({ name: 'thing', mimeType: 'application/whatever-format' }), 'FILE');
  assert.equal(typeBadge({}), 'FILE');
  for (const name of ['a.txt', 'b.jpeg', 'c.tar.gz', 'd.xlsx']) assert.ok(typeBadge({ name }).length <= BADGE_LETTERS);
});

test('the current row is scrolled into view only as far as needed', () => {
  const view = { scrollTop: 100, viewHeight: 120 };
  assert.equal(scrollToShow({ top: 130, height: 26, ...view }), 100, 'already in view');
  assert.equal(scrollToShow({ top: 40, height: 26, ...view }), 40, 'above: its top at the top');
  assert.equal(scrollToShow({ top: 300, height: 26, ...view }), 206, 'below: its bottom at the bottom');
  assert.equal(scrollToShow({ top: 300, height: 200, ...view }), 300, 'taller than the view: its top');
});
