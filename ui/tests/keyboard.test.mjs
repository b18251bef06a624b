// Unit tests for the keyboard map (lib/shortcuts.js: the handler and the list the overlay shows)
// and list cursor moves (lib/list-navigation.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { shortcutFor, isTypingTarget, SHORTCUTS, groupedShortcuts, keyLabel } from '../lib/shortcuts.js';
import { moveIndex, rowActionKey } from '../lib/list-navigation.js';

const body = { tagName: 'BODY' };
const input = { tagName: 'INPUT', type: 'search' };
const key = (k, extra = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, target: body, ...extra });

test('single keys map to their actions outside fields', () => {
  assert.deepEqual(shortcutFor(key('/')), { action: 'focusSearch' });
  assert.deepEqual(shortcutFor(key('n')), { action: 'newToken' });
  assert.deepEqual(shortcutFor(key('c')), { action: 'copyLink' });
  assert.deepEqual(shortcutFor(key('Delete')), { action: 'deleteTokens' });
  assert.equal(shortcutFor(key('x')), null);
});

test('Ctrl/Cmd+K opens the switcher and Ctrl/Cmd+1..9 jump, even while typing', () => {
  assert.deepEqual(shortcutFor(key('k', { ctrlKey: true, target: input })), { action: 'quickSwitch' });
  assert.deepEqual(shortcutFor(key('k', { metaKey: true })), { action: 'quickSwitch' });
  assert.deepEqual(shortcutFor(key('1', { ctrlKey: true })), { action: 'jumpProject', index: 0 });
  assert.deepEqual(shortcutFor(key('9', { ctrlKey: true, target: input })), { action: 'jumpProject', index: 8 });
  assert.equal(shortcutFor(key('0', { ctrlKey: true })), null);
});

test('Ctrl/Cmd+B hides or shows the sidebar, even while typing', () => {
  assert.deepEqual(shortcutFor(key('b', { ctrlKey: true })), { action: 'toggleSidebar' });
  assert.deepEqual(shortcutFor(key('b', { metaKey: true, target: input })), { action: 'toggleSidebar' });
  assert.equal(shortcutFor(key('b')), null, 'a plain b is typing or nothing');
});

test('typing in a field never triggers single-key shortcuts', () => {
  for (const k of ['/', 'n', 'c', 'Delete']) assert.equal(shortcutFor(key(k, { target: input })), null, k);
  assert.equal(shortcutFor(key('c', { target: { tagName: 'TEXTAREA' } })), null);
  assert.equal(shortcutFor(key('c', { target: { tagName: 'DIV', isContentEditable: true } })), null);
});

