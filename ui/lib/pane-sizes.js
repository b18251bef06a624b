// The widths of the window's panes (sidebar, file list, file detail): their limits, how they fit
// a window of a given width, how a divider moves them by drag or key, and how they are remembered.
// No DOM here, so it is tested in node.

/** The width of a divider between two panes, in CSS pixels. */
export const SPLITTER = 5;

/**
 * Each pane's limits in CSS pixels. The file list's `initial` is a share of the space beside the
 * sidebar while a file is open (the detail gets the rest); without an open file it takes all of it.
 */
export const LIMITS = Object.freeze({
  sidebar: Object.freeze({ min: 180, max: 480, initial: 260 }),
  files: Object.freeze({ min: 220, max: 720, share: 0.3 }),
  detail: Object.freeze({ min: 280 }),
  /** The file list alone, with no file open. */
  list: Object.freeze({ min: 240 }),
});

/** How far one arrow key moves a divider; Page keys move it `BIG_STEP`. */
export const STEP = 16;
export const BIG_STEP = 80;

/** Below this a dragged sidebar snaps shut; dragged out past it, a shut one opens. */
export const COLLAPSE_AT = 90;

const STORAGE_KEY = 'bucketdesk.layout';

export function clamp(n, lo, hi) {
  return Math.max(lo, Math.min(hi, n));
}

/** The space the content beside the sidebar needs at least. */
function contentMin(fileOpen) {
  return fileOpen ? LIMITS.files.min + SPLITTER + LIMITS.detail.min : LIMITS.list.min;
}

/** The file list's width while a file is open when the user has not chosen one. */
export function initialFilesWidth(content) {
  return Math.round(clamp(content * LIMITS.files.share, LIMITS.files.min, 480));
}

/**
 * The widths to draw for a window `total` pixels wide, from the remembered `sizes` ({sidebar,
 * files (null: not chosen), collapsed}): the sidebar gives way first to the content's minimum,
 * then the file list to the detail's. Returns {sidebar, files, detail, content, sidebarMax,
 * filesMax}; `files` is the whole content and `detail` 0 while no file is open.
 */
export function fitPanes({ total, sizes, fileOpen }) {
  const sidebarMax = Math.max(LIMITS.sidebar.min, Math.min(LIMITS.sidebar.max, total - SPLITTER - contentMin(fileOpen)));
  const sidebar = sizes.collapsed ? 0 : clamp(sizes.sidebar ?? LIMITS.sidebar.initial, LIMITS.sidebar.min, sidebarMax);
  const content = Math.max(0, total - sidebar - SPLITTER);
  if (!fileOpen) return { sidebar, files: content, detail: 0, content, sidebarMax, filesMax: content };
  const filesMax = Math.max(LIMITS.files.min, Math.min(LIMITS.files.max, content - SPLITTER - LIMITS.detail.min));
  const files = clamp(sizes.files ?? initialFilesWidth(content), LIMITS.files.min, filesMax);
  return { sidebar, files, detail: Math.max(0, content - SPLITTER - files), content, sidebarMax, filesMax };
}

/**
 * The width a divider's key moves its pane to, or null for a key it ignores. Arrows move by
 * STEP, Page keys by BIG_STEP, Home and End go to the limits.
 */
export function keyedWidth(width, key, { min, max }) {
  switch (key) {
    case 'ArrowLeft': return clamp(width - STEP, min, max);
    case 'ArrowRight': return clamp(width + STEP, min, max);
    case 'PageDown': return clamp(width - BIG_STEP, min, max);
    case 'PageUp': return clamp(width + BIG_STEP, min, max);
    case 'Home': return min;
    case 'End': return max;
    default: return null;
  }
}

/**
 * The sidebar after a drag to `width`: shut below COLLAPSE_AT (its remembered width kept for
 * when it opens again), else open at `width` within its limits.
 */
export function draggedSidebar(sizes, width, max = LIMITS.sidebar.max) {
  if (width < COLLAPSE_AT) return { ...sizes, collapsed: true };
  return { ...sizes, collapsed: false, sidebar: clamp(Math.round(width), LIMITS.sidebar.min, max) };
}

/** The remembered sizes, or the defaults for anything missing or malformed. */
export function loadSizes(storage) {
  const fallback = { sidebar: LIMITS.sidebar.initial, files: null, collapsed: false };
  let saved = null;
  try {
    saved = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return fallback;
  }
  if (!saved || typeof saved !== 'object') return fallback;
  const width = (v, limits) => (Number.isFinite(v) ? clamp(Math.round(v), limits.min, limits.max) : null);
  return {
    sidebar: width(saved.sidebar, LIMITS.sidebar) ?? fallback.sidebar,
    files: width(saved.files, LIMITS.files),
    collapsed: saved.collapsed === true,
  };
}

/** Remembers `sizes` (view state only: widths and whether the sidebar is shut). */
export function saveSizes(storage, { sidebar, files, collapsed }) {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify({ sidebar, files, collapsed }));
  } catch {
    // Storage full or switched off: the sizes last for this session only.
  }
}
