// Unit tests for lib/store.js: answers for a project, bucket or file no longer shown are dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore } from '../lib/store.js';

test('an answer for the project still shown is accepted', () => {
  const s = createStore();
  s.selectProfile('a');
  const t = s.begin('buckets');
  assert.equal(s.accepts(t, { profileId: 'a', buckets: [] }), true);
});

test('switching projects while a request is in flight drops its answer', () => {
  const s = createStore();
  s.selectProfile('a');
  const t = s.begin('buckets');
  s.selectProfile('b');
  assert.equal(s.accepts(t, { profileId: 'a', buckets: [] }), false);
});

test('switching away and back still drops the older request (a newer one was made)', () => {
  const s = createStore();
  s.selectProfile('a');
  const old = s.begin('buckets');
  s.selectProfile('b');
  s.begin('buckets');
  s.selectProfile('a');
  const fresh = s.begin('buckets');
  assert.equal(s.accepts(old, { profileId: 'a' }), false);
  assert.equal(s.accepts(fresh, { profileId: 'a' }), true);
});

test('an answer naming another profile is dropped even if the ticket looks current', () => {
  const s = createStore();
  s.selectProfile('a');
  const t = s.begin('buckets');
  assert.equal(s.accepts(t, { profileId: 'b' }), false);
});

test('only the newest request of a kind is accepted (typing a search)', () => {
  const s = createStore();
  s.selectProfile('a');
  const first = s.begin('buckets');
  const second = s.begin('buckets');
  assert.equal(s.accepts(first, { profileId: 'a' }), false);
  assert.equal(s.accepts(second, { profileId: 'a' }), true);
});

test('a files answer is dropped after opening another bucket; tokens after opening another file', () => {
  const s = createStore();
  s.selectProfile('a');
  s.selectBucket('b1');
  const files = s.begin('files');
  s.selectFile('f1');
  const tokens = s.begin('tokens');
  assert.equal(s.accepts(files, { profileId: 'a' }), true, 'opening a file does not drop the file list');
  s.selectFile('f2');
  assert.equal(s.accepts(tokens, { profileId: 'a' }), false);
  s.selectBucket('b2');
  assert.equal(s.accepts(files, { profileId: 'a' }), false);
});

test('kinds are independent: a token load does not cancel a files load', () => {
  const s = createStore();
  s.selectProfile('a');
  s.selectBucket('b');
  const files = s.begin('files');
  s.begin('tokens');
  assert.equal(s.accepts(files), true);
});

test('selecting a profile clears bucket, file and selections', () => {
  const s = createStore();
  s.selectProfile('a');
  s.selectBucket('b');
  s.selectFile('f');
  s.setFileSelection(new Set(['f']));
  s.setTokenSelection(new Set(['t']), 't');
  s.selectProfile('c');
  assert.equal(s.state.bucketId, null);
  assert.equal(s.state.fileId, null);
  assert.equal(s.state.fileSelection.size, 0);
  assert.equal(s.state.tokenSelection.size, 0);
  assert.equal(s.state.tokenCursor, null);
  assert.equal(s.state.profileId, 'c');
  assert.equal(s.stillShowing({ profileId: 'c' }), true);
  assert.equal(s.stillShowing({ profileId: 'a', fileId: 'f' }), false);
});

test('the pages of one file list share its ticket: all are taken while it is shown, none after the bucket changes', () => {
  const s = createStore();
  s.selectProfile('a');
  s.selectBucket('scale');
  const ticket = s.begin('files');
  const pages = [{ profileId: 'a', bucketId: 'scale' }, { profileId: 'a', bucketId: 'scale' }];
  assert.ok(pages.every((page) => s.accepts(ticket, page)), 'several pages under way at once');
  s.selectBucket('photos');
  assert.ok(pages.every((page) => !s.accepts(ticket, page)));
  s.selectBucket('scale');
  s.begin('files');
  assert.ok(pages.every((page) => !s.accepts(ticket, page)), 'reopened: the new list has its own ticket');
});

test('a folder\'s files and subfolders are dropped once another folder is shown, and only then', () => {
  const s = createStore();
  s.selectProfile('a');
  s.selectBucket('photos');
  s.selectFolder('2026/');
  const files = s.begin('files');
  const folders = s.begin('folders');
  assert.equal(s.accepts(files, { profileId: 'a' }), true);
  assert.equal(s.accepts(folders, { profileId: 'a' }), true, 'the two kinds do not cancel each other');
  s.selectFolder('2026/summer/');
  assert.equal(s.accepts(files, { profileId: 'a' }), false);
  assert.equal(s.accepts(folders, { profileId: 'a' }), false);
  // Back up: the older requests were for the folder shown again, but newer ones were made.
  s.selectFolder('2026/');
  const again = s.begin('folders');
  assert.equal(s.accepts(folders, { profileId: 'a' }), false);
  assert.equal(s.accepts(again, { profileId: 'a' }), true);
});

test('opening a bucket lists its root; another folder keeps the open file but lets the ticked files go', () => {
  const s = createStore();
  s.selectProfile('a');
  s.selectBucket('photos');
  s.selectFolder('2026/');
  s.selectFile('f');
  s.setFileSelection(new Set(['f', 'g']));
  s.selectFolder('2026/summer/');
  assert.equal(s.state.fileId, 'f');
  assert.equal(s.state.fileSelection.size, 0);
  s.selectBucket('docs');
  assert.equal(s.state.folder, '');
  s.selectFolder('reports/');
  s.selectProfile('b');
  assert.equal(s.state.folder, '');
});
