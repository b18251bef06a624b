// Unit tests for the popup menus: keyboard moves (lib/menu-keys.js), placement on screen
// (lib/popup-position.js), and what the token and file menus offer (lib/token-actions.js,
// lib/file-actions.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { menuIndex, firstIndex } from '../lib/menu-keys.js';
import { placePopup } from '../lib/popup-position.js';
import { tokenMenuItems } from '../lib/token-actions.js';
import { fileMenuItems } from '../lib/file-actions.js';

const items = [
  { label: 'Copy link' }, { label: 'Copy view link' }, { separator: true },
  { label: 'Edit expiry' }, { label: 'Disabled thing', disabled: true }, { label: 'Delete token' },
];

test('arrows wrap round the menu, skipping separators and disabled items', () => {
  assert.equal(menuIndex(0, 'ArrowDown', items), 1);
  assert.equal(menuIndex(1, 'ArrowDown', items), 3);
  assert.equal(menuIndex(3, 'ArrowDown', items), 5);
  assert.equal(menuIndex(5, 'ArrowDown', items), 0);
  assert.equal(menuIndex(0, 'ArrowUp', items), 5);
  assert.equal(menuIndex(5, 'ArrowUp', items), 3);
  assert.equal(menuIndex(-1, 'ArrowDown', items), 0);
  assert.equal(menuIndex(-1, 'ArrowUp', items), 5);
});

test('Home and End go to the first and last usable item; the menu opens on the first', () => {
  assert.equal(menuIndex(3, 'Home', items), 0);
  assert.equal(menuIndex(0, 'End', items), 5);
  assert.equal(firstIndex([{ separator: true }, { label: 'x', disabled: true }, { label: 'Open' }]), 2);
  assert.equal(firstIndex([]), -1);
});

test('a letter goes to the next item starting with it, round the menu; other keys do not move', () => {
  assert.equal(menuIndex(0, 'c', items), 1);
  assert.equal(menuIndex(1, 'C', items), 0, 'case does not matter, and it wraps');
  assert.equal(menuIndex(0, 'e', items), 3);
  assert.equal(menuIndex(0, 'd', items), 5, 'the disabled item is skipped');
  assert.equal(menuIndex(0, 'z', items), null);
  assert.equal(menuIndex(0, 'Enter', items), null);
  assert.equal(menuIndex(0, ' ', items), null, 'Space picks, it does not move');
  assert.equal(menuIndex(0, 'ArrowDown', [{ separator: true }]), null);
});

const viewport = { width: 800, height: 500 };
const size = { width: 180, height: 220 };

test('a right-click menu opens at the pointer, flipped left or up where it would leave the window', () => {
  assert.deepEqual(placePopup({ size, viewport, at: { x: 100, y: 100 } }), { left: 100, top: 100 });
  assert.deepEqual(placePopup({ size, viewport, at: { x: 700, y: 100 } }), { left: 520, top: 100 });
  assert.deepEqual(placePopup({ size, viewport, at: { x: 100, y: 450 } }), { left: 100, top: 230 });
  const huge = placePopup({ size: { width: 180, height: 600 }, viewport, at: { x: 100, y: 450 } });
  assert.equal(huge.top, 4, 'taller than the window: from its top (the menu scrolls)');
});

test('a button menu opens under its button, right edges aligned, or above it near the bottom', () => {
  const anchor = { left: 700, right: 730, top: 100, bottom: 124 };
  assert.deepEqual(placePopup({ size, viewport, anchor }), { left: 550, top: 126 });
  assert.deepEqual(placePopup({ size, viewport, anchor: { left: 10, right: 40, top: 100, bottom: 124 } }), { left: 10, top: 126 });
  assert.deepEqual(placePopup({ size, viewport, anchor: { ...anchor, top: 440, bottom: 464 } }), { left: 550, top: 218 });
});

/** Records which callback a menu item called. */
function recorder() {
  const calls = [];
  const on = new Proxy({}, { get: (_, name) => (...args) => calls.push([name, ...args]) });
  return { on, calls };
}

