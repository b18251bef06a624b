// Unit tests for lib/drop-zones.js: a drop's place in CSS pixels, the zone it lands in, and
// whether it shares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cssPoint, zoneAt, dropShares, dropTitle } from '../lib/drop-zones.js';

const zones = [
  { name: 'upload', rect: { left: 100, top: 100, right: 300, bottom: 200 } },
  { name: 'share', rect: { left: 300, top: 100, right: 500, bottom: 200 } },
];

test('a physical position is scaled to CSS pixels, unless the platform already gives logical ones', () => {
  assert.deepEqual(cssPoint({ x: 400, y: 300 }, { scale: 2 }), { x: 200, y: 150 });
  assert.deepEqual(cssPoint({ x: 400, y: 300 }, { scale: 2, logical: true }), { x: 400, y: 300 });
  assert.deepEqual(cssPoint({ x: 10, y: 20 }, { scale: 0 }), { x: 10, y: 20 });
  assert.equal(cssPoint(null), null);
  assert.equal(cssPoint({ x: 'a', y: 1 }), null);
});

test('the zone under the point decides; an edge belongs to the zone it starts', () => {
  assert.equal(zoneAt({ x: 150, y: 150 }, zones), 'upload');
  assert.equal(zoneAt({ x: 300, y: 150 }, zones), 'share');
  assert.equal(zoneAt({ x: 50, y: 150 }, zones), null);
  assert.equal(zoneAt(null, zones), null);
  assert.equal(zoneAt({ x: 150, y: 150 }, [{ name: 'gone', rect: null }]), null);
});

test('the share zone always shares, the upload zone never, elsewhere the toggle says', () => {
  assert.equal(dropShares('share', false), true);
  assert.equal(dropShares('upload', true), false);
  assert.equal(dropShares(null, true), true);
  assert.equal(dropShares(null, false), false);
});

test('the drop target counts what is dragged when it knows', () => {
  assert.equal(dropTitle(3, 'Documents'), 'Drop these 3 items to upload into Documents');
  assert.equal(dropTitle(1, 'Documents'), 'Drop this item to upload into Documents');
  assert.equal(dropTitle(null, 'Documents'), 'Drop files to upload into Documents');
});
