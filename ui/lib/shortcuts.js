// The app's keyboard map, in one list: which key press means which action, given where the focus
// is, and what the shortcuts overlay shows. The handler and the overlay both read SHORTCUTS.

/**
 * Every keyboard shortcut, in the order the overlay lists them. `keys` are what the overlay shows,
 * as alternatives (`Ctrl` is Cmd on macOS, see `keyLabel`). Entries with a `key` test are the
 * app-wide shortcuts `shortcutFor` maps (`mod`: needs Ctrl/Cmd and works while typing; `always`:
 * taken everywhere, in fields and dialogs too, with or without Ctrl/Cmd as its test says, so the
 * web view never acts on the key itself); the others are handled by the list, field or dialog
 * that has the focus.
 */
export const SHORTCUTS = Object.freeze([
  { group: 'Anywhere', keys: ['Ctrl K'], label: 'Switch project', action: 'quickSwitch', mod: true,
    key: (k) => k === 'k' || k === 'K' },
  { group: 'Anywhere', keys: ['Ctrl 1 … 9'], label: 'Open the 1st … 9th project in the list', action: 'jumpProject', mod: true,
    key: (k) => /^[1-9]$/.test(k), args: (k) => ({ index: Number(k) - 1 }) },
  { group: 'Anywhere', keys: ['Ctrl B'], label: 'Hide or show the sidebar', action: 'toggleSidebar', mod: true,
    key: (k) => k === 'b' || k === 'B' },
  { group: 'Anywhere', keys: ['Ctrl U'], label: 'Upload files into the open bucket (or drop them on the list)', action: 'upload',
    mod: true, key: (k) => k === 'u' || k === 'U' },
  { group: 'Anywhere', keys: ['/'], label: 'Search the buckets or the open bucket’s files', action: 'focusSearch',
    key: (k) => k === '/' },
  { group: 'Anywhere', keys: ['?'], label: 'Show these keyboard shortcuts', action: 'showShortcuts',
    key: (k) => k === '?' },
  { group: 'Anywhere', keys: ['i'], label: 'About Bucketdesk', action: 'about', key: (k) => k === 'i' },
  { group: 'Anywhere', keys: ['Ctrl ,'], label: 'Settings: theme, new projects’ defaults, links format', action: 'settings',
    mod: true, key: (k) => k === ',' },
  { group: 'Anywhere', keys: ['F5', 'Ctrl R'], label: 'Refresh the buckets, the files and the open file’s tokens',
    action: 'refresh', always: true, key: (k, { mod, alt }) => !alt && (mod ? k === 'r' || k === 'R' : k === 'F5') },
  { group: 'Anywhere', keys: ['Esc'], label: 'Close the open dialog or menu' },
  { group: 'Open file', keys: ['n'], label: 'New token', action: 'newToken', key: (k) => k === 'n' },
  { group: 'Open file', keys: ['c'], label: 'Copy the chosen token’s link', action: 'copyLink', key: (k) => k === 'c' },
  { group: 'Open file', keys: ['q'], label: 'Show the chosen token’s link as a QR code', action: 'showQr', key: (k) => k === 'q' },
  { group: 'Open file', keys: ['Delete'], label: 'Delete the chosen tokens', action: 'deleteTokens',
    key: (k) => k === 'Delete' },
  { group: 'Lists', keys: ['↑', '↓'], label: 'Move through projects, buckets, files or tokens' },
  { group: 'Lists', keys: ['Home', 'End'], label: 'First or last row' },
  { group: 'Lists', keys: ['PgUp', 'PgDn'], label: 'A page up or down' },
  { group: 'Lists', keys: ['Enter'], label: 'Open the project, bucket, folder or file' },
  { group: 'Lists', keys: ['Backspace', 'Alt ↑'], label: 'Up to the folder above (in the file list)' },
  { group: 'Lists', keys: ['Space'], label: 'Choose or unchoose the file or token' },
  { group: 'Lists', keys: ['Shift ↑', 'Shift ↓'], label: 'Choose a range of files or tokens' },
  { group: 'Lists', keys: ['↓'], label: 'From a search field to its first match (Enter opens it)' },
  { group: 'Lists', keys: ['Delete'], label: 'In the file list: delete the chosen files (after a question)' },
  { group: 'Lists', keys: ['Shift F10', 'Menu'], label: 'The chosen file’s or token’s menu (as a right click)' },
  { group: 'Lists', keys: ['Tab'], label: 'From the file list to a pending upload’s Resume, then Delete (Esc goes back)' },
  { group: 'Dividers', keys: ['←', '→'], label: 'Narrow or widen the pane left of the focused divider' },
  { group: 'Dividers', keys: ['Home', 'End'], label: 'Narrowest or widest' },
  { group: 'Dividers', keys: ['Enter'], label: 'Hide or show the sidebar (its divider)' },
]);

/** SHORTCUTS by group, in list order: `[{group, shortcuts}]`, for the overlay. */
export function groupedShortcuts() {
  const groups = new Map();
  for (const s of SHORTCUTS) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  return [...groups].map(([group, shortcuts]) => ({ group, shortcuts }));
}

/** A chord as this platform writes it: `Ctrl` becomes `⌘` on macOS. */
export function keyLabel(chord, { mac = false } = {}) {
  return mac ? chord.replace(/^Ctrl /, '⌘') : chord;
}

/** True when the key press is typing into a field, so single-letter shortcuts must not fire. */
export function isTypingTarget(target) {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = String(target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = String(target.type ?? 'text').toLowerCase();
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/**
 * The action for a keydown as `{action, ...args}`, or null. `event` needs key, ctrlKey, metaKey,
 * altKey, shiftKey, target; `inDialog` is true while a modal dialog is open (dialogs take their
 * own keys, Esc included: only `always` shortcuts are given, and the caller decides what they do
 * there). Letters never fire with Shift (that is another key); `?` needs Shift on most layouts,
 * so symbols ignore it.
 */
export function shortcutFor(event, { inDialog = false } = {}) {
  const mod = event.ctrlKey || event.metaKey;
  const always = SHORTCUTS.find((s) => s.always && s.key(event.key, { mod, alt: event.altKey }));
  if (always) return { action: always.action };
  if (inDialog) return null;
  if (mod && (event.altKey || event.shiftKey)) return null;
  if (!mod && (event.altKey || isTypingTarget(event.target))) return null;
  if (!mod && event.shiftKey && /^[a-z]$/i.test(event.key)) return null;
  const found = SHORTCUTS.find((s) => s.key && !s.always && Boolean(s.mod) === mod && s.key(event.key));
  if (!found) return null;
  return { action: found.action, ...(found.args ? found.args(event.key) : {}) };
}
