// Runs the official node-appwrite SDK, unchanged, against the appwrite-sandbox binary.
// The binary's path comes from APPWRITE_SANDBOX_BIN; its endpoint and key from its stdout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createHash, randomBytes } from 'node:crypto';
import { Client, Storage, Tokens, ID, Query, AppwriteException } from 'node-appwrite';
import { InputFile } from 'node-appwrite/file';

const BIN = process.env.APPWRITE_SANDBOX_BIN;
const PROJECT = 'sdkcheck';
let child;
let endpoint;
let storage;
let tokens;
let bucketId;
let smallFile;
let bigFile;
const bigBytes = randomBytes(12 * 1024 * 1024 + 123);

function startSandbox() {
  return new Promise((resolve, reject) => {
    child = spawn(BIN, ['--seed', 'empty', '--project', PROJECT], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    const found = {};
    const timer = setTimeout(() => reject(new Error('sandbox did not print its endpoint in time')), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [name, ...rest] = line.split('=');
      found[name] = rest.join('=');
      if (found.APPWRITE_ENDPOINT && found.APPWRITE_KEY) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
}

before(async () => {
  assert.ok(BIN, 'set APPWRITE_SANDBOX_BIN to the appwrite-sandbox binary');
  const env = await startSandbox();
  endpoint = env.APPWRITE_ENDPOINT;
  assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  const client = new Client().setEndpoint(endpoint).setProject(PROJECT).setKey(env.APPWRITE_KEY);
  storage = new Storage(client);
  tokens = new Tokens(client);
});

after(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

test('answers the health version with no project and no key, through the SDK client', async () => {
  // node-appwrite has no Health service method for it (the route is not in the published spec),
  // so the SDK's own client makes the call, with nothing but the endpoint, as the CLI does.
  const bare = new Client().setEndpoint(endpoint);
  const answer = await bare.call('get', new URL(`${endpoint}/health/version`));
  assert.deepEqual({ ...answer }, { version: '1.8.1' });
});

test('creates a bucket', async () => {
  const bucket = await storage.createBucket({ bucketId: ID.unique(), name: 'SDK check', fileSecurity: false });
  assert.match(bucket.$id, /^[0-9a-f]{20}$/);
  assert.equal(bucket.name, 'SDK check');
  assert.equal(bucket.maximumFileSize, 30000000);
  bucketId = bucket.$id;
  const got = await storage.getBucket({ bucketId });
  assert.equal(got.$id, bucketId);
});

test('uploads a small file in one request', async () => {
  smallFile = await storage.createFile({
    bucketId,
    fileId: ID.unique(),
    file: InputFile.fromBuffer(Buffer.from('hello from the sdk\n'), 'hello.txt'),
  });
  assert.equal(smallFile.name, 'hello.txt');
  assert.equal(smallFile.sizeOriginal, 19);
  assert.equal(smallFile.chunksTotal, 1);
  assert.equal(smallFile.chunksUploaded, 1);
  assert.equal(smallFile.mimeType, 'text/plain');
  assert.equal(smallFile.signature, createHash('md5').update('hello from the sdk\n').digest('hex'));
});

test('uploads a file over 5 MiB in chunks', async () => {
  bigFile = await storage.createFile({
    bucketId,
    fileId: 'big-file',
    file: InputFile.fromBuffer(bigBytes, 'big.bin'),
  });
  assert.equal(bigFile.$id, 'big-file');
  assert.equal(bigFile.sizeOriginal, bigBytes.length);
  assert.equal(bigFile.chunksTotal, 3);
  assert.equal(bigFile.chunksUploaded, 3);
  assert.equal(bigFile.signature, createHash('md5').update(bigBytes).digest('hex'));
  const bytes = Buffer.from(await storage.getFileDownload({ bucketId, fileId: 'big-file' }));
  assert.ok(bytes.equals(bigBytes), 'downloaded bytes equal the uploaded ones');
});

test('lists and gets files', async () => {
  const all = await storage.listFiles({ bucketId });
  assert.equal(all.total, 2);
  assert.deepEqual(all.files.map((f) => f.$id), [smallFile.$id, 'big-file']);
  const some = await storage.listFiles({ bucketId, queries: [Query.equal('name', 'big.bin'), Query.limit(5)] });
  assert.equal(some.total, 1);
  assert.equal(some.files[0].$id, 'big-file');
  const page = await storage.listFiles({ bucketId, queries: [Query.cursorAfter(smallFile.$id)] });
  assert.deepEqual(page.files.map((f) => f.$id), ['big-file']);
  const found = await storage.listFiles({ bucketId, search: 'hello' });
  assert.deepEqual(found.files.map((f) => f.$id), [smallFile.$id]);
  const file = await storage.getFile({ bucketId, fileId: smallFile.$id });
  assert.equal(file.signature, smallFile.signature);
});

test('creates, lists, gets, updates and deletes tokens; share links follow them', async () => {
  const fileId = smallFile.$id;
  const expire = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
  const token = await tokens.createFileToken({ bucketId, fileId, expire });
  assert.match(token.$id, /^[0-9a-f]{20}$/);
  assert.equal(token.resourceId, `${bucketId}:${fileId}`);
  assert.equal(token.resourceType, 'files');
  assert.equal(token.accessedAt, '');
  assert.equal(new Date(token.expire).getTime(), new Date(expire).getTime());
  assert.equal(token.secret.split('.').length, 3);

  const forever = await tokens.createFileToken({ bucketId, fileId });
  assert.equal(forever.expire, '');

  const list = await tokens.list({ bucketId, fileId });
  assert.equal(list.total, 2);
  assert.deepEqual(list.tokens.map((t) => t.$id), [token.$id, forever.$id]);
  const limited = await tokens.list({ bucketId, fileId, queries: [Query.limit(1)] });
  assert.equal(limited.tokens.length, 1);

  const got = await tokens.get({ tokenId: token.$id });
  assert.equal(got.$id, token.$id);

  const link = `${endpoint}/storage/buckets/${bucketId}/files/${fileId}/view?project=${PROJECT}&token=${got.secret}`;
  const shared = await fetch(link);
  assert.equal(shared.status, 200);
  assert.equal(await shared.text(), 'hello from the sdk\n');
  assert.equal(shared.headers.get('content-disposition'), 'inline; filename="hello.txt"');
  const used = await tokens.get({ tokenId: token.$id });
  assert.notEqual(used.accessedAt, '');

  const cleared = await tokens.update({ tokenId: token.$id });
  assert.equal(cleared.expire, '');
  const later = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  const moved = await tokens.update({ tokenId: token.$id, expire: later });
  assert.equal(new Date(moved.expire).getTime(), new Date(later).getTime());

  await tokens.delete({ tokenId: token.$id });
  const gone = await fetch(link);
  assert.equal(gone.status, 401);
  assert.equal((await gone.json()).type, 'user_unauthorized');
  await assert.rejects(tokens.get({ tokenId: token.$id }), (e) => {
    assert.ok(e instanceof AppwriteException);
    assert.equal(e.code, 404);
    assert.equal(e.type, 'token_not_found');
    return true;
  });
});

test('refuses an expiry in the past with the documented error', async () => {
  await assert.rejects(
    tokens.createFileToken({ bucketId, fileId: smallFile.$id, expire: '2001-01-01T00:00:00.000+00:00' }),
    (e) => e.code === 400 && e.type === 'general_argument_invalid',
  );
});

test('deletes files and the bucket', async () => {
  await storage.deleteFile({ bucketId, fileId: 'big-file' });
  const left = await storage.listFiles({ bucketId });
  assert.equal(left.total, 1);
  await storage.deleteBucket({ bucketId });
  await assert.rejects(storage.getBucket({ bucketId }), (e) => e.type === 'storage_bucket_not_found');
});
