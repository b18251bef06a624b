// Unit tests for lib/selection.js and lib/projects.js: click rules, project order and the switcher
// filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyClick, rangeBetween, keepListed, afterSave, tickedTokens } from '../lib/selection.js';
import { groupProjects, displayOrder, filterProjects } from '../lib/projects.js';

const ids = ['a', 'b', 'c', 'd', 'e'];

test('a plain click selects only that row; a toggle adds or removes', () => {
  let r = applyClick({ selection: new Set(['a', 'b']), anchor: 'a', ids, id: 'c' });
  assert.deepEqual([...r.selection], ['c']);
  r = applyClick({ selection: r.selection, anchor: r.anchor, ids, id: 'e', toggle: true });
  assert.deepEqual([...r.selection].sort(), ['c', 'e']);
  r = applyClick({ selection: r.selection, anchor: r.anchor, ids, id: 'c', toggle: true });
  assert.deepEqual([...r.selection], ['e']);
});

test('shift-click adds the range from the anchor, in either direction', () => {
  const r = applyClick({ selection: new Set(['d']), anchor: 'd', ids, id: 'b', shift: true });
  assert.deepEqual([...r.selection].sort(), ['b', 'c', 'd']);
  assert.equal(r.anchor, 'd');
  assert.deepEqual(rangeBetween(ids, 'gone', 'c'), ['c']);
  assert.deepEqual(rangeBetween(ids, 'a', 'gone'), []);
});

test('selections forget rows that are no longer listed', () => {
  assert.deepEqual([...keepListed(new Set(['a', 'z']), ids)], ['a']);
});

test('creating or editing a token leaves the ticks as the user left them, and only moves the cursor', () => {
  const ticked = new Set(['a', 'b']);
  const after = afterSave(ticked, 'c');
  assert.deepEqual([...after.selection], ['a', 'b'], 'the edited token is not ticked');
  assert.equal(after.cursor, 'c');
  assert.notEqual(after.selection, ticked, 'a new set: the old one is not changed under its owner');
  assert.deepEqual([...afterSave(new Set(), 'c').selection], [], 'nothing ticked stays nothing ticked');
});

test('“Delete selected” takes the ticked tokens only, never the one the cursor is on', () => {
  const tokens = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const { selection, cursor } = afterSave(new Set(['a']), 'c');
  assert.deepEqual(tickedTokens(tokens, selection).map((t) => t.id), ['a']);
  assert.ok(!tickedTokens(tokens, selection).some((t) => t.id === cursor));
  assert.deepEqual(tickedTokens(tokens, afterSave(new Set(), 'b').selection), []);
  assert.deepEqual(tickedTokens(tokens, new Set(['gone', 'b'])).map((t) => t.id), ['b'], 'unlisted ids are left out');
});

const projects = [
  { id: 'p1', name: 'Shop', group: 'Clients', isDemo: false },
  { id: 'demo', name: 'Demo (local sandbox)', group: null, isDemo: true },
  { id: 'p2', name: 'Personal', group: null, isDemo: false },
  { id: 'p3', name: 'Agency site', group: 'Agency', isDemo: false },
  { id: 'p4', name: 'Blog', group: 'Clients', isDemo: false },
];

test('projects list the demo first, then ungrouped, then groups A–Z', () => {
  assert.deepEqual(groupProjects(projects).map((g) => g.group), [null, 'Agency', 'Clients']);
  assert.deepEqual(displayOrder(projects).map((p) => p.id), ['demo', 'p2', 'p3', 'p1', 'p4']);
});

test('the quick switcher filters by name or group, every word must match', () => {
  assert.deepEqual(filterProjects(projects, 'clients').map((p) => p.id), ['p1', 'p4']);
  assert.deepEqual(filterProjects(projects, 'CLI blo').map((p) => p.id), ['p4']);
  assert.deepEqual(filterProjects(projects, 'sandbox').map((p) => p.id), ['demo']);
  assert.equal(filterProjects(projects, '').length, 5);
  assert.deepEqual(filterProjects(projects, 'nothing'), []);
});
