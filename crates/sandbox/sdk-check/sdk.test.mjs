// Runs the official node-appwrite SDK, unchanged, against the appwrite-sandbox binary: the whole
// flat suite against a sandbox emulating the newest server and one emulating 1.8.1
// (`--emulate 1.8.1`), then folders on the newest one and their refusal on 1.8.1.
// The binary's path comes from APPWRITE_SANDBOX_BIN; its endpoint and key from its stdout.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createHash, randomBytes } from 'node:crypto';
import { Client, Storage, Tokens, ID, Query, AppwriteException } from 'node-appwrite';
import { InputFile } from 'node-appwrite/file';

const BIN = process.env.APPWRITE_SANDBOX_BIN;
const PROJECT = 'sdkcheck';
const bigBytes = randomBytes(12 * 1024 * 1024 + 123);

function startSandbox(emulate) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['--seed', 'empty', '--project', PROJECT, '--emulate', emulate], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.on('error', reject);
    const found = {};
    const timer = setTimeout(() => reject(new Error('sandbox did not print its endpoint in time')), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [name, ...rest] = line.split('=');
      found[name] = rest.join('=');
      if (found.APPWRITE_ENDPOINT && found.APPWRITE_KEY) {
        clearTimeout(timer);
        resolve({ child, env: found });
      }
    });
  });
}

