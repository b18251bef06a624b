// Virtual folders in a bucket (the newest Appwrite servers, 2.x response formats): folder paths,
// the breadcrumb, the key that goes up a level, and which subfolders answer belongs to what is
// shown. A folder path is "" for the bucket's root, else its names joined by "/" with a trailing
// slash ("2026/summer/").

/** `folder` as a path: "" for the root (null, undefined, "" or "/"), else with one trailing slash. */
export function folderPath(folder) {
  const parts = String(folder ?? '').split('/').filter(Boolean);
  return parts.length ? `${parts.join('/')}/` : '';
}

/** The folder above `folder` ("2026/" above "2026/summer/", "" above "2026/"), or null at the root. */
export function parentFolder(folder) {
  const parts = folderPath(folder).split('/').filter(Boolean);
  if (!parts.length) return null;
  return folderPath(parts.slice(0, -1).join('/'));
}

/** The last name of `folder` ("summer" for "2026/summer/"); "" at the root. */
export function folderName(folder) {
  return folderPath(folder).split('/').filter(Boolean).at(-1) ?? '';
}

/**
 * The breadcrumb for `folder` in the bucket named `bucketName`: `[{label, path, current}]` from
 * the bucket (path "") down to the folder itself (`current`).
 */
export function breadcrumb(bucketName, folder) {
  const parts = folderPath(folder).split('/').filter(Boolean);
  const trail = [{ label: bucketName, path: '' }];
  parts.forEach((name, i) => trail.push({ label: name, path: folderPath(parts.slice(0, i + 1).join('/')) }));
  return trail.map((segment, i) => ({ ...segment, current: i === trail.length - 1 }));
}

/**
 * Whether a keydown goes up a level: Backspace (no modifier) or Alt+↑, but never while typing in
 * a field (there Backspace deletes). `event` needs key, altKey, ctrlKey, metaKey, shiftKey and
 * `typing` (true when the target is a text field).
 */
export function isUpKey({ key, altKey = false, ctrlKey = false, metaKey = false, shiftKey = false, typing = false }) {
  if (typing || ctrlKey || metaKey || shiftKey) return false;
  if (key === 'Backspace') return !altKey;
  return key === 'ArrowUp' && altKey;
}

/** What the search field says: a search in a folder covers its subfolders too. */
export function searchPlaceholder(folder) {
  const name = folderName(folder);
  return name ? `Search in “${name}” and its subfolders` : 'Search files';
}

/**
 * Where a file found by a search lies below the folder searched, as shown before its name
 * ("summer/" for a file in "2026/summer/" found from "2026/"); "" when it is in that folder
 * itself or the server has no folders.
 */
export function folderBelow(fileFolder, searched) {
  const file = folderPath(fileFolder);
  const from = folderPath(searched);
  if (!file || file === from || !file.startsWith(from)) return '';
  return file.slice(from.length);
}

/**
 * The subfolders to show from a `list_subfolders` answer, or null when the answer is not for
 * `scope` ({profileId, bucketId, folder}): `{supported, folders: [{name, path, files}]}`, the
 * folders that really are direct children of the folder, in the answer's order (Rust sorts them
 * by name). A server without folders (`supported: false`) has none.
 */
export function subfoldersFor(answer, { profileId, bucketId, folder }) {
  if (!answer || answer.profileId !== profileId || answer.bucketId !== bucketId) return null;
  const here = folderPath(folder);
  if (folderPath(answer.folder) !== here) return null;
  if (answer.supported === false) return { supported: false, folders: [] };
  const folders = (answer.folders ?? [])
    .map((f) => ({ name: String(f.name ?? folderName(f.path)), path: folderPath(f.path), files: Number(f.files) || 0 }))
    .filter((f) => f.path && parentFolder(f.path) === here);
  return { supported: true, folders };
}

/**
 * The rows of a folder as the list shows them: its subfolders first (`folders`, none while a
 * search lists the subtree's files instead), then its files (`files`: a file-pages list, or
 * null). Display index `i` is a folder below `folderCount`, else file `i - folderCount`.
 */
