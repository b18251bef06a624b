// Unit tests for lib/file-pages.js against a fake server that answers as list_files does: End
// loads the real last page in one request, pages within the first 5,000 come by offset several at
// once, past that the walk goes from both ends and meets, a search's name matches come once, and
// rows not loaded yet say which ones are loading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFileList, placeholderLabel, PAGE_SIZE, OFFSET_LIMIT } from '../lib/file-pages.js';

const row = (id) => ({ id, name: `${id}.txt` });
const ids = (n, prefix = 'f') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

/**
 * A server holding `all` (ids, in the list's order) that answers requests as list_files does;
 * `named` (ids) are a search's name matches, put first on the first page.
 */
function fakeServer(all, { named = [], pageSize = PAGE_SIZE } = {}) {
  const calls = [];
  function answer(req) {
    calls.push(req);
    const total = Math.min(all.length + named.filter((id) => !all.includes(id)).length, OFFSET_LIMIT);
    const base = { total, totalCapped: all.length >= OFFSET_LIMIT, nameMatches: 0 };
    const forward = (start) => {
      const items = all.slice(start, start + pageSize);
      return { ...base, files: items.map(row), nextCursor: items.length === pageSize ? items.at(-1) : null };
    };
    const backward = (end) => {
      const items = all.slice(Math.max(0, end - pageSize), end);
      return { ...base, files: items.map(row), nextCursor: items.length === pageSize ? items[0] : null, fromEnd: true };
    };
    if (req.kind === 'first') {
      const loose = forward(0);
      const files = [...named.map(row), ...loose.files.filter((f) => !named.includes(f.id))];
      return { ...loose, files, nameMatches: named.length };
    }
    if (req.fromEnd) return backward(req.cursor ? all.indexOf(req.cursor) : all.length);
    if (req.cursor) return forward(all.indexOf(req.cursor) + 1);
    return forward(req.offset ?? 0);
  }
  return { answer, calls };
}

/** Sends what `list.plan(view)` asks for and hands back every answer; returns the requests. */
function round(list, server, view) {
  const sent = list.plan(view);
  for (const req of sent) list.receive(req, server.answer(req));
  return sent;
}

/** The first page, in. */
function opened(all, options = {}, server = fakeServer(all, options)) {
  const list = createFileList({ searching: Boolean(options.named), ...options.list });
  round(list, server, {});
  return { list, server };
}

/** The display rows a viewport of 15 rows shows at the end. */
const atEnd = (list) => ({ first: Math.max(0, list.length - 15), last: list.length, direction: -1 });

test('a list under the cap knows its length from the first page and End loads its last page by offset in one request', () => {
  const all = ids(4321);
  const { list, server } = opened(all);
  assert.equal(list.exactLength, 4321);
  assert.equal(list.length, 4321);
  const sent = list.plan({ first: 4306, last: 4321, direction: -1 });
  assert.deepEqual(sent[0], { key: 'offset:4300', kind: 'offset', offset: 4300, from: 4300, to: 4321 });
  assert.ok(sent.length <= 5, 'the last page, then a few ahead of the scroll');
  for (const req of sent) list.receive(req, server.answer(req));
  assert.equal(list.rowAt(4320).id, 'f04320');
  assert.equal(list.endLoaded(), true);
});

test('past the cap, End asks the server from the end and shows the real last row below a gap', () => {
  const all = ids(10_000);
  const { list, server } = opened(all);
  assert.equal(list.capped, true);
  assert.equal(list.exactLength, null, 'the count is capped: the length is not known');
  const before = server.calls.length;
  const sent = round(list, server, atEnd(list));
  assert.ok(sent.some((r) => r.kind === 'tail' && r.fromEnd && !r.cursor), 'the last page, asked from the end');
  // The last page, the page the walk past 5,000 starts from, and a few ahead: one round trip.
  assert.ok(server.calls.length - before <= 6, `${server.calls.length - before} requests`);
  assert.equal(list.endLoaded(), true);
  assert.equal(list.rowAt(list.length - 1).id, 'f09999');
  assert.equal(list.rowAt(list.length - PAGE_SIZE).id, 'f09900');
  // Between the first 5,000 and the last rows: a gap of rows not loaded yet, saying where it starts.
  const gapRow = list.length - PAGE_SIZE - 1;
  assert.equal(list.rowAt(gapRow), null);
  assert.deepEqual(list.describe(gapRow), { loading: false, first: 5001, last: null });
});

test('Home and End on a short list cost nothing more than its one page', () => {
  const all = ids(37);
  const { list, server } = opened(all);
  assert.equal(list.exactLength, 37);
  assert.deepEqual(list.plan(atEnd(list)), []);
  assert.deepEqual(list.plan({ first: 0, last: 15 }), []);
  assert.equal(server.calls.length, 1);
  assert.equal(list.rowAt(36).id, 'f00036');
});

