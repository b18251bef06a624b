// Unit tests for api.js: every failure reaches the views as an ApiError with a stable code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApi, toApiError, ApiError } from '../api.js';

test('a {code, message} rejection from Rust keeps its code and message', async () => {
  const api = createApi(async () => {
    throw { code: 'invalid_key', message: 'The API key was refused.' };
  });
  await assert.rejects(api.appInfo(), (e) => e instanceof ApiError && e.code === 'invalid_key'
    && e.message === 'The API key was refused.');
});

test('a plain string rejection becomes an internal error with that text', () => {
  const e = toApiError('boom');
  assert.equal(e.code, 'internal');
  assert.equal(e.message, 'boom');
});

test('an unknown rejection still gives a readable message', () => {
  const e = toApiError(undefined);
  assert.equal(e.code, 'internal');
  assert.match(e.message, /could not complete/);
});

test('a successful call passes the command name and returns the answer', async () => {
  const seen = [];
  const api = createApi(async (cmd, args) => {
    seen.push([cmd, args]);
    return { name: 'Bucketdesk', version: '0.1.0', configDir: '/cfg' };
  });
  const info = await api.appInfo();
  assert.deepEqual(seen, [['app_info', undefined]]);
  assert.equal(info.version, '0.1.0');
});

test('outside the app the API says it needs the app instead of crashing', async () => {
  const api = createApi();
  await assert.rejects(api.appInfo(), (e) => e.code === 'no_backend');
});
