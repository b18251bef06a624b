// Unit tests for lib/link-kinds.js: the one list of link kinds, and no other copy of it in the UI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { LINK_KINDS, DEFAULT_LINK_KIND, linkKindLabel } from '../lib/link-kinds.js';

test('the kinds are the backend values, in menu order, with their labels', () => {
  assert.deepEqual(LINK_KINDS.map((k) => [k.kind, k.label]), [['preview', 'Preview'], ['view', 'View'], ['download', 'Download']]);
  assert.equal(linkKindLabel('download'), 'Download');
  assert.equal(linkKindLabel(undefined), 'Link');
  assert.equal(DEFAULT_LINK_KIND, 'view');
});

test('no view or component lists the kinds again', () => {
  for (const dir of ['views', 'components']) {
    for (const file of readdirSync(new URL(`../${dir}/`, import.meta.url))) {
      const source = readFileSync(new URL(`../${dir}/${file}`, import.meta.url), 'utf8');
      assert.doesNotMatch(source, /'(preview|download)'/, `${dir}/${file}`);
    }
  }
});