test('rows being fetched say which files are loading; others say they are not loaded yet', () => {
  const all = ids(10_000);
  const { list } = opened(all);
  const sent = list.plan({ first: 3000, last: 3015 });
  assert.equal(sent[0].key, 'offset:3000');
  assert.deepEqual(list.describe(3007), { loading: true, first: 3001, last: 3100 });
  assert.deepEqual(list.describe(4500), { loading: false, first: 4501, last: 4600 });
  const fresh = createFileList();
  fresh.plan({});
  assert.deepEqual(fresh.describe(0), { loading: true, first: 1, last: 100 });
});

test('in the gap between the two ends, each row says which walk is bringing it, and deep rows promise nothing', () => {
  const all = ids(3000, 's');
  const { list, server } = opened(all, { named: ['s02999'] });
  // A search of 3,000 matches: 101 rows in, a gap, nothing from the end yet.
  assert.equal(list.length, 3000);
  const sent = list.plan({ first: 1500, last: 1515 });
  assert.deepEqual(sent.map((r) => r.kind).sort(), ['front', 'tail']);
  assert.deepEqual(list.describe(120), { loading: true, first: 102, last: 201 });
  assert.deepEqual(list.describe(1500), { loading: false, first: 1501, last: null });
  assert.deepEqual(list.describe(2999), { loading: true, first: null, last: null, before: 0 });
  for (const req of sent) list.receive(req, server.answer(req));
  // The walk from the end goes on: the rows just above the 99 it holds (the last page less the
  // name match already shown first) say so.
  assert.equal(list.rowAt(list.length - 99).id, 's02900');
  assert.equal(list.rowAt(list.length - 1).id, 's02998');
  assert.ok(list.plan({ first: 1500, last: 1515 }).some((r) => r.kind === 'tail' && r.cursor));
  assert.deepEqual(list.describe(list.length - 100), { loading: true, first: null, last: null, before: 99 });
});

test('pages ahead of the scroll are fetched with the visible one, at most six at once', () => {
  const all = ids(10_000);
  const { list } = opened(all);
  const down = list.plan({ first: 1000, last: 1015, direction: 1 });
  assert.deepEqual(down.map((r) => r.offset), [1000, 1100, 1200, 1300, 1400, 900], 'the visible page, then ahead, then behind');
  const up = createFileList();
  const server = fakeServer(all);
  round(up, server, {});
  assert.deepEqual(up.plan({ first: 3000, last: 3015, direction: -1 }).map((r) => r.offset), [3000, 2900, 2800, 2700, 2600, 3100], 'nearest first');
  // Nothing is asked twice, and no more than six are under way.
  const many = createFileList();
  round(many, fakeServer(all), {});
  const first = many.plan({ first: 0, last: 4000 });
  assert.equal(first.length, 6);
  assert.deepEqual(many.plan({ first: 0, last: 4000 }), []);
});

test('walking 10,000 rows to the end at one round trip per batch takes far fewer than 100 round trips', () => {
  const all = ids(10_000);
  const server = fakeServer(all);
  const list = createFileList();
  let rounds = 0;
  let most = 0;
  for (;;) {
    // The user scrolls as far as rows are loaded: the view's top at the first row not loaded.
    let top = 0;
    while (top < list.length && list.rowAt(top)) top += 1;
    if (list.firstIn && top >= list.length && list.exactLength !== null) break;
    const sent = list.plan({ first: top, last: Math.min(list.length, top + 15), direction: 1 });
    assert.ok(sent.length, `stuck at ${top} of ${list.length}`);
    most = Math.max(most, sent.length);
    for (const req of sent) list.receive(req, server.answer(req));
    rounds += 1;
    assert.ok(rounds < 100, 'a round trip per page');
  }
  assert.ok(rounds <= 40, `${rounds} round trips`);
  assert.ok(most <= 6);
  assert.equal(list.exactLength, 10_000);
  assert.deepEqual(list.loadedRows().map((r) => r.id), all, 'every row once, in order');
  assert.ok(server.calls.length <= 110, `${server.calls.length} requests for 100 pages`);
});

test('scrolling back up from the end fills the gap from both ends, and where they meet every row has its place', () => {
  const all = ids(7_777);
  const server = fakeServer(all);
  const list = createFileList();
  round(list, server, {});
  round(list, server, atEnd(list));
  let guard = 0;
  while (list.exactLength === null) {
    // Sit in the gap: both walks move into it.
    let gapRow = list.length - 1;
    while (gapRow > 0 && list.rowAt(gapRow)) gapRow -= 1;
    const sent = round(list, server, { first: gapRow, last: gapRow + 1, direction: -1 });
    assert.ok(sent.some((r) => r.kind === 'front') && sent.some((r) => r.kind === 'tail'), 'both ends at once');
    guard += 1;
    assert.ok(guard < 20);
  }
  assert.ok(guard <= 14, `${guard} round trips for the 2,777 rows past the cap`);
  assert.equal(list.exactLength, 7_777);
  assert.equal(list.length, 7_777);
  for (let i = 5000; i < 7_777; i += 1) assert.equal(list.rowAt(i)?.id, all[i], `row ${i}`);
  assert.equal(list.indexOf('f07776'), 7_776);
});

