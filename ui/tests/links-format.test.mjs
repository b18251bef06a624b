// Unit tests for lib/links-format.js: the clipboard text of each "Create links" format, which Rust
// must write exactly (tests/fixtures/shared-rules.json holds both sides to it). The choice itself
// is a setting (settings.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LINKS_FORMATS, DEFAULT_LINKS_FORMAT, linksFormat, linkLines } from '../lib/links-format.js';

const A = 'http://127.0.0.1:4000/v1/storage/buckets/documents/files/notes-txt/view?project=demo&token=h.b.s';
const B = 'http://127.0.0.1:4000/v1/storage/buckets/documents/files/sales-csv/view?project=demo&token=h.b.t';
const items = [{ name: 'meeting-notes.txt', link: A }, { name: 'sales-2025.csv', link: B }];

test('three formats, links only first and by default, with the values Rust receives', () => {
  assert.deepEqual(LINKS_FORMATS.map((f) => [f.format, f.label]),
    [['links', 'Links only'], ['nameLink', 'Name — link'], ['markdown', 'Markdown list']]);
  assert.equal(DEFAULT_LINKS_FORMAT, 'links');
  assert.equal(linksFormat('nope').format, 'links');
});

test('links only: one link per line, no newline at the end', () => {
  assert.equal(linkLines('links', items), `${A}\n${B}`);
  assert.equal(linkLines('links', []), '');
});

test('name — link: the file name, an em dash between spaces, the link', () => {
  assert.equal(linkLines('nameLink', items), `meeting-notes.txt — ${A}\nsales-2025.csv — ${B}`);
});

test('Markdown: a list of links named after the files', () => {
  assert.equal(linkLines('markdown', items), `- [meeting-notes.txt](${A})\n- [sales-2025.csv](${B})`);
});

test('a name or link that would break its line or the Markdown is made safe', () => {
  const odd = [{ name: 'a [draft]\\x\nv2\t.txt', link: 'http://h/v1/f (1)/view?token=t' }];
  assert.equal(linkLines('markdown', odd), '- [a \\[draft\\]\\\\x v2 .txt](http://h/v1/f%20%281%29/view?token=t)');
  assert.equal(linkLines('nameLink', odd), 'a [draft]\\x v2 .txt — http://h/v1/f (1)/view?token=t');
});

test('every clipboard text Rust shares with the UI (tests/fixtures/shared-rules.json)', () => {
  const { linkLines: cases } = JSON.parse(readFileSync(new URL('./fixtures/shared-rules.json', import.meta.url), 'utf8'));
  assert.ok(cases.length >= 6);
  for (const c of cases) assert.equal(linkLines(c.format, c.items), c.text, `${c.format}: ${JSON.stringify(c.items)}`);
});
