// The rows of one file list (a bucket's files in one order, or one search's matches) as pages
// arrive from anywhere in it, with no DOM so it is tested in node: which pages the view needs next
// (what is on screen first, then a few pages ahead of the scroll, several requests at once), where
// each answer's rows go, and what a row not loaded yet says.
//
// Three ways to fetch a page, chosen by where it is:
// - within the first 5,000 rows of a list whose count is known, by offset: any page in one
//   request, several at once (Appwrite counts only that far, so past it the count is unknown);
// - after a loaded row, by cursor (the walk from the start);
// - from the end, asked in the opposite order (End shows the real last row in one request), then
//   before the first row held, so past 5,000 the walk goes from both ends and meets in the middle.
// Until the two ends meet, rows from the end sit below a gap of rows not loaded yet; once they
// meet, the list's length is known exactly and every row has its place.

export const PAGE_SIZE = 100;
/** Appwrite counts at most this many rows: pages by offset stay within it. */
export const OFFSET_LIMIT = 5000;
/** Requests under way at once, at most. */
export const MAX_IN_FLIGHT = 6;
/** Pages fetched ahead of the scroll (and one behind it). */
export const PAGES_AHEAD = 4;

/**
 * A list fetched in pages of `pageSize`. `searching`: the first answer starts with name matches
 * (its `nameMatches` rows), which later pages leave out, and no page is fetched by offset.
 */
