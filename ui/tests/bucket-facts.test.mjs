// Unit tests for lib/bucket-facts.js: the bucket details say "5,000+" for a capped count, the size
// only where the server reports it, and each setting in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketFacts, bucketLine } from '../lib/bucket-facts.js';

const details = {
  id: 'scale-10k', name: 'Scale', fileCount: 5000, fileCountCapped: true, totalSize: 1_234_567,
  maximumFileSize: 30_000_000, allowedFileExtensions: [], fileSecurity: false, encryption: true,
  antivirus: false, transformations: true, compression: 'none', enabled: true,
  createdAt: '2026-01-05T14:03:00.000+00:00',
};
const byName = (d) => Object.fromEntries(bucketFacts(d).map((f) => [f.name, f]));

test('every detail the issue lists is there, in words', () => {
  const f = byName(details);
  for (const name of ['id', 'files', 'total-size', 'maximum-file-size', 'extensions', 'file-security',
    'encryption', 'antivirus', 'transformations']) {
    assert.ok(f[name], name);
  }
  assert.equal(f.id.value, 'scale-10k');
  assert.equal(f['total-size'].value, '1.2 MB');
  assert.equal(f['maximum-file-size'].value, '30 MB');
  assert.equal(f.extensions.value, 'Any');
  assert.deepEqual([f['file-security'].value, f.encryption.value, f.antivirus.value, f.transformations.value],
    ['Off', 'On', 'Off', 'On']);
});

test('a capped count reads 5,000+, an exact one as it is, and the flag wins over the number', () => {
  assert.equal(byName(details).files.value, '5,000+');
  assert.equal(byName({ ...details, fileCount: 12, fileCountCapped: false }).files.value, '12');
  assert.equal(byName({ ...details, fileCount: 5000, fileCountCapped: false }).files.value, '5,000');
  assert.equal(byName({ ...details, fileCount: 5000, fileCountCapped: undefined }).files.value, '5,000+');
});

test('a server that does not report the size says so, and extensions are listed', () => {
  const f = byName({ ...details, totalSize: null, allowedFileExtensions: ['png', 'jpg'] });
  assert.equal(f['total-size'].value, 'Not reported');
  assert.match(f['total-size'].title, /1\.9/);
  assert.equal(f.extensions.value, 'png, jpg');
  assert.equal(byName({ ...details, totalSize: undefined })['total-size'].value, 'Not reported');
});

test('a description the server sends is among the details, after the name; none, or a blank one, is left out', () => {
  const names = (d) => bucketFacts(d).map((f) => f.name);
  assert.deepEqual(names({ ...details, description: 'Holiday photos' }).slice(0, 3), ['id', 'name', 'description']);
  assert.equal(byName({ ...details, description: 'Holiday photos' }).description.value, 'Holiday photos');
  assert.ok(!names({ ...details, description: null }).includes('description'));
  assert.ok(!names({ ...details, description: '  ' }).includes('description'));
  assert.ok(!names(details).includes('description'), 'an older server sends none');
});

test('a bucket\'s line shows its description and its size only where the server sends them', () => {
  assert.deepEqual(bucketLine({ name: 'Photos', description: 'Holiday photos', totalSize: 1_234_567 }),
    { description: 'Holiday photos', size: '1.2 MB', sizeTitle: '1,234,567 bytes in all its files' });
  assert.deepEqual(bucketLine({ name: 'Photos', description: null, totalSize: null }),
    { description: null, size: null, sizeTitle: null });
  assert.deepEqual(bucketLine({ name: 'Photos' }), { description: null, size: null, sizeTitle: null }, 'Appwrite 1.8');
  assert.equal(bucketLine({ name: 'Empty', totalSize: 0 }).size, '0 B', 'an empty bucket still has a size');
});
