// Unit tests for api.js: failures become ApiErrors with Rust's code, blank optional arguments go as
// null, and what each method sends is exactly what its source line says (which the Rust contract
// test reads).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createApi, toApiError, ApiError } from '../api.js';

function recording(answer = null) {
  const calls = [];
  const api = createApi(async (cmd, args) => { calls.push([cmd, args]); return answer; });
  return { api, calls };
}

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
  assert.equal(toApiError({ code: 'network' }).message, 'network', 'a code without a message still reads');
});

test('a field error from Rust keeps the field it is about', () => {
  const e = toApiError({ code: 'key_required', message: 'Enter the key again.', field: 'apiKey' });
  assert.equal(e.code, 'key_required');
  assert.equal(e.field, 'apiKey');
  assert.equal(toApiError({ code: 'network', message: 'down' }).field, null);
});

test('a successful call returns the answer untouched', async () => {
  const answer = { name: 'Bucketdesk', version: '0.1.0', configDir: '/cfg' };
  const { api } = recording(answer);
  assert.equal(await api.appInfo(), answer);
});

test('outside the app the API says it needs the app instead of crashing', async () => {
  await assert.rejects(createApi().appInfo(), (e) => e.code === 'no_backend');
  await assert.rejects(createApi().onBulkProgress(() => {}), (e) => e.code === 'no_backend');
});

test('an empty API key field keeps the stored key: it is sent as null', async () => {
  const { api, calls } = recording();
  const profile = { id: 'p', name: 'Shop' };
  await api.saveProject(profile, '');
  await api.saveProject(profile, undefined);
  await api.saveProject(profile, 'standard_key');
  assert.deepEqual(calls.map(([, args]) => args.apiKey), [null, null, 'standard_key']);
  assert.equal(calls[0][1].profile, profile);
});

test('optional arguments left out or blank are sent as null, never as "" or undefined', async () => {
  const { api, calls } = recording();
  await api.rememberLast({ profileId: 'p' });
  await api.rememberLast({ profileId: 'p', bucketId: '', folder: '', fileId: '' });
  await api.listBuckets({ profileId: 'p', search: '' });
  await api.copyLink({ profileId: 'p', tokenId: 't' });
  await api.createLinks({ profileId: 'p', bucketId: 'b', fileIds: ['f'], expiry: { kind: 'oneDay' } });
  await api.listFiles({ profileId: 'p', bucketId: 'b', search: '', cursor: '' });
  await api.copyLinks({ profileId: 'p', tokenIds: ['t'] });
  assert.deepEqual(calls[0][1], { profileId: 'p', bucketId: null, folder: null, fileId: null });
  assert.deepEqual(calls[1][1], { profileId: 'p', bucketId: null, folder: null, fileId: null });
  assert.equal(calls[2][1].search, null);
  assert.equal(calls[3][1].kind, null);
  assert.equal(calls[4][1].kind, null);
  assert.equal(calls[4][1].format, null, 'links only, as before the choice existed');
  assert.equal(calls[4][1].fileNames, null);
  assert.deepEqual(calls[6][1], { profileId: 'p', tokenIds: ['t'], kind: null, format: null, fileNames: null });
  assert.equal(calls[5][1].search, null);
  assert.equal(calls[5][1].cursor, null);
});

test('the file list starts on the first page of the root by name ascending, 100 rows, no search', async () => {
  const { api, calls } = recording();
  await api.listFiles({ profileId: 'p', bucketId: 'b' });
  assert.deepEqual(calls[0], ['list_files',
    { profileId: 'p', bucketId: 'b', folder: null, search: null, sort: 'name', order: 'asc', cursor: null, limit: 100, offset: null, fromEnd: false }]);
});