export function folderRows(folders, files) {
  const shown = folders ?? [];
  const n = shown.length;
  return {
    folderCount: n,
    /** Rows the list claims: the folders and the files' (loaded or not). */
    count(fileRows) { return n + fileRows; },
    /** `{kind: 'folder', folder}`, `{kind: 'file', file}`, or null (a file not loaded yet). */
    at(i) {
      if (i < 0) return null;
      if (i < n) return { kind: 'folder', folder: shown[i] };
      const file = files?.rowAt(i - n) ?? null;
      return file ? { kind: 'file', file } : null;
    },
    /** The file index of display index `i`, or -1 for a folder row. */
    fileIndex(i) { return i < n ? -1 : i - n; },
    /** The display index of a row's key (`rowKey`), or -1. */
    indexOf(key) {
      if (!key) return -1;
      if (key.startsWith('folder:')) return shown.findIndex((f) => `folder:${f.path}` === key);
      const j = files?.indexOf(key.slice('file:'.length)) ?? -1;
      return j < 0 ? -1 : n + j;
    },
  };
}

/** A key for a row that stays the same while rows move: `folder:<path>` or `file:<id>`. */
export function rowKey(entry) {
  if (!entry) return null;
  return entry.kind === 'folder' ? `folder:${entry.folder.path}` : `file:${entry.file.id}`;
}

/**
 * How long (ms) a folder's first files, once in, wait for its subfolders before they are shown
 * without them: long enough for a folder index walked at the same time, short enough not to be
 * felt as a slower list.
 */
export const FOLDERS_WAIT_MS = 500;

/**
 * Whether a folder's files are held back (their rows still "Loading files …") so that its
 * subfolders, arriving later, do not push them down under the pointer: for a folder just opened
 * (`opened`) and listed without a search (a search shows no folder rows), until its subfolders
 * are in (`foldersIn`: known, or failed) or the wait is over (`waitOver`: the files waited
 * `FOLDERS_WAIT_MS`, or the subfolders answered once, so asking again holds nothing back).
 */
export function holdFiles({ opened, searching, foldersIn, waitOver }) {
  return Boolean(opened && !searching && !foldersIn && !waitOver);
}

/**
 * The row to keep where it is on screen while rows come in above others (`{key, index}`, or
 * null): the first row in view once the list is scrolled, or at its top too while the pointer is
 * over the rows (`pointerOver`); else the keyboard cursor's row (`cursor`, a display index) when
 * it is in view. So a folder's subfolders arriving after its files never move the file under the
 * pointer or the cursor, and the list's top, looked at by no one, still shows them first.
 * `keyAt(i)` is display row i's `rowKey`, or null (not loaded).
 */
export function rowToHold({ scrollTop, viewportHeight, rowHeight, keyAt, cursor = -1, pointerOver = false }) {
  const top = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const bottom = Math.ceil((Math.max(0, scrollTop) + viewportHeight) / rowHeight);
  if (scrollTop > 0 || pointerOver) {
    for (let i = top; i < bottom; i += 1) {
      const key = keyAt(i);
      if (key) return { key, index: i };
    }
    return null;
  }
  const key = cursor >= top && cursor < bottom ? keyAt(cursor) : null;
  return key ? { key, index: cursor } : null;
}

/**
 * Where to scroll so that the row `held` (from rowToHold), now at display index `now`, stays where
 * it was on screen: `{scrollTop, height}`, `height` the least height of the list for that scroll
 * (`count` rows' own, or more while the rows below it are too few to fill the view: blank space
 * kept only until the view is back within the rows, see `heightStillNeeded`).
 */
export function keepRowInPlace({ held, now, scrollTop, viewportHeight, rowHeight, count }) {
  const top = Math.max(0, scrollTop + (now - held.index) * rowHeight);
  return { scrollTop: top, height: Math.max(count * rowHeight, top + viewportHeight) };
}

/** Whether a list kept taller than its rows (keepRowInPlace) still needs to be at `scrollTop`. */
export function heightStillNeeded({ scrollTop, viewportHeight, rowHeight, count }) {
  return scrollTop > Math.max(0, count * rowHeight - viewportHeight);
}

/**
 * Where a folder reopened from the last session goes once it turns out to be gone: a virtual
 * folder exists only through the files under it, so one listed with no files and no subfolders
 * (its files deleted since, here or elsewhere) is no longer in the bucket. Returns its parent
 * ("" for the root), the root at once on a server without folders, or null while that is not
 * known (first page or subfolders not in), the folder holds something, a search is shown, either
 * answer failed, or it is the root.
 */
export function goneFolderFallback({ folder, firstIn, files, searching, subfolders }) {
  const here = folderPath(folder);
  if (!here || searching || !subfolders?.known || subfolders.error) return null;
  if (subfolders.supported === false) return '';
  if (!firstIn || files > 0 || subfolders.folders?.length) return null;
  return parentFolder(here);
}