export function createFileList({
  pageSize = PAGE_SIZE, offsetLimit = OFFSET_LIMIT, maxInFlight = MAX_IN_FLIGHT,
  pagesAhead = PAGES_AHEAD, searching = false,
} = {}) {
  // Rows whose place from the start is known (sparse: holes are rows not loaded yet).
  const rows = [];
  const positions = new Map();
  // Places known from the start, loaded or not: the whole list once `length` is known.
  let front = 0;
  // Where the walk from the start continues (null: after `rows[front - 1]`); and whether it ended.
  let frontCursor = null;
  let frontDone = false;
  // The list's length, once known (null before).
  let length = null;
  // Rows counted from the end, in the list's order, while their place is not known.
  let tail = [];
  let tailCursor = null;
  let tailStarted = false;
  let total = 0;
  let capped = false;
  let pinned = new Set();
  let started = false;
  let firstIn = false;
  let error = null;
  const inFlight = new Map();

  const byOffset = () => !searching && (length !== null || capped);
  const offsetEnd = () => Math.min(offsetLimit, length ?? offsetLimit);

  function gap() {
    if (length !== null || !firstIn) return 0;
    const known = front + tail.length;
    return capped ? Math.max(pageSize, total - known) : Math.max(1, total - known);
  }

  function size() {
    if (!firstIn) return 0;
    return length ?? front + gap() + tail.length;
  }

  /** Puts `row` at place `p`, moving it there if it was elsewhere: each row is shown once. */
  function put(p, row) {
    const old = rows[p];
    if (old && old.id !== row.id && positions.get(old.id) === p) positions.delete(old.id);
    const was = positions.get(row.id);
    if (was !== undefined && was !== p && rows[was]?.id === row.id) delete rows[was];
    rows[p] = row;
    positions.set(row.id, p);
  }

  function place(files, at) {
    files.forEach((row, i) => put(at + i, row));
  }

  /** The two ends met: the list holds `n` rows, the rows from the end take their places. */
  function settle(n) {
    length = Math.max(0, n);
    const t = tail.length;
    tail.forEach((row, j) => { if (length - t + j >= 0) put(length - t + j, row); });
    tail = [];
    tailCursor = null;
    front = length;
    frontDone = true;
    for (let p = rows.length - 1; p >= length; p -= 1) {
      if (rows[p] && positions.get(rows[p].id) === p) positions.delete(rows[p].id);
    }
    rows.length = Math.min(rows.length, length);
  }

  /** Rows placed from `at` that are also among the rows from the end: the ends meet there. */
  function meetFromFront(files, at) {
    if (!tail.length) return false;
    const inTail = new Map(tail.map((row, j) => [row.id, j]));
    for (let i = 0; i < files.length; i += 1) {
      const j = inTail.get(files[i].id);
      if (j !== undefined) { settle(at + i - j + tail.length); return true; }
    }
    return false;
  }

  /** The first `count` rows from the end are also placed from the start: the ends meet. */
  function meetFromTail(count) {
    for (let j = 0; j < count; j += 1) {
      const p = positions.get(tail[j].id);
      if (p !== undefined) { settle(p - j + tail.length); return true; }
    }
    return false;
  }

  /** Whether `p` is a place with no row yet. */
  const hole = (p) => !rows[p];

  function request(spec) {
    const r = { ...spec };
    inFlight.set(r.key, r);
    return r;
  }

  /**
   * The pages the display rows [a, b) need, in order, as request specs. A gap in [a, b) is walked
   * into from the `ends` given: `front` (rows below the start), `tail` (rows above the end).
   */
  function needs(a, b, ends = { front: true, tail: true }) {
    const out = [];
    const known = length ?? front;
    // Places known from the start.
    const top = Math.min(b, known);
    if (a < top) {
      if (byOffset()) {
        for (let p = Math.floor(a / pageSize) * pageSize; p < Math.min(top, offsetEnd()); p += pageSize) {
          const end = Math.min(p + pageSize, offsetEnd(), known);
          for (let q = Math.max(p, a); q < end; q += 1) {
            if (hole(q)) { out.push({ key: `offset:${p}`, kind: 'offset', offset: p, from: p, to: end }); break; }
          }
        }
      }
      // Past the offsets (a known length only: the walk from the start has no holes): fill from
      // a loaded neighbour.
      for (let p = Math.max(a, byOffset() ? offsetEnd() : 0); p < top; p += 1) {
        if (!hole(p)) continue;
        let q = p;
        while (q < known && hole(q)) q += 1;
        if (p > 0 && rows[p - 1]) {
          out.push({ key: `after:${p}`, kind: 'after', cursor: rows[p - 1].id, from: p, to: Math.min(p + pageSize, q) });
        } else if (q === known && length !== null) {
          out.push({ key: 'end', kind: 'end', fromEnd: true, from: Math.max(p, q - pageSize), to: q });
        } else if (rows[q]) {
          out.push({ key: `before:${q}`, kind: 'before', fromEnd: true, cursor: rows[q].id, from: Math.max(p, q - pageSize), to: q });
        }
        p = q;
      }
    }
    // The gap between the two ends: both walks move into it.
    if (length === null && b > front && a < front + gap()) {
      if (ends.front && !frontDone) {
        const cursor = frontCursor ?? rows[front - 1]?.id;
        if (cursor) out.push({ key: 'front', kind: 'front', cursor, from: front, to: front + pageSize });
        else if (front > 0) {
          const p = Math.floor((front - 1) / pageSize) * pageSize;
          out.push({ key: `offset:${p}`, kind: 'offset', offset: p, from: p, to: Math.min(p + pageSize, front) });
        }
      }
      if (ends.tail && !tailStarted) out.push({ key: 'tail', kind: 'tail', fromEnd: true });
      else if (ends.tail && tailCursor) out.push({ key: 'tail', kind: 'tail', fromEnd: true, cursor: tailCursor });
    }
    return out;
  }

  return {
    /** Rows the list shows (loaded or not); 0 until the first page is in. */
    get length() { return size(); },
    /** The list's length once known exactly (a count under the cap, or both ends met), else null. */
    get exactLength() { return firstIn ? length : null; },
    /** The server's count from the first page, and whether it is Appwrite's cap. */
    get total() { return total; },
    get capped() { return capped; },
    /** How many rows are loaded. */
    get loaded() { return positions.size + tail.length; },
    get error() { return error; },
    /** Whether a request is under way. */
    get busy() { return inFlight.size > 0; },
    /** Whether the first page has been answered. */
    get firstIn() { return firstIn; },
    /** How many rows at the top matched a search by name. */
    get nameMatches() { return pinned.size; },

    /** Whether display index `i` is the row's place in the whole list (not counted from the end). */
    placeKnown(i) {
      return firstIn && (length !== null || i < front);
    },

    /** The row at display index `i`, or null when it is not loaded yet. */
    rowAt(i) {
      if (length !== null || i < front) return rows[i] ?? null;
      const t = i - front - gap();
      return t >= 0 ? tail[t] ?? null : null;
    },

    /** The display index of the row with this id, or -1. */
    indexOf(id) {
      const p = positions.get(id);
      if (p !== undefined) return p;
      const j = tail.findIndex((row) => row.id === id);
      return j < 0 ? -1 : front + gap() + j;
    },

    /** Every loaded row, in the list's order. */
    loadedRows() {
      return [...rows.slice(0, length ?? front).filter(Boolean), ...tail];
    },

    /** Whether the list's real last row is loaded (then it is the last display row). */
    endLoaded() {
      if (length !== null) return length === 0 || Boolean(rows[length - 1]);
      return tail.length > 0;
    },

    /**
     * What display index `i`, not loaded, stands for: `{loading, first, last, before?}`, 1-based
     * places (`first` null: the rows just above the `before` rows held from the end; `last`
     * null: open-ended).
     */
    describe(i) {
      if (!firstIn) return { loading: !error, first: 1, last: pageSize };
      if (length !== null || i < front) {
        const covering = [...inFlight.values()].find((r) => r.from !== undefined && r.from <= i && i < r.to);
        if (covering) return { loading: true, first: covering.from + 1, last: covering.to };
        const p = Math.floor(i / pageSize) * pageSize;
        return { loading: false, first: p + 1, last: Math.min(p + pageSize, length ?? front) };
      }
      // In the gap: its top is where the walk from the start arrives, its bottom where the walk
      // from the end does; rows further in are counted from the start, as far as that is known.
      const fromTop = i - front;
      const fromBottom = front + gap() - 1 - i;
      if (fromTop < pageSize && inFlight.has('front')) return { loading: true, first: front + 1, last: front + pageSize };
      if (fromBottom < pageSize && inFlight.has('tail')) return { loading: true, first: null, last: null, before: tail.length };
      return { loading: false, first: Math.max(front, Math.floor(i / pageSize) * pageSize) + 1, last: null };
    },

    /**
     * The requests to send now for display rows [first, last) on screen, scrolling `direction`
     * (1 down, -1 up): those rows first, then `pagesAhead` pages ahead and one behind; at most
     * `maxInFlight` under way. Each is `{key, kind, offset?, cursor?, fromEnd?}`; hand its answer
     * to `receive` or its failure to `fail`.
     */
    plan({ first = 0, last = 0, direction = 1 } = {}) {
      if (error) return [];
      if (!started) {
        started = true;
        return [request({ key: 'first', kind: 'first', from: 0, to: pageSize })];
      }
      if (!firstIn) return [];
      const n = size();
      const ahead = pagesAhead * pageSize;
      const lo = Math.max(0, first - (direction < 0 ? ahead : pageSize));
      const hi = Math.min(n, last + (direction < 0 ? pageSize : ahead));
      // On screen, a gap is walked into from both ends; off screen, only from the side that
      // reaches the screen (the walk from the start below it, the one from the end above it).
      const below = needs(Math.max(0, first), hi, { front: true, tail: false });
      const above = needs(lo, Math.min(n, last), { front: false, tail: true });
      const wanted = [
        ...needs(Math.max(0, first), Math.min(n, last)),
        ...(direction < 0 ? [...above.reverse(), ...below] : [...below, ...above.reverse()]),
      ];
      const sent = [];
      for (const spec of wanted) {
        if (inFlight.size >= maxInFlight) break;
        if (inFlight.has(spec.key)) continue;
        sent.push(request(spec));
      }
      return sent;
    },

    /** Takes in the answer (a FilePage) to `req`. */
    receive(req, answer) {
      inFlight.delete(req.key);
      let files = answer.files ?? [];
      if (req.kind === 'first') {
        firstIn = true;
        total = Number(answer.total) || 0;
        capped = typeof answer.totalCapped === 'boolean' ? answer.totalCapped : total >= OFFSET_LIMIT;
        pinned = new Set(files.slice(0, answer.nameMatches ?? 0).map((f) => f.id));
        place(files, 0);
        front = files.length;
        frontCursor = answer.nextCursor ?? null;
        if (!answer.nextCursor) settle(files.length);
        else if (!searching && !capped) settle(Math.max(total, files.length));
        else if (!searching) { front = Math.max(offsetLimit, files.length); frontCursor = null; }
        return;
      }
      if (pinned.size) files = files.filter((f) => !pinned.has(f.id));
      const full = Boolean(answer.nextCursor);
      if (req.kind === 'offset' || req.kind === 'after') {
        place(files, req.from);
        if (meetFromFront(files, req.from)) return;
        if (length !== null && !full && req.from + files.length < length && req.kind === 'offset') {
          settle(req.from + files.length);
        }
        return;
      }
      if (req.kind === 'front') {
        if (length !== null) { place(files, req.from); return; }
        place(files, front);
        if (meetFromFront(files, req.from)) return;
        front += files.length;
        frontCursor = answer.nextCursor ?? null;
        if (!full) settle(front);
        return;
      }
      if (req.kind === 'end' || req.kind === 'before') {
        place(files, req.to - files.length);
        return;
      }
      if (req.kind === 'tail') {
        if (length !== null) return;
        tailStarted = true;
        const fresh = files.filter((f) => !tail.some((t) => t.id === f.id));
        tail = [...fresh, ...tail];
        tailCursor = answer.nextCursor ?? null;
        if (meetFromTail(fresh.length)) return;
        // The walk from the end reached the start: the list is the name matches, then these.
        if (!full) settle((searching ? pinned.size : 0) + tail.length);
      }
    },

    /** The request `req` failed: nothing more is fetched until `retry`. */
    fail(req, err) {
      inFlight.delete(req.key);
      error = err;
    },

    /** Lets the list fetch again after a failure (the failed page is asked for again). */
    retry() {
      error = null;
      if (!firstIn) started = false;
    },
  };
}

const counted = new Intl.NumberFormat('en-US');

/**
 * What a row not loaded yet says, from `describe`: "Loading files 3,001–3,100…", "Loading the
 * last files…", "Loading the files before the last 200…", "Files 5,001… not loaded yet". `noun`
 * is "files" or "matches".
 */
export function placeholderLabel({ loading, first, last, before = 0 }, noun = 'files') {
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const span = first === null || first === undefined ? null
    : last === null ? `${counted.format(first)}…` : `${counted.format(first)}–${counted.format(last)}`;
  if (loading && span) return `Loading ${noun} ${span}${last === null ? '' : '…'}`;
  if (loading) return before ? `Loading the ${noun} before the last ${counted.format(before)}…` : `Loading the last ${noun}…`;
  return span ? `${Noun} ${span} not loaded yet` : `${Noun} not loaded yet`;
}