test('the token menu offers every action of the row, under the row buttons’ names', () => {
  const { on, calls } = recorder();
  const menu = tokenMenuItems(on);
  const labels = menu.filter((i) => !i.separator).map((i) => i.label);
  const row = readFileSync(new URL('../views/token-row.js', import.meta.url), 'utf8');
  const buttons = [...row.matchAll(/iconButton\('([^']+)'/g)].map((m) => m[1])
    .filter((name) => name !== 'Token actions' && name !== 'Choose link kind');
  buttons.push(/'aria-label': 'Copy link'/.test(row) ? 'Copy link' : 'missing Copy link');
  for (const name of buttons) assert.ok(labels.includes(name), `${name} in ${labels}`);
  for (const kind of ['preview', 'view', 'download']) assert.ok(labels.includes(`Copy ${kind} link`));
  for (const item of menu.filter((i) => !i.separator)) item.onSelect();
  assert.deepEqual(calls, [['copy', null], ['copy', 'preview'], ['copy', 'view'], ['copy', 'download'],
    ['openLink'], ['showQr'], ['edit'], ['copySecret'], ['copyId'], ['remove']]);
});

test('the token menu deletes the selection when the token is one of several chosen', () => {
  const { on, calls } = recorder();
  assert.ok(!tokenMenuItems(on, { selected: 1 }).some((i) => i.id === 'delete-selected'));
  const item = tokenMenuItems(on, { selected: 3 }).find((i) => i.id === 'delete-selected');
  assert.equal(item.label, 'Delete selected (3)');
  item.onSelect();
  assert.deepEqual(calls, [['removeSelected']]);
});

test('the file menu opens, ticks and makes links for the file, or for the ticked files it is among', () => {
  const { on, calls } = recorder();
  const plain = fileMenuItems(on);
  assert.deepEqual(plain.filter((i) => !i.separator).map((i) => i.label), ['Open', 'Select', 'Create link', 'Copy file ID']);
  assert.equal(fileMenuItems(on, { open: true }).find((i) => i.id === 'open').disabled, true);
  const ticked = fileMenuItems(on, { selected: true, selection: 4 });
  assert.equal(ticked.find((i) => i.id === 'select').label, 'Unselect');
  assert.equal(ticked.find((i) => i.id === 'create-links').label, 'Create links (4)');
  assert.equal(fileMenuItems(on, { selected: false, selection: 4 }).find((i) => i.id === 'create-links').label, 'Create link');
  for (const item of plain.filter((i) => !i.separator)) item.onSelect();
  assert.deepEqual(calls.map(([name]) => name), ['open', 'toggle', 'createLinks', 'copyId']);
});

test('with file commands, the file menu downloads and deletes the file or the ticked files, and resumes a pending one', () => {
  const { on, calls } = recorder();
  const plain = fileMenuItems(on, { commands: true });
  assert.deepEqual(plain.filter((i) => !i.separator).map((i) => i.label), ['Open', 'Select', 'Create link', 'Download', 'Copy file ID', 'Delete file']);
  assert.equal(plain.at(-1).danger, true, 'Delete is set apart as dangerous');
  const ticked = fileMenuItems(on, { commands: true, selected: true, selection: 3 });
  assert.equal(ticked.find((i) => i.id === 'download').label, 'Download (3)');
  assert.equal(ticked.find((i) => i.id === 'delete').label, 'Delete 3 files');
  const pending = fileMenuItems(on, { commands: true, pending: true });
  assert.ok(pending.some((i) => i.id === 'resume'));
  assert.ok(!fileMenuItems(on, { pending: true }).some((i) => i.id === 'resume'), 'no commands, no resume');
  for (const item of pending.filter((i) => !i.separator)) item.onSelect();
  assert.deepEqual(calls.map(([name]) => name), ['open', 'toggle', 'createLinks', 'resume', 'download', 'copyId', 'remove']);
});
