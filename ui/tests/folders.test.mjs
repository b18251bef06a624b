// Unit tests for lib/folders.js: folder paths and the breadcrumb, the keys that go up a level (never
// while typing), where a search's matches lie below the folder searched, subfolder answers for a
// folder no longer shown dropped, folders listed before files, and files that never move under the
// pointer or the cursor when the folders come after them, and a reopened folder that is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  folderPath, parentFolder, folderName, breadcrumb, isUpKey, searchPlaceholder, folderBelow,
  subfoldersFor, folderRows, rowKey, holdFiles, rowToHold, keepRowInPlace, heightStillNeeded, FOLDERS_WAIT_MS,
  goneFolderFallback,
} from '../lib/folders.js';
import { createFileList } from '../lib/file-pages.js';

test('a folder path is "" at the root and ends in one slash below it', () => {
  assert.equal(folderPath(null), '');
  assert.equal(folderPath(''), '');
  assert.equal(folderPath('/'), '');
  assert.equal(folderPath('2026'), '2026/');
  assert.equal(folderPath('2026/summer/'), '2026/summer/');
  assert.equal(folderPath('/2026//summer'), '2026/summer/');
});

test('the parent of a folder is one level up, and the root has none', () => {
  assert.equal(parentFolder('2026/summer/'), '2026/');
  assert.equal(parentFolder('2026/'), '');
  assert.equal(parentFolder(''), null);
  assert.equal(parentFolder(null), null);
  assert.equal(folderName('2026/summer/'), 'summer');
  assert.equal(folderName(''), '');
});

test('the breadcrumb goes from the bucket down to the folder shown, which is the current one', () => {
  assert.deepEqual(breadcrumb('Photos', '2026/summer/'), [
    { label: 'Photos', path: '', current: false },
    { label: '2026', path: '2026/', current: false },
    { label: 'summer', path: '2026/summer/', current: true },
  ]);
  assert.deepEqual(breadcrumb('Photos', ''), [{ label: 'Photos', path: '', current: true }],
    'at the root (and on a server without folders): the bucket alone');
});

test('Backspace and Alt+↑ go up a level, but not while typing in a field or with another modifier', () => {
  assert.equal(isUpKey({ key: 'Backspace' }), true);
  assert.equal(isUpKey({ key: 'ArrowUp', altKey: true }), true);
  assert.equal(isUpKey({ key: 'ArrowUp' }), false, '↑ alone moves the cursor');
  assert.equal(isUpKey({ key: 'Backspace', typing: true }), false, 'Backspace in the search field deletes');
  assert.equal(isUpKey({ key: 'ArrowUp', altKey: true, typing: true }), false);
  assert.equal(isUpKey({ key: 'Backspace', ctrlKey: true }), false);
  assert.equal(isUpKey({ key: 'Backspace', altKey: true }), false);
  assert.equal(isUpKey({ key: 'ArrowUp', altKey: true, shiftKey: true }), false);
});

test('the search field says a search in a folder covers its subfolders', () => {
  assert.equal(searchPlaceholder(''), 'Search files');
  assert.equal(searchPlaceholder('2026/summer/'), 'Search in “summer” and its subfolders');
});

test('a match found below the folder searched says where it lies from there', () => {
  assert.equal(folderBelow('2026/summer/', '2026/'), 'summer/');
  assert.equal(folderBelow('2026/summer/', ''), '2026/summer/');
  assert.equal(folderBelow('2026/', '2026/'), '', 'in the folder itself');
  assert.equal(folderBelow(undefined, ''), '', 'a server without folders');
  assert.equal(folderBelow('2025/', '2026/'), '', 'not below it');
});

const scope = { profileId: 'p', bucketId: 'photos', folder: '2026/' };

test('subfolders keep the answer\'s order (Rust sorts them), children of the folder only', () => {
  const answer = {
    profileId: 'p', bucketId: 'photos', folder: '2026/', supported: true,
    folders: [
      { name: 'summer', path: '2026/summer/', files: 3 },
      { name: 'deep', path: '2026/summer/deep/', files: 1 },
      { name: 'winter sun', path: '2026/winter sun/', files: 2 },
    ],
  };
  assert.deepEqual(subfoldersFor(answer, scope), {
    supported: true,
    folders: [{ name: 'summer', path: '2026/summer/', files: 3 }, { name: 'winter sun', path: '2026/winter sun/', files: 2 }],
  });
});

test('a subfolders answer for another folder, bucket or project is dropped', () => {
  const base = { profileId: 'p', bucketId: 'photos', folder: '2026/', supported: true, folders: [] };
  assert.notEqual(subfoldersFor(base, scope), null);
  assert.equal(subfoldersFor({ ...base, folder: '2026/summer/' }, scope), null);
  assert.equal(subfoldersFor({ ...base, bucketId: 'docs' }, scope), null);
  assert.equal(subfoldersFor({ ...base, profileId: 'q' }, scope), null);
  assert.equal(subfoldersFor(null, scope), null);
  assert.notEqual(subfoldersFor({ ...base, folder: null, folders: [] }, { ...scope, folder: '' }), null,
    'the root may come back as null or ""');
});

test('a server without folders has none to show', () => {
  const answer = { profileId: 'p', bucketId: 'photos', folder: '', supported: false, folders: [] };
  assert.deepEqual(subfoldersFor(answer, { ...scope, folder: '' }), { supported: false, folders: [] });
});

