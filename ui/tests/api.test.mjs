// Unit tests for api.js: every command name and argument shape, and every failure as an ApiError with a stable code.
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

function recording(answer = null) {
  const calls = [];
  const api = createApi(async (cmd, args) => { calls.push([cmd, args]); return answer; });
  return { api, calls };
}

test('every method calls its Rust command with the contract argument names', async () => {
  const { api, calls } = recording();
  const p = 'p1';
  const profile = { name: 'Shop', endpoint: 'https://x/v1', projectId: 'shop', group: null, acceptInvalidCerts: false, defaultLink: 'view', defaultExpiry: { kind: 'sevenDays' } };
  const expiry = { kind: 'custom', at: '2026-12-01T10:00:00+01:00' };
  await api.listProjects();
  await api.saveProject(profile, 'secret-key');
  await api.saveProject({ ...profile, id: p }, '');
  await api.duplicateProject(p);
  await api.deleteProject(p);
  await api.selectProject(p);
  await api.rememberLast({ profileId: p, bucketId: 'b' });
  await api.testConnection(p);
  await api.exportProjects();
  await api.exportProjectsFile();
  await api.importProjects('{"version":1}');
  await api.resetDemo();
  await api.listBuckets({ profileId: p, search: '' });
  await api.listFiles({ profileId: p, bucketId: 'b', search: 'cat', sort: 'size', order: 'desc', cursor: 'c1', limit: 100 });
  await api.getFile({ profileId: p, bucketId: 'b', fileId: 'f' });
  await api.fileThumbnail({ profileId: p, bucketId: 'b', fileId: 'f' });
  await api.listTokens({ profileId: p, bucketId: 'b', fileId: 'f' });
  await api.resolveExpiry({ kind: 'oneHour' });
  await api.createToken({ profileId: p, bucketId: 'b', fileId: 'f', expiry });
  await api.updateTokenExpiry({ profileId: p, tokenId: 't', expiry: { kind: 'never' } });
  await api.deleteTokens({ profileId: p, tokenIds: ['t1', 't2'] });
  await api.copyLink({ profileId: p, tokenId: 't' });
  await api.copyLink({ profileId: p, tokenId: 't', kind: 'download' });
  await api.revealSecret({ profileId: p, tokenId: 't' });
  await api.createLinks({ profileId: p, bucketId: 'b', fileIds: ['f1', 'f2'], expiry: { kind: 'oneDay' } });
  assert.deepEqual(calls, [
    ['list_projects', undefined],
    ['save_project', { profile, apiKey: 'secret-key' }],
    ['save_project', { profile: { ...profile, id: p }, apiKey: null }],
    ['duplicate_project', { profileId: p }],
    ['delete_project', { profileId: p }],
    ['select_project', { profileId: p }],
    ['remember_last', { profileId: p, bucketId: 'b', fileId: null }],
    ['test_connection', { profileId: p }],
    ['export_projects', undefined],
    ['export_projects_file', undefined],
    ['import_projects', { json: '{"version":1}' }],
    ['reset_demo', undefined],
    ['list_buckets', { profileId: p, search: null }],
    ['list_files', { profileId: p, bucketId: 'b', search: 'cat', sort: 'size', order: 'desc', cursor: 'c1', limit: 100 }],
    ['get_file', { profileId: p, bucketId: 'b', fileId: 'f' }],
    ['file_thumbnail', { profileId: p, bucketId: 'b', fileId: 'f' }],
    ['list_tokens', { profileId: p, bucketId: 'b', fileId: 'f' }],
    ['resolve_expiry', { expiry: { kind: 'oneHour' } }],
    ['create_token', { profileId: p, bucketId: 'b', fileId: 'f', expiry }],
    ['update_token_expiry', { profileId: p, tokenId: 't', expiry: { kind: 'never' } }],
    ['delete_tokens', { profileId: p, tokenIds: ['t1', 't2'] }],
    ['copy_link', { profileId: p, tokenId: 't', kind: null }],
    ['copy_link', { profileId: p, tokenId: 't', kind: 'download' }],
    ['reveal_secret', { profileId: p, tokenId: 't' }],
    ['create_links', { profileId: p, bucketId: 'b', fileIds: ['f1', 'f2'], expiry: { kind: 'oneDay' }, kind: null }],
  ]);
});

test('list_files defaults: first page by name ascending, 100 rows, no search', async () => {
  const { api, calls } = recording();
  await api.listFiles({ profileId: 'p', bucketId: 'b' });
  assert.deepEqual(calls[0][1], { profileId: 'p', bucketId: 'b', search: null, sort: 'name', order: 'asc', cursor: null, limit: 100 });
});

test('every command failure reaches the caller as an ApiError with its code', async () => {
  const codes = ['invalid_key', 'missing_scope', 'network', 'timeout', 'tls', 'not_found', 'server', 'invalid_input',
    'invalid_profile', 'expiry_in_past', 'keychain_unavailable', 'no_key', 'internal'];
  for (const code of codes) {
    const api = createApi(async () => { throw { code, message: `says what to do about ${code}` }; });
    await assert.rejects(api.createToken({ profileId: 'p', bucketId: 'b', fileId: 'f', expiry: { kind: 'never' } }),
      (e) => e instanceof ApiError && e.code === code && e.message === `says what to do about ${code}`);
  }
});

test('bulk progress events reach the handler as their payload, and unlisten is returned', async () => {
  const listened = [];
  const api = createApi(async () => null, async (event, handler) => {
    listened.push(event);
    handler({ event, payload: { profileId: 'p', done: 2, total: 3 } });
    return () => listened.push('unlistened');
  });
  const seen = [];
  const unlisten = await api.onBulkProgress((p) => seen.push(p));
  unlisten();
  assert.deepEqual(seen, [{ profileId: 'p', done: 2, total: 3 }]);
  assert.deepEqual(listened, ['bulk-progress', 'unlistened']);
});

test('outside the app, listening for progress says it needs the app', async () => {
  await assert.rejects(createApi().onBulkProgress(() => {}), (e) => e.code === 'no_backend');
});

test('a field error from Rust keeps the field it is about', () => {
  const e = toApiError({ code: 'invalid_profile', message: 'Enter an endpoint that starts with https://', field: 'endpoint' });
  assert.equal(e.code, 'invalid_profile');
  assert.equal(e.field, 'endpoint');
  assert.equal(toApiError({ code: 'network', message: 'down' }).field, null);
});