test('a list just past the cap: the last page overlaps the offset pages and they meet there', () => {
  const all = ids(5_050);
  const server = fakeServer(all);
  const list = createFileList();
  round(list, server, {});
  round(list, server, atEnd(list));
  while (list.exactLength === null) round(list, server, atEnd(list));
  assert.equal(list.exactLength, 5_050);
  for (let i = 4_900; i < 5_050; i += 1) assert.equal(list.rowAt(i)?.id, all[i], `row ${i}`);
});

test("a search's name matches come first, and later pages leave them out", () => {
  const all = ids(450, 'm');
  const named = ['m00300', 'm00001'];
  const { list, server } = opened(all, { named });
  assert.equal(list.rowAt(0).id, 'm00300');
  assert.equal(list.rowAt(1).id, 'm00001');
  // Walk to the end from the start, then check each row once.
  for (let guard = 0; list.exactLength === null && guard < 20; guard += 1) {
    round(list, server, { first: list.length - 1, last: list.length });
    let top = 0;
    while (top < list.length && list.rowAt(top)) top += 1;
    round(list, server, { first: top, last: top + 15 });
  }
  const shown = list.loadedRows().map((r) => r.id);
  assert.equal(new Set(shown).size, shown.length, 'no row twice');
  assert.deepEqual(shown, [...named, ...all.filter((id) => !named.includes(id))]);
  assert.equal(list.exactLength, 450);
});

test('a search is never paged by offset (its name matches come first), only by cursor', () => {
  const all = ids(3000, 's');
  const { list, server } = opened(all, { named: ['s02999'] });
  round(list, server, { first: 1500, last: 1515 });
  assert.ok(server.calls.slice(1).every((r) => r.kind !== 'offset'), JSON.stringify(server.calls.slice(1)));
});

test('a failed page stops the fetching until retry, which asks for it again', () => {
  const all = ids(10_000);
  const server = fakeServer(all);
  const list = createFileList();
  const [first] = list.plan({});
  list.fail(first, new Error('offline'));
  assert.equal(list.firstIn, false);
  assert.equal(list.length, 0);
  assert.deepEqual(list.plan({}), []);
  list.retry();
  const [again] = list.plan({});
  assert.equal(again.kind, 'first');
  list.receive(again, server.answer(again));
  assert.equal(list.rowAt(0).id, 'f00000');
  const sent = list.plan({ first: 2000, last: 2015 });
  list.fail(sent[0], new Error('offline'));
  assert.equal(list.error.message, 'offline');
  assert.deepEqual(list.plan({ first: 2000, last: 2015 }), []);
  list.retry();
  assert.ok(list.plan({ first: 2000, last: 2015 }).some((r) => r.key === sent[0].key));
});

test('the count falls back to the cap when the answer does not say it is capped', () => {
  const list = createFileList();
  const [first] = list.plan({});
  list.receive(first, { total: 5000, files: ids(100).map(row), nextCursor: 'f00099' });
  assert.equal(list.capped, true);
  const small = createFileList();
  const [one] = small.plan({});
  small.receive(one, { total: 3, totalCapped: false, files: ids(3).map(row), nextCursor: null });
  assert.equal(small.capped, false);
  assert.equal(small.exactLength, 3);
});

test('a row not loaded yet says which files it stands for and whether they are on their way', () => {
  assert.equal(placeholderLabel({ loading: true, first: 3001, last: 3100 }), 'Loading files 3,001–3,100…');
  assert.equal(placeholderLabel({ loading: false, first: 4501, last: 4600 }), 'Files 4,501–4,600 not loaded yet');
  assert.equal(placeholderLabel({ loading: false, first: 5001, last: null }), 'Files 5,001… not loaded yet');
  assert.equal(placeholderLabel({ loading: true, first: 5001, last: null }), 'Loading files 5,001…');
  assert.equal(placeholderLabel({ loading: true, first: null, last: null }), 'Loading the last files…');
  assert.equal(placeholderLabel({ loading: true, first: null, last: null, before: 200 }), 'Loading the files before the last 200…');
  assert.equal(placeholderLabel({ loading: true, first: 101, last: 200 }, 'matches'), 'Loading matches 101–200…');
  assert.equal(placeholderLabel({ loading: false, first: 101, last: 200 }, 'matches'), 'Matches 101–200 not loaded yet');
});