test('a focused checkbox or button does not count as typing', () => {
  assert.equal(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' }), false);
  assert.equal(isTypingTarget({ tagName: 'BUTTON' }), false);
  assert.deepEqual(shortcutFor(key('c', { target: { tagName: 'INPUT', type: 'checkbox' } })), { action: 'copyLink' });
});

test('modifiers and open dialogs switch the shortcuts off', () => {
  assert.equal(shortcutFor(key('c', { ctrlKey: true })), null, 'Ctrl+C stays the system copy');
  assert.equal(shortcutFor(key('c', { altKey: true })), null);
  assert.equal(shortcutFor(key('N', { shiftKey: true })), null);
  assert.equal(shortcutFor(key('k', { ctrlKey: true }), { inDialog: true }), null);
  assert.equal(shortcutFor(key('Delete'), { inDialog: true }), null);
});

test('? opens the shortcuts overlay and i the About view, Shift or not for ?, never while typing', () => {
  assert.deepEqual(shortcutFor(key('?')), { action: 'showShortcuts' });
  assert.deepEqual(shortcutFor(key('?', { shiftKey: true })), { action: 'showShortcuts' }, '? is Shift+/ on most layouts');
  assert.deepEqual(shortcutFor(key('i')), { action: 'about' });
  assert.equal(shortcutFor(key('I', { shiftKey: true })), null);
  assert.equal(shortcutFor(key('?', { target: input })), null);
  assert.equal(shortcutFor(key('i', { target: input })), null);
  assert.equal(shortcutFor(key('?'), { inDialog: true }), null, 'Esc, not ?, closes the open overlay');
  assert.equal(shortcutFor(key('?', { ctrlKey: true })), null);
});

test('the overlay lists every action the handler maps, once, with keys and words', () => {
  const mapped = SHORTCUTS.filter((s) => s.key).map((s) => s.action);
  assert.deepEqual(mapped, [...new Set(mapped)], 'one entry per action');
  for (const s of SHORTCUTS) {
    assert.ok(s.group && s.label && s.keys.length > 0, JSON.stringify(s));
    assert.equal(Boolean(s.key), Boolean(s.action), `${s.label}: an action needs a key test and back`);
  }
  const grouped = groupedShortcuts();
  assert.deepEqual(grouped.flatMap((g) => g.shortcuts), [...SHORTCUTS], 'the groups keep every entry in order');
  assert.deepEqual(grouped.map((g) => g.group), ['Anywhere', 'Open file', 'Lists', 'Dividers']);
  for (const chord of ['Ctrl K', 'Ctrl 1 … 9', '/', '?', 'i', 'F5', 'Ctrl R', 'Esc', 'n', 'c', 'Delete', 'Enter', 'Space']) {
    assert.ok(SHORTCUTS.some((s) => s.keys.includes(chord)), `${chord} is listed`);
  }
});

test('the app handles exactly the actions the list maps', () => {
  const app = readFileSync(new URL('../app.js', import.meta.url), 'utf8');
  const onKeydown = app.slice(app.indexOf('function onKeydown'), app.indexOf('async function start'));
  const handled = [...onKeydown.matchAll(/case '(\w+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(handled, SHORTCUTS.filter((s) => s.action).map((s) => s.action).sort());
});

test('F5 and Ctrl/Cmd+R refresh the view anywhere, so the web view never reloads the page', () => {
  for (const event of [key('F5'), key('r', { ctrlKey: true }), key('R', { ctrlKey: true, shiftKey: true }),
    key('r', { metaKey: true }), key('F5', { shiftKey: true }), key('F5', { target: input }),
    key('r', { ctrlKey: true, target: input })]) {
    assert.deepEqual(shortcutFor(event), { action: 'refresh' }, JSON.stringify(event));
    assert.deepEqual(shortcutFor(event, { inDialog: true }), { action: 'refresh' }, 'claimed in a dialog too');
  }
  assert.equal(shortcutFor(key('r')), null, 'a plain r is no shortcut');
  assert.equal(shortcutFor(key('r', { target: input })), null, 'and is typed into a field');
  assert.equal(shortcutFor(key('F5', { altKey: true })), null);
  assert.ok(SHORTCUTS.some((s) => s.action === 'refresh' && s.keys.includes('F5') && s.keys.includes('Ctrl R')),
    'the overlay lists both');
});

test('the app does nothing but swallow F5 while a dialog is open', () => {
  const app = readFileSync(new URL('../app.js', import.meta.url), 'utf8');
  assert.match(app, /case 'refresh': if \(!dialogOpen\(\)\) refresh\(\); break;/);
});

test('Ctrl reads as ⌘ on macOS and stays Ctrl elsewhere', () => {
  assert.equal(keyLabel('Ctrl K', { mac: true }), '⌘K');
  assert.equal(keyLabel('Ctrl K'), 'Ctrl K');
  assert.equal(keyLabel('Shift ↑', { mac: true }), 'Shift ↑');
});

test('arrow, Home/End and Page keys move a list cursor within bounds', () => {
  assert.equal(moveIndex(-1, 'ArrowDown', 5), 0);
  assert.equal(moveIndex(2, 'ArrowDown', 5), 3);
  assert.equal(moveIndex(4, 'ArrowDown', 5), 4);
  assert.equal(moveIndex(0, 'ArrowUp', 5), 0);
  assert.equal(moveIndex(3, 'Home', 5), 0);
  assert.equal(moveIndex(0, 'End', 5), 4);
  assert.equal(moveIndex(1, 'PageDown', 100, 10), 11);
  assert.equal(moveIndex(5, 'PageUp', 100, 10), 0);
  assert.equal(moveIndex(0, 'Enter', 5), null);
  assert.equal(moveIndex(0, 'ArrowDown', 0), null);
});

test('on a row’s buttons the list’s keys lead back to the list, ← → go between them, the rest is the button’s', () => {
  const resume = { first: true, last: false };
  const remove = { first: false, last: true };
  assert.equal(rowActionKey(key('Enter'), resume), null, 'Enter presses it');
  assert.equal(rowActionKey(key(' '), resume), null);
  assert.equal(rowActionKey(key('Tab'), resume), null, 'Tab goes on to Delete');
  assert.equal(rowActionKey(key('Tab'), remove), null, 'and on out of the list');
  assert.equal(rowActionKey(key('Tab', { shiftKey: true }), resume), 'list', 'Shift+Tab goes back to the row');
  assert.equal(rowActionKey(key('Tab', { shiftKey: true }), remove), null, 'back to Resume');
  assert.equal(rowActionKey(key('Escape'), remove), 'list');
  for (const k of ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp']) {
    assert.equal(rowActionKey(key(k), resume), 'move', k);
  }
  assert.equal(rowActionKey(key('ArrowRight'), resume), 'next');
  assert.equal(rowActionKey(key('ArrowLeft'), remove), 'prev');
  assert.equal(rowActionKey(key('ArrowLeft'), resume), null);
  assert.equal(rowActionKey(key('ArrowDown', { ctrlKey: true }), resume), null, 'shortcuts are not the list’s');
});
