// Unit tests for lib/delete-files.js: the question names each file's tokens and says their links
// stop working; the answer's toasts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteQuestion, fileDeleteOutcome } from '../lib/delete-files.js';

test('one file: its name, its tokens and that their links stop working', () => {
  const q = deleteQuestion([{ fileId: 'f', name: 'report.pdf', tokens: 2 }]);
  assert.equal(q.title, 'Delete file');
  assert.equal(q.message, 'Delete “report.pdf” from the bucket?');
  assert.deepEqual(q.items, ['report.pdf: 2 tokens']);
  assert.equal(q.detail, 'Its 2 tokens go with it: their links stop working at once. This cannot be undone.');
  const single = deleteQuestion([{ fileId: 'f', name: 'a', tokens: 1 }]);
  assert.match(single.detail, /^Its 1 token goes with it: its link stops working/);
});

test('several files: each with its count, the rest counted past eight', () => {
  const files = Array.from({ length: 10 }, (_, i) => ({ fileId: `f${i}`, name: `file-${i}.txt`, tokens: i % 2 }));
  const q = deleteQuestion(files);
  assert.equal(q.title, 'Delete 10 files');
  assert.equal(q.items.length, 8);
  assert.equal(q.items[0], 'file-0.txt: no tokens');
  assert.equal(q.items[1], 'file-1.txt: 1 token');
  assert.equal(q.items[7], 'and 3 more files with 2 tokens');
  assert.match(q.detail, /^5 tokens go with them: every link made with them stops working at once/);
  const single = deleteQuestion([{ fileId: 'a', name: 'a', tokens: 1 }, { fileId: 'b', name: 'b', tokens: 0 }]);
  assert.match(single.detail, /^1 token goes with them: every link made with it stops working/);
});

test('files with no tokens say no link stops working', () => {
  assert.match(deleteQuestion([{ fileId: 'a', name: 'a', tokens: 0 }, { fileId: 'b', name: 'b', tokens: 0 }]).detail, /None of them has a token/);
});

test('the answer: deleted and already-gone files leave the list, failures say why', () => {
  const names = new Map([['a', 'a.txt'], ['b', 'b.txt'], ['c', 'c.txt']]);
  const out = fileDeleteOutcome({ deleted: ['a'], failed: [{ fileId: 'b', code: 'not_found', message: 'gone' }, { fileId: 'c', code: 'missing_scope', message: 'The key lacks files.write.' }] }, names);
  assert.deepEqual([...out.gone], ['a', 'b']);
  assert.equal(out.toasts[0].message, '2 files deleted');
  assert.match(out.toasts[0].detail, /already gone/);
  assert.equal(out.toasts[1].kind, 'error');
  assert.equal(out.toasts[1].detail, 'c.txt: The key lacks files.write.');
  assert.equal(fileDeleteOutcome({ deleted: ['a'], failed: [] }, names).toasts[0].message, '“a.txt” deleted');
});