async function stopSandbox(child) {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

for (const emulate of ['newest', '1.8.1']) {
  describe(`against a sandbox emulating ${emulate}`, () => {
    const version = emulate === 'newest' ? '2.5.0' : '1.8.1';
    let child;
    let client;
    let endpoint;
    let storage;
    let tokens;
    let bucketId;
    let smallFile;
    let bigFile;

    // Creates a file through the SDK's own upload path (the one createFile takes: one request
    // up to 5 MiB, then 5 MiB chunks), with the `folder` param this SDK version does not know.
    const uploadInFolder = (bucket, fileId, folder, name, bytes) =>
      client.chunkedUpload(
        'post',
        new URL(`${endpoint}/storage/buckets/${bucket}/files`),
        { 'X-Appwrite-Project': PROJECT, 'content-type': 'multipart/form-data', accept: 'application/json' },
        { fileId, file: InputFile.fromBuffer(bytes, name), folder },
      );

    before(async () => {
      assert.ok(BIN, 'set APPWRITE_SANDBOX_BIN to the appwrite-sandbox binary');
      const started = await startSandbox(emulate);
      child = started.child;
      endpoint = started.env.APPWRITE_ENDPOINT;
      assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      client = new Client().setEndpoint(endpoint).setProject(PROJECT).setKey(started.env.APPWRITE_KEY);
      storage = new Storage(client);
      tokens = new Tokens(client);
    });

    after(async () => {
      await stopSandbox(child);
    });

    test('answers the health version with no project and no key, through the SDK client', async () => {
      // node-appwrite has no Health service method for it (the route is not in the published spec),
      // so the SDK's own client makes the call, with nothing but the endpoint, as the CLI does.
      const bare = new Client().setEndpoint(endpoint);
      const answer = await bare.call('get', new URL(`${endpoint}/health/version`));
      assert.deepEqual({ ...answer }, { version });
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
      if (emulate === 'newest') {
        assert.equal(smallFile.folder, '', 'at the bucket root');
        assert.equal(smallFile.key, 'hello.txt');
      } else {
        assert.equal(smallFile.folder, undefined, 'a 1.8.1 file has no folder');
        assert.equal(smallFile.key, undefined);
      }
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

    if (emulate === 'newest') {
      describe('folders', () => {
        const folders = 'folders';
        const summer = [];

        before(async () => {
          await storage.createBucket({ bucketId: folders, name: 'Folders' });
        });

        test('creates files in folders through the SDK upload path, in one request and in chunks', async () => {
          const beach = await uploadInFolder(folders, 'beach', '2026/summer', 'beach.png', Buffer.from('sand'));
          assert.equal(beach.folder, '2026/summer/');
          assert.equal(beach.key, '2026/summer/beach.png');
          summer.push(beach.$id);
          const harbour = await uploadInFolder(folders, 'harbour', '2026/summer/', 'harbour.jpg', Buffer.from('boats'));
          summer.push(harbour.$id);
          await uploadInFolder(folders, 'plan', '2026', 'plan.txt', Buffer.from('plan'));
          await uploadInFolder(folders, 'winter', '2025', 'winter.png', Buffer.from('snow'));
          await storage.createFile({ bucketId: folders, fileId: 'top', file: InputFile.fromBuffer(Buffer.from('top'), 'top.txt') });

          // Every chunk carries the folder, as the SDK sends every param with every chunk.
          const big = await uploadInFolder(folders, 'big-backup', 'backups/2026/', 'big.bin', bigBytes);
          assert.equal(big.chunksTotal, 3);
          assert.equal(big.chunksUploaded, 3);
          assert.equal(big.key, 'backups/2026/big.bin');
          const got = await storage.getFile({ bucketId: folders, fileId: 'big-backup' });
          assert.equal(got.folder, 'backups/2026/');
          const bytes = Buffer.from(await storage.getFileDownload({ bucketId: folders, fileId: 'big-backup' }));
          assert.ok(bytes.equals(bigBytes), 'downloaded bytes equal the uploaded ones');

          await assert.rejects(uploadInFolder(folders, 'bad', '/absolute', 'bad.txt', Buffer.from('x')), (e) => {
            assert.ok(e instanceof AppwriteException);
            assert.equal(e.code, 400);
            assert.equal(e.type, 'general_argument_invalid');
            assert.match(e.message, /^Invalid `folder` param: /);
            return true;
          });
        });

        test('lists one folder with Query.equal and a subtree with Query.startsWith', async () => {
          const ids = (list) => list.files.map((f) => f.$id);
          const one = await storage.listFiles({ bucketId: folders, queries: [Query.equal('folder', '2026/summer/')] });
          assert.equal(one.total, 2);
          assert.deepEqual(ids(one), summer);
          const own = await storage.listFiles({ bucketId: folders, queries: [Query.equal('folder', '2026/')] });
          assert.deepEqual(ids(own), ['plan']);
          const subtree = await storage.listFiles({ bucketId: folders, queries: [Query.startsWith('folder', '2026/')] });
          assert.deepEqual(ids(subtree), [...summer, 'plan']);
          const root = await storage.listFiles({ bucketId: folders, queries: [Query.equal('folder', '')] });
          assert.deepEqual(ids(root), ['top']);
          const searched = await storage.listFiles({
            bucketId: folders,
            queries: [Query.startsWith('folder', '2026/')],
            search: 'harbour',
          });
          assert.deepEqual(ids(searched), ['harbour']);
        });

        test('answers only the selected attributes with Query.select', async () => {
          const list = await storage.listFiles({ bucketId: folders, queries: [Query.select(['folder']), Query.limit(100)] });
          assert.equal(list.total, 6);
          for (const f of list.files) {
            assert.deepEqual(Object.keys(f).sort(), ['$id', 'bucketId', 'folder']);
          }
          const names = list.files.map((f) => f.folder).sort();
          assert.deepEqual(names, ['', '2025/', '2026/', '2026/summer/', '2026/summer/', 'backups/2026/']);
        });

        test('keeps a bucket description sent through the SDK client', async () => {
          const created = await client.call(
            'post',
            new URL(`${endpoint}/storage/buckets`),
            { 'X-Appwrite-Project': PROJECT, 'content-type': 'application/json' },
            { bucketId: 'described', name: 'Described', description: 'Holiday photos', stripMetadata: true },
          );
          assert.equal(created.description, 'Holiday photos');
          const got = await storage.getBucket({ bucketId: 'described' });
          assert.equal(got.description, 'Holiday photos');
          assert.equal(got.stripMetadata, true);
          assert.equal(got.totalSize, 0);
        });
      });
    } else {
      describe('a flat server', () => {
        const flat = 'flat';

        before(async () => {
          await storage.createBucket({ bucketId: flat, name: 'Flat' });
        });

        test('ignores a folder param: every file is in the one flat bucket', async () => {
          const file = await uploadInFolder(flat, 'f', '2026/summer', 'beach.png', Buffer.from('sand'));
          assert.equal(file.folder, undefined);
          assert.equal(file.key, undefined);
          const big = await uploadInFolder(flat, 'big', 'backups/', 'big.bin', bigBytes);
          assert.equal(big.chunksUploaded, 3);
          const all = await storage.listFiles({ bucketId: flat });
          assert.equal(all.total, 2);
          const bucket = await storage.getBucket({ bucketId: flat });
          assert.equal(bucket.totalSize, undefined);
          assert.equal(bucket.description, undefined);
        });

        test('refuses a query on folder as 1.8.1 does', async () => {
          await assert.rejects(storage.listFiles({ bucketId: flat, queries: [Query.equal('folder', '')] }), (e) => {
            assert.ok(e instanceof AppwriteException);
            assert.equal(e.code, 400);
            assert.equal(e.type, 'general_argument_invalid');
            assert.equal(e.message, 'Invalid `queries` param: Invalid query: Attribute not found in schema: folder');
            return true;
          });
        });
      });
    }
  });
}
