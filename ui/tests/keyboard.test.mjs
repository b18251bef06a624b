// Unit tests for the keyboard map (lib/shortcuts.js) and list cursor moves
// (lib/list-navigation.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortcutFor, isTypingTarget } from '../lib/shortcuts.js';
import { moveIndex } from '../lib/list-navigation.js';

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