test('a folder is listed by its path, the root as null; its subfolders come from the cached index unless refreshed', async () => {
  const { api, calls } = recording();
  await api.listFiles({ profileId: 'p', bucketId: 'b', folder: '2026/summer/' });
  await api.listFiles({ profileId: 'p', bucketId: 'b', folder: '' });
  await api.listSubfolders({ profileId: 'p', bucketId: 'b', folder: '' });
  await api.listSubfolders({ profileId: 'p', bucketId: 'b', folder: '2026/', refresh: true });
  assert.equal(calls[0][1].folder, '2026/summer/');
  assert.equal(calls[1][1].folder, null);
  assert.deepEqual(calls[2], ['list_subfolders', { profileId: 'p', bucketId: 'b', folder: null, refresh: false }]);
  assert.deepEqual(calls[3], ['list_subfolders', { profileId: 'p', bucketId: 'b', folder: '2026/', refresh: true }]);
});

test('a chosen value is passed through as given', async () => {
  const { api, calls } = recording();
  const expiry = { kind: 'custom', at: '2026-12-01T10:00:00+01:00' };
  await api.createToken({ profileId: 'p', bucketId: 'b', fileId: 'f', expiry });
  await api.copyLink({ profileId: 'p', tokenId: 't', kind: 'download' });
  assert.equal(calls[0][1].expiry, expiry);
  assert.equal(calls[1][1].kind, 'download');
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

test('a native menu choice reaches the handler as the item it names', async () => {
  const listened = [];
  const api = createApi(async () => null, async (event, handler) => {
    listened.push(event);
    handler({ event, payload: 'about' });
    return () => {};
  });
  const seen = [];
  await api.onMenu((item) => seen.push(item));
  assert.deepEqual(seen, ['about']);
  assert.deepEqual(listened, ['menu']);
  await assert.rejects(createApi().onMenu(() => {}), (e) => e.code === 'no_backend');
});

/**
 * Method name -> {command, args} as written in api.js's source, one `call(...)` per method line.
 */
function callsInSource() {
  const source = readFileSync(new URL('../api.js', import.meta.url), 'utf8');
  const found = new Map();
  let method = null;
  for (const line of source.split('\n')) {
    if (/^\s*(\/\/|\/\*|\*)/.test(line)) continue;
    const start = line.match(/^ {4}(\w+): /);
    if (start) method = start[1];
    const call = line.match(/call\('([a-z_]+)'(?:, \{ ([^{}]*) \})?\)/);
    if (!call) continue;
    assert.ok(method && !found.has(method), `one call per method: ${line.trim()}`);
    const args = call[2] ? call[2].split(',').map((part) => part.split(':')[0].trim()) : [];
    found.set(method, { command: call[1], args });
  }
  return found;
}

test('each method sends exactly the command and argument names its source line names', async () => {
  const written = callsInSource();
  const { api, calls } = recording();
  const anything = new Proxy({}, { get: (_, key) => (key === Symbol.iterator ? undefined : 'x') });
  const methods = Object.keys(api).filter((m) => !/^on[A-Z]/.test(m));
  assert.deepEqual([...written.keys()].sort(), methods.sort(), 'every method is one literal call');
  for (const m of methods) {
    calls.length = 0;
    await api[m](anything, anything);
    assert.equal(calls.length, 1, `${m} makes one call`);
    const [command, args] = calls[0];
    assert.equal(command, written.get(m).command, m);
    assert.deepEqual(Object.keys(args ?? {}), written.get(m).args, m);
    assert.match(command, /^[a-z]+(_[a-z]+)*$/, 'commands are snake_case');
    for (const name of Object.keys(args ?? {})) assert.match(name, /^[a-z]+([A-Z][a-z]*)*$/, 'args are camelCase');
  }
});

test('a secret is copied by Rust: the API offers no way to receive one', async () => {
  const { api, calls } = recording(null);
  assert.equal(await api.copySecret({ profileId: 'p', tokenId: 't' }), null);
  assert.deepEqual(calls, [['copy_secret', { profileId: 'p', tokenId: 't' }]]);
  assert.equal('revealSecret' in api, false);
  assert.doesNotMatch(readFileSync(new URL('../api.js', import.meta.url), 'utf8'), /reveal_secret|export_projects'/);
});

test('a draft is tested as typed, with a trusted certificate as part of it and an empty key sent as null', async () => {
  const report = { ok: false, code: 'not_found', suggestedEndpoint: 'http://127.0.0.1:4000/v1' };
  const { api, calls } = recording(report);
  const draft = { name: '', endpoint: 'http://127.0.0.1:4000', projectId: 'p', pinnedCertificate: 'AB:CD' };
  assert.equal(await api.testDraftConnection(draft, ''), report);
  assert.deepEqual(calls, [['test_draft_connection', { profile: draft, apiKey: null }]]);
  assert.equal('trustCertificate' in api, false, 'trusting is part of the draft, saved with it');
});

test('export answers null when the save dialog was cancelled', async () => {
  const { api, calls } = recording(null);
  assert.equal(await api.exportProjectsFile(), null);
  assert.deepEqual(calls, [['export_projects_file', undefined]]);
});

test('bulk links send the chosen clipboard format and the file names in the order of the ids', async () => {
  const { api, calls } = recording();
  await api.createLinks({
    profileId: 'p', bucketId: 'b', fileIds: ['f1', 'f2'], expiry: { kind: 'oneDay' }, format: 'markdown',
    fileNames: ['a.txt', 'b.txt'],
  });
  assert.deepEqual(calls[0], ['create_links', {
    profileId: 'p', bucketId: 'b', fileIds: ['f1', 'f2'], expiry: { kind: 'oneDay' }, kind: null, format: 'markdown',
    fileNames: ['a.txt', 'b.txt'],
  }]);
});

test('an upload goes to the bucket root (null) unless a folder is named, and shares only when asked', async () => {
  const { api, calls } = recording();
  await api.uploadFiles({ profileId: 'p', bucketId: 'b', paths: ['/home/me/a.txt'] });
  await api.chooseUploadFiles({ profileId: 'p', bucketId: 'b', folder: '2026/summer/', share: true });
  await api.cancelUpload({ batchId: 'x' });
  assert.deepEqual(calls[0], ['upload_files', { profileId: 'p', bucketId: 'b', folder: null, paths: ['/home/me/a.txt'], share: false }]);
  assert.deepEqual(calls[1], ['choose_upload_files', { profileId: 'p', bucketId: 'b', folder: '2026/summer/', share: true }]);
  assert.deepEqual(calls[2], ['cancel_upload', { batchId: 'x', uploadId: null }], 'no upload named: the whole batch');
});

test('a download is cancelled a file at a time, or all of its batch when no file is named', async () => {
  const { api, calls } = recording();
  await api.cancelDownload({ batchId: 'd1', fileId: 'f1' });
  await api.cancelDownload({ batchId: 'd1' });
  assert.deepEqual(calls[0], ['cancel_download', { batchId: 'd1', fileId: 'f1' }]);
  assert.deepEqual(calls[1], ['cancel_download', { batchId: 'd1', fileId: null }], 'no file named: the whole batch');
});

test('the native drag and drop reaches the handler as one shape for its four events', async () => {
  const handlers = new Map();
  const api = createApi(async () => null, async (event, handler) => {
    handlers.set(event, handler);
    return () => handlers.delete(event);
  });
  const seen = [];
  const unlisten = await api.onDragDrop((e) => seen.push(e));
  assert.deepEqual([...handlers.keys()].sort(), ['tauri://drag-drop', 'tauri://drag-enter', 'tauri://drag-leave', 'tauri://drag-over']);
  handlers.get('tauri://drag-enter')({ payload: { paths: ['/a'], position: { x: 1, y: 2 } } });
  handlers.get('tauri://drag-over')({ payload: { position: { x: 3, y: 4 } } });
  handlers.get('tauri://drag-drop')({ payload: { paths: ['/a'], position: { x: 5, y: 6 } } });
  handlers.get('tauri://drag-leave')({ payload: null });
  assert.deepEqual(seen, [
    { type: 'enter', paths: ['/a'], position: { x: 1, y: 2 } },
    { type: 'over', paths: null, position: { x: 3, y: 4 } },
    { type: 'drop', paths: ['/a'], position: { x: 5, y: 6 } },
    { type: 'leave', paths: null, position: null },
  ]);
  unlisten();
  assert.equal(handlers.size, 0);
});
