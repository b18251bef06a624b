// Unit tests for lib/expiry.js: custom expiries built from date+time inputs with the machine's offset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PRESETS, offsetString, customExpiry, localInputsFor, initialChoiceFor, expiryLabel, defaultCustomInputs, PAST_MESSAGE,
} from '../lib/expiry.js';

const NOW = Date.parse('2026-11-28T14:00:00Z');

test('the presets run from 1 hour to Never, with the backend kinds', () => {
  assert.deepEqual(PRESETS.map((p) => p.kind), ['oneHour', 'oneDay', 'sevenDays', 'thirtyDays', 'ninetyDays', 'oneYear', 'never']);
  assert.deepEqual(PRESETS.map((p) => p.label), ['1 hour', '1 day', '7 days', '30 days', '90 days', '1 year', 'Never']);
  assert.equal(expiryLabel({ kind: 'sevenDays' }), '7 days');
  assert.equal(expiryLabel({ kind: 'custom', at: 'x' }), 'Custom');
});

test('getTimezoneOffset minutes become an ISO offset', () => {
  assert.equal(offsetString(-60), '+01:00');
  assert.equal(offsetString(0), '+00:00');
  assert.equal(offsetString(300), '-05:00');
  assert.equal(offsetString(-330), '+05:30');
  assert.equal(offsetString(570), '-09:30');
});

test('a custom date and time carry the local offset', () => {
  assert.deepEqual(customExpiry('2026-12-01', '10:00', -60, NOW), { expiry: { kind: 'custom', at: '2026-12-01T10:00:00+01:00' } });
  assert.deepEqual(customExpiry('2026-12-01', '10:00:30', 300, NOW), { expiry: { kind: 'custom', at: '2026-12-01T10:00:30-05:00' } });
});

test('a past custom time is refused before anything is sent', () => {
  assert.deepEqual(customExpiry('2026-11-28', '14:30', -60, NOW), { error: PAST_MESSAGE }, '14:30 in Berlin is 13:30 UTC: past');
  assert.ok(customExpiry('2026-11-28', '14:30', 0, NOW).expiry, '14:30 UTC is still ahead');
  assert.deepEqual(customExpiry('2026-11-28', '14:00', 0, NOW), { error: PAST_MESSAGE }, 'exactly now is not in the future');
});

test('missing or malformed inputs say what to fix', () => {
  assert.deepEqual(customExpiry('', '10:00', 0, NOW), { error: 'Choose a date.' });
  assert.deepEqual(customExpiry('2026-12-01', '', 0, NOW), { error: 'Choose a time.' });
  assert.deepEqual(customExpiry('2026-13-45', '10:00', 0, NOW), { error: 'That date is not valid.' });
});

test('an expiry shows in date and time inputs in the local zone', () => {
  assert.deepEqual(localInputsFor('2026-12-01T09:00:00Z', -60), { date: '2026-12-01', time: '10:00' });
  assert.deepEqual(localInputsFor('2026-12-01T02:00:00Z', 300), { date: '2026-11-30', time: '21:00' });
});

test('editing preselects the matching preset, Never, or Custom at the current value in local time', () => {
  assert.deepEqual(initialChoiceFor({ kind: 'never' }, -60), { kind: 'never' });
  assert.deepEqual(initialChoiceFor({ kind: 'sevenDays' }, -60), { kind: 'sevenDays' });
  assert.deepEqual(initialChoiceFor(undefined, -60), { kind: 'never' });
  assert.deepEqual(initialChoiceFor({ kind: 'custom', at: '2027-01-05T13:00:00+00:00' }, -60),
    { kind: 'custom', date: '2027-01-05', time: '14:00' });
});

test('a fresh custom choice starts tomorrow at the next whole hour', () => {
  assert.deepEqual(defaultCustomInputs(Date.parse('2026-11-28T14:20:00Z'), 0), { date: '2026-11-29', time: '15:00' });
});