test('folders are listed before the files, and each row keeps its key as rows arrive', () => {
  const files = createFileList();
  const [first] = files.plan({});
  files.receive(first, { total: 2, files: [{ id: 'a', name: 'a.jpg' }, { id: 'b', name: 'b.jpg' }], nextCursor: null });
  const folders = [{ name: 'summer', path: '2026/summer/', files: 3 }];
  const rows = folderRows(folders, files);
  assert.equal(rows.count(files.length), 3);
  assert.deepEqual(rows.at(0), { kind: 'folder', folder: folders[0] });
  assert.equal(rows.at(1).file.id, 'a');
  assert.equal(rows.at(3), null);
  assert.equal(rows.fileIndex(0), -1);
  assert.equal(rows.fileIndex(2), 1);
  assert.equal(rows.indexOf(rowKey(rows.at(0))), 0);
  assert.equal(rows.indexOf(rowKey(rows.at(2))), 2);
  assert.equal(rows.indexOf('file:missing'), -1);
  // Before the folders are known, the same file is the first row.
  const early = folderRows(null, files);
  assert.equal(early.indexOf('file:a'), 0);
  assert.equal(early.at(0).file.id, 'a');
});

test('a folder just opened holds its files back until its subfolders are in, the wait is over, or a search lists them', () => {
  const opened = { opened: true, searching: false, foldersIn: false, waitOver: false };
  assert.equal(holdFiles(opened), true);
  assert.equal(holdFiles({ ...opened, foldersIn: true }), false, 'the folders are in: both are shown at once');
  assert.equal(holdFiles({ ...opened, waitOver: true }), false, 'waited long enough: the files are shown');
  assert.equal(holdFiles({ ...opened, searching: true }), false, 'a search shows no folder rows');
  assert.equal(holdFiles({ ...opened, opened: false }), false, 'no folder opened: nothing to wait for');
  assert.ok(FOLDERS_WAIT_MS > 0 && FOLDERS_WAIT_MS <= 1000, 'a short wait');
});

/** Keys of a folder shown as [folders…, files…] from display row 0. */
const keysOf = (folders, files) => (i) => {
  const all = [...folders.map((f) => `folder:${f}`), ...files.map((f) => `file:${f}`)];
  return all[i] ?? null;
};

test('subfolders coming after the files keep the file under the pointer where it is, even at the top', () => {
  const files = ['a', 'b', 'c', 'd'];
  const view = { scrollTop: 0, viewportHeight: 300, rowHeight: 30 };
  // The pointer over the rows at the top: the first file is held, and stays under it.
  const held = rowToHold({ ...view, keyAt: keysOf([], files), pointerOver: true });
  assert.deepEqual(held, { key: 'file:a', index: 0 });
  const after = keysOf(['2025/', '2026/'], files);
  const now = [0, 1, 2, 3, 4, 5].find((i) => after(i) === held.key);
  const kept = keepRowInPlace({ held, now, ...view, count: 6 });
  assert.equal(kept.scrollTop, 60, 'scrolled by the two folder rows');
  // Six rows do not fill 300 px scrolled by 60: the list is kept tall enough not to be cut short.
  assert.equal(kept.height, 360);
  assert.equal(heightStillNeeded({ scrollTop: 60, viewportHeight: 300, rowHeight: 30, count: 6 }), true);
  assert.equal(heightStillNeeded({ scrollTop: 0, viewportHeight: 300, rowHeight: 30, count: 6 }), false, 'back at the top');
  // A long list needs no more than its own height.
  assert.equal(keepRowInPlace({ held, now: 2, ...view, count: 200 }).height, 6000);
});

test('at the top with nothing pointed at, the keyboard cursor\'s row is held, else nothing moves the view', () => {
  const view = { scrollTop: 0, viewportHeight: 300, rowHeight: 30, keyAt: keysOf([], ['a', 'b', 'c']) };
  assert.equal(rowToHold(view), null, 'no one looks: the folders go in first, at the top');
  assert.deepEqual(rowToHold({ ...view, cursor: 2 }), { key: 'file:c', index: 2 });
  assert.equal(rowToHold({ ...view, cursor: 40 }), null, 'a cursor out of view holds nothing');
  // Scrolled: the first row in view is held, as rows arriving from the end always were.
  const scrolled = { ...view, scrollTop: 45, keyAt: keysOf([], ['a', 'b', 'c', 'd', 'e']) };
  assert.deepEqual(rowToHold(scrolled), { key: 'file:b', index: 1 });
  // Rows not loaded yet (placeholders) hold nothing.
  assert.equal(rowToHold({ ...view, keyAt: () => null, pointerOver: true }), null);
});

test('a reopened folder with no files and no subfolders is gone: the list goes to its parent', () => {
  const known = (folders = [], extra = {}) => ({ known: true, supported: true, folders, error: null, ...extra });
  const at = (over = {}) => goneFolderFallback({
    folder: '2026/winter/', firstIn: true, files: 0, searching: false, subfolders: known(), ...over,
  });
  assert.equal(at(), '2026/');
  assert.equal(at({ folder: 'winter/' }), '');
  // A server without folders has only its root, whatever it lists.
  assert.equal(at({ subfolders: known([], { supported: false }) }), '');
  assert.equal(at({ files: 40, subfolders: known([], { supported: false }) }), '');
  // Not gone, or not known to be gone yet.
  assert.equal(at({ files: 1 }), null);
  assert.equal(at({ subfolders: known([{ name: 'night', path: '2026/winter/night/', files: 2 }]) }), null);
  assert.equal(at({ firstIn: false }), null);
  assert.equal(at({ subfolders: { known: false, supported: null, folders: [], error: null } }), null);
  assert.equal(at({ subfolders: known([], { error: new Error('offline') }) }), null);
  assert.equal(at({ searching: true }), null);
  // The root is never gone.
  assert.equal(at({ folder: '' }), null);
});
