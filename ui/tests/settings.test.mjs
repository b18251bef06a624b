// Unit tests for lib/settings.js: unknown values fall back to the defaults, the theme is set on
// <html> at once and remembered for the next first frame, the settings store saves through Rust in
// order and tells its listeners, and Ctrl/Cmd+, opens Settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { THEMES, DEFAULT_SETTINGS, normalizeSettings, applyTheme, rememberedTheme, createSettings } from '../lib/settings.js';
import { shortcutFor, SHORTCUTS } from '../lib/shortcuts.js';

function memoryStorage() {
  const map = new Map();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, String(v)) };
}

function fakeRoot() {
  const attrs = {};
  return { attrs, setAttribute: (k, v) => { attrs[k] = v; } };
}

const chosen = { theme: 'dark', defaultLink: 'download', defaultExpiry: { kind: 'never' }, linksFormat: 'markdown' };

test('system, light and dark, with the defaults Rust starts from', () => {
  assert.deepEqual(THEMES.map((t) => t.theme), ['system', 'light', 'dark']);
  assert.deepEqual({ ...DEFAULT_SETTINGS }, {
    theme: 'system', defaultLink: 'view', defaultExpiry: { kind: 'sevenDays' }, linksFormat: 'links',
  });
});

test('each unknown or missing setting falls back alone', () => {
  assert.deepEqual(normalizeSettings(chosen), chosen);
  assert.deepEqual(normalizeSettings({ ...chosen, theme: 'sepia', defaultExpiry: { kind: 'custom', at: 'x' } }),
    { ...chosen, theme: 'system', defaultExpiry: { kind: 'sevenDays' } });
  assert.deepEqual(normalizeSettings(undefined), normalizeSettings(DEFAULT_SETTINGS));
});

test('the theme goes on <html> at once and is remembered for the next first frame', () => {
  const root = fakeRoot();
  const storage = memoryStorage();
  assert.equal(rememberedTheme(storage), 'system', 'nothing remembered yet');
  assert.equal(applyTheme('dark', root, storage), 'dark');
  assert.equal(root.attrs['data-theme'], 'dark');
  assert.equal(rememberedTheme(storage), 'dark');
  applyTheme('bogus', root, storage);
  assert.equal(root.attrs['data-theme'], 'system');
  const broken = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('denied'); } };
  assert.doesNotThrow(() => applyTheme('light', root, broken));
  assert.equal(root.attrs['data-theme'], 'light', 'shown even when it cannot be remembered');
  assert.equal(rememberedTheme(broken), 'system');
});

/** An api whose saveSettings answers in the order the test releases them. */
function fakeApi(initial = { settings: DEFAULT_SETTINGS, notice: null }) {
  const saves = [];
  let stored = initial;
  return {
    saves,
    getSettings: async () => stored,
    saveSettings: (settings) => new Promise((resolve, reject) => {
      saves.push({
        settings,
        answer: () => { stored = { settings, notice: null }; resolve(stored); },
        fail: (message) => reject(Object.assign(new Error(message), { code: 'settings_not_saved' })),
      });
    }),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('the store reads Rust’s settings and its notice, and shows their theme', async () => {
  const themes = [];
  const api = fakeApi({ settings: chosen, notice: 'The settings file is damaged' });
  const settings = createSettings(api, { onTheme: (t) => themes.push(t) });
  assert.equal(settings.get().theme, 'system', 'the defaults until Rust answers');
  await settings.load();
  assert.deepEqual(settings.get(), chosen);
  assert.equal(settings.notice(), 'The settings file is damaged');
  assert.deepEqual(themes, ['dark']);
});

test('changes are saved whole and one at a time, so a quick second choice keeps the first', async () => {
  const api = fakeApi();
  const settings = createSettings(api, { onTheme: () => {} });
  await settings.load();
  const seen = [];
  const unsubscribe = settings.subscribe((now) => seen.push(now.linksFormat));
  const first = settings.update({ theme: 'dark' });
  const second = settings.update({ linksFormat: 'nameLink' });
  await tick();
  assert.equal(api.saves.length, 1, 'the second waits for the first');
  api.saves[0].answer();
  await first;
  await tick();
  assert.deepEqual(api.saves[1].settings, { ...DEFAULT_SETTINGS, theme: 'dark', linksFormat: 'nameLink' });
  api.saves[1].answer();
  assert.equal((await second).linksFormat, 'nameLink');
  assert.deepEqual(seen, ['links', 'nameLink'], 'listeners hear each change');
  unsubscribe();
  const third = settings.update({ linksFormat: 'markdown' });
  await tick();
  api.saves[2].answer();
  await third;
  assert.deepEqual(seen, ['links', 'nameLink'], 'not after unsubscribing');
});

test('a save Rust refused changes nothing and the next one still runs', async () => {
  const api = fakeApi();
  const settings = createSettings(api, { onTheme: () => {} });
  await settings.load();
  const refused = settings.update({ theme: 'dark' });
  await tick();
  api.saves[0].fail('The folder is read-only');
  await assert.rejects(refused, /read-only/);
  assert.equal(settings.get().theme, 'system');
  const next = settings.update({ theme: 'light' });
  await tick();
  api.saves[1].answer();
  assert.equal((await next).theme, 'light');
});

test('Ctrl+, and Cmd+, open Settings, also while typing, and the overlay lists it', () => {
  const key = (k, extra = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false,
    target: { tagName: 'BODY' }, ...extra });
  const input = { tagName: 'INPUT', type: 'text' };
  assert.deepEqual(shortcutFor(key(',', { ctrlKey: true })), { action: 'settings' });
  assert.deepEqual(shortcutFor(key(',', { metaKey: true, target: input })), { action: 'settings' });
  assert.equal(shortcutFor(key(',')), null, 'a plain comma is typed');
  assert.ok(SHORTCUTS.some((s) => s.action === 'settings' && s.keys.includes('Ctrl ,')));
});
