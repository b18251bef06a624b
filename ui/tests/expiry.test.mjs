// Unit tests for lib/expiry.js: the one list of presets and the default, and custom expiries built
// from date and time inputs with the machine's offset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  PRESETS, CUSTOM, DEFAULT_EXPIRY, offsetString, customExpiry, localInputsFor, initialChoiceFor, defaultCustomInputs,
} from '../lib/expiry.js';

test('the presets run from 1 hour to Never, with the backend kinds, then Custom', () => {
  assert.deepEqual(PRESETS.map((p) => p.kind),
    ['oneHour', 'oneDay', 'sevenDays', 'thirtyDays', 'ninetyDays', 'oneYear', 'never']);
  assert.deepEqual(PRESETS.map((p) => p.label), ['1 hour', '1 day', '7 days', '30 days', '90 days', '1 year', 'Never']);
  assert.deepEqual(CUSTOM, { kind: 'custom', label: 'Custom' });
});

test('the default expiry is 7 days, one of the presets, and cannot be changed by a caller', () => {
  assert.equal(DEFAULT_EXPIRY.kind, 'sevenDays');
  assert.ok(PRESETS.some((p) => p.kind === DEFAULT_EXPIRY.kind));
  assert.throws(() => { 'use strict'; DEFAULT_EXPIRY.kind = 'never'; }, TypeError);
});

test('no other UI file spells out an expiry kind: they all use the list and the default', () => {
  for (const file of ['views/tokens.js', 'views/token-dialogs.js', 'views/bulk-links.js', 'views/project-editor.js',
    'components/expiry-picker.js']) {
    const source = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    assert.doesNotMatch(source, /'(oneHour|oneDay|sevenDays|thirtyDays|ninetyDays|oneYear)'/, file);
  }
});

test('getTimezoneOffset minutes become an ISO offset', () => {
  assert.equal(offsetString(-60), '+01:00');
  assert.equal(offsetString(0), '+00:00');
  assert.equal(offsetString(300), '-05:00');
  assert.equal(offsetString(-330), '+05:30');
  assert.equal(offsetString(570), '-09:30');
});

test('a custom date and time carry the local offset', () => {
  assert.deepEqual(customExpiry('2026-12-01', '10:00', -60), { expiry: { kind: 'custom', at: '2026-12-01T10:00:00+01:00' } });
  assert.deepEqual(customExpiry('2026-12-01', '10:00:30', 300), { expiry: { kind: 'custom', at: '2026-12-01T10:00:30-05:00' } });
});

test('a past custom time is passed on for Rust to refuse in its own words', () => {
  assert.deepEqual(customExpiry('2001-01-01', '10:00', 0), { expiry: { kind: 'custom', at: '2001-01-01T10:00:00+00:00' } });
});

test('missing or malformed inputs say what to fix', () => {
  assert.deepEqual(customExpiry('', '10:00', 0), { error: 'Choose a date.' });
  assert.deepEqual(customExpiry('2026-12-01', '', 0), { error: 'Choose a time.' });
  assert.deepEqual(customExpiry('2026-13-45', '10:00', 0), { error: 'That date is not valid.' });
});

test('an expiry shows in date and time inputs in the local zone', () => {
  assert.deepEqual(localInputsFor('2026-12-01T09:00:00Z', -60), { date: '2026-12-01', time: '10:00' });
  assert.deepEqual(localInputsFor('2026-12-01T02:00:00Z', 300), { date: '2026-11-30', time: '21:00' });
});

test('editing preselects the matching preset, Never, or Custom at the current value in local time', () => {
  assert.deepEqual(initialChoiceFor({ kind: 'never' }, -60), { kind: 'never' });
  assert.deepEqual(initialChoiceFor({ kind: 'sevenDays' }, -60), { kind: 'sevenDays' });
  assert.deepEqual(initialChoiceFor(undefined, -60), { kind: 'never' });
  assert.deepEqual(initialChoiceFor({ kind: 'custom', at: '2027-01-05T13:00:00+00:00' }, -60, { now: Date.parse('2026-11-28T14:00:00Z') }),
    { kind: 'custom', date: '2027-01-05', time: '14:00' });
});

test('editing an expired token opens on a choice that can be saved, not on its past date', () => {
  const now = Date.parse('2026-11-28T14:00:00Z');
  const past = { kind: 'custom', at: '2026-11-25T14:00:00+00:00' };
  assert.deepEqual(initialChoiceFor(past, 0, { now }), { kind: DEFAULT_EXPIRY.kind });
  assert.deepEqual(initialChoiceFor(past, 0, { now, fallback: { kind: 'thirtyDays' } }), { kind: 'thirtyDays' },
    'the project’s default expiry');
  assert.deepEqual(initialChoiceFor(past, 0, { now, fallback: { kind: 'custom', at: '2026-01-01T00:00:00Z' } }),
    { kind: DEFAULT_EXPIRY.kind }, 'never a custom default, which may be past too');
  assert.deepEqual(initialChoiceFor({ kind: 'custom', at: '2026-11-28T14:00:00Z' }, 0, { now }), { kind: DEFAULT_EXPIRY.kind },
    'a token expiring this instant is expired');
  assert.deepEqual(initialChoiceFor({ kind: 'oneHour' }, 0, { now }), { kind: 'oneHour' }, 'a preset counts from now');
});

test('a fresh custom choice starts tomorrow at the next whole hour', () => {
  assert.deepEqual(defaultCustomInputs(Date.parse('2026-11-28T14:20:00Z'), 0), { date: '2026-11-29', time: '15:00' });
});
