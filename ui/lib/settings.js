// The app's settings as the page uses them: the theme (set on <html> at once), what a new project
// starts with, and how "Create links" copies. Rust keeps them in settings.json in the config
// folder, the one source of truth; the page keeps only the theme's last value in localStorage, to
// paint its first frame in it before Rust has answered.

import { LINK_KINDS, DEFAULT_LINK_KIND } from './link-kinds.js';
import { PRESETS, DEFAULT_EXPIRY } from './expiry.js';
import { LINKS_FORMATS, DEFAULT_LINKS_FORMAT } from './links-format.js';

export const THEMES = [
  { theme: 'system', label: 'System', hint: 'Follow the system’s light or dark setting' },
  { theme: 'light', label: 'Light' },
  { theme: 'dark', label: 'Dark' },
];

export const DEFAULT_SETTINGS = Object.freeze({
  theme: 'system',
  defaultLink: DEFAULT_LINK_KIND,
  defaultExpiry: DEFAULT_EXPIRY,
  linksFormat: DEFAULT_LINKS_FORMAT,
});

const THEME_KEY = 'bucketdesk.theme';

const known = (list, key, value, fallback) => (list.some((x) => x[key] === value) ? value : fallback);

/** `raw` with each setting that is not a known value replaced by its default. */
export function normalizeSettings(raw = {}) {
  const expiry = raw?.defaultExpiry?.kind;
  return {
    theme: known(THEMES, 'theme', raw?.theme, DEFAULT_SETTINGS.theme),
    defaultLink: known(LINK_KINDS, 'kind', raw?.defaultLink, DEFAULT_SETTINGS.defaultLink),
    defaultExpiry: PRESETS.some((p) => p.kind === expiry) ? { kind: expiry } : { ...DEFAULT_SETTINGS.defaultExpiry },
    linksFormat: known(LINKS_FORMATS, 'format', raw?.linksFormat, DEFAULT_SETTINGS.linksFormat),
  };
}

/**
 * Shows the page in `theme`: `data-theme` on <html> (styles.css forces light or dark by it, and
 * follows the system for `system`), remembered in `storage` for the next start's first frame.
 */
export function applyTheme(theme, root = globalThis.document?.documentElement, storage = globalThis.localStorage) {
  const value = known(THEMES, 'theme', theme, DEFAULT_SETTINGS.theme);
  root?.setAttribute('data-theme', value);
  try {
    storage?.setItem(THEME_KEY, value);
  } catch { /* the first frame of the next start follows the system instead */ }
  return value;
}

/** The theme the last start showed (for the first frame), or `system`. */
export function rememberedTheme(storage = globalThis.localStorage) {
  try {
    return known(THEMES, 'theme', storage?.getItem(THEME_KEY), DEFAULT_SETTINGS.theme);
  } catch {
    return DEFAULT_SETTINGS.theme;
  }
}

/**
 * The settings the page shares: `get()` the ones in use, `load()` asks Rust, `update(patch)` saves
 * them all with `patch` applied (one save at a time, in order) and resolves to what is in use
 * then; `subscribe(fn)` calls `fn(settings)` after each change and returns an unsubscribe.
 * `onTheme(theme)` runs with every answer (applyTheme by default).
 */
export function createSettings(api, { onTheme = (theme) => applyTheme(theme) } = {}) {
  let current = normalizeSettings(DEFAULT_SETTINGS);
  let notice = null;
  let queue = Promise.resolve();
  const listeners = new Set();

  function take(answer) {
    current = normalizeSettings(answer?.settings);
    notice = answer?.notice ?? null;
    onTheme(current.theme);
    for (const fn of listeners) fn(current);
    return current;
  }

  return {
    get: () => current,
    /** What Rust said about a damaged settings file, until a save replaces it. */
    notice: () => notice,
    async load() {
      return take(await api.getSettings());
    },
    update(patch) {
      const run = queue.then(async () => take(await api.saveSettings({ ...current, ...patch })));
      queue = run.catch(() => {});
      return run;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
