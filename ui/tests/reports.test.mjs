// Unit tests for lib/reports.js: the certificate offer after a failed test, and what bulk links, a
// delete and an import report, branching on codes and never showing "null" or "undefined".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  certificatePrompt, scopeLines, bulkLinksReport, deleteOutcome, importSummary, expiryEditNotice, mergeBulkAnswers,
} from '../lib/reports.js';

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const cert = { sha256: FP, subject: 'CN=files.example', issuer: 'CN=files.example', notAfter: '2027-01-05T13:00:00Z', trusted: false };

/** Every string anywhere in `value`. */
function strings(value) {
  if (typeof value === 'string') return [value];
  if (value instanceof Set) return [...value].flatMap(strings);
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
function assertReadable(value) {
  for (const s of strings(value)) assert.doesNotMatch(s, /\b(null|undefined|NaN)\b|\[object/, s);
}

test('an untrusted certificate is offered with its facts and "Trust this certificate"', () => {
  const p = certificatePrompt({ ok: false, message: 'untrusted', checks: [], certificate: cert, code: 'untrusted_certificate' });
  assert.equal(p.button, 'Trust this certificate');
  assert.equal(p.changed, false);
  assert.equal(p.fingerprint, FP);
  assert.deepEqual(p.facts.map(([label]) => label), ['Subject', 'Issuer', 'Expires']);
  assert.equal(p.facts[0][1], 'CN=files.example');
  assert.match(p.facts[2][1], /2027/);
});

test('a changed certificate says it differs from the trusted one and offers "Trust the new certificate"', () => {
  const p = certificatePrompt({ ok: false, message: 'changed', checks: [], certificate: cert, code: 'certificate_changed' });
  assert.equal(p.button, 'Trust the new certificate');
  assert.equal(p.changed, true);
  assert.match(p.heading, /not the one you trusted/);
});

test('nothing is offered when the test passed, failed otherwise, or has no certificate', () => {
  assert.equal(certificatePrompt({ ok: true, certificate: cert, code: null }), null);
  assert.equal(certificatePrompt({ ok: false, certificate: cert, code: 'invalid_key' }), null);
  assert.equal(certificatePrompt({ ok: false, certificate: null, code: 'untrusted_certificate' }), null);
  assert.equal(certificatePrompt({ ok: false, code: 'untrusted_certificate' }), null);
  assert.equal(certificatePrompt(null), null);
});

test('a certificate with missing facts reads as dashes, never as null', () => {
  const p = certificatePrompt({ ok: false, certificate: { sha256: FP, subject: null, issuer: undefined, notAfter: null },
    code: 'untrusted_certificate' });
  assert.deepEqual(p.facts.map(([, v]) => v), ['—', '—', '—']);
  assertReadable(p);
});

test('scope checks read as ticks and crosses', () => {
  assert.deepEqual(scopeLines([{ scope: 'files.read', ok: true }, { scope: 'tokens.write', ok: false }]).map((c) => c.line),
    ['✓ files.read', '✗ tokens.write missing']);
  assert.deepEqual(scopeLines(undefined), []);
});

test('bulk links report answer-lost links and failures by file name', () => {
  const names = new Map([['f1', 'a.png'], ['f2', 'b.txt']]);
  const r = bulkLinksReport({
    created: [{ fileId: 'f1', tokenId: 't1', answerLost: false }, { fileId: 'f3', tokenId: 't3', answerLost: true }],
    failures: [{ fileId: 'f2', code: 'missing_scope', message: 'The key lacks files.read: add it.' }],
    copied: 2,
  }, names);
  assert.equal(r.lost, 1);
  assert.match(r.summary, /^Created 2 links; 2 links copied to the clipboard, one per line\. 1 link was made though/);
  assert.deepEqual(r.failures, [{ fileId: 'f2', code: 'missing_scope', line: 'b.txt: The key lacks files.read: add it.' }]);
  assert.deepEqual(r.toast, { message: '2 links copied', kind: 'warn', detail: '1 file failed; retry them or see the list.' });
  assert.deepEqual(r.retry, ['f2'], 'the failed files, to retry');
});

test('the bulk summary says in which format the links were copied, and how many a retry made', () => {
  const answer = { created: [{ fileId: 'f1', tokenId: 't1' }, { fileId: 'f2', tokenId: 't2' }], failures: [], copied: 2 };
  assert.match(bulkLinksReport(answer, new Map(), { format: 'markdown' }).summary,
    /^Created 2 links; 2 links copied to the clipboard, as a Markdown list\.$/);
  assert.match(bulkLinksReport(answer, new Map(), { format: 'nameLink' }).summary, /one “name — link” per line\.$/);
  assert.match(bulkLinksReport(answer, new Map(), { retried: 1 }).summary, /^Created 2 links \(1 on retry\); 2 links copied/);
  assert.deepEqual(bulkLinksReport(answer).retry, []);
});

test('a retry joins the first run: every link made, in the files’ order, and the failures left', () => {
  const first = {
    created: [{ fileId: 'f3', tokenId: 't3', answerLost: false }],
    failures: [{ fileId: 'f1', code: 'network', message: 'Offline.' }, { fileId: 'f2', code: 'network', message: 'Offline.' }],
    copied: 1,
  };
  const retry = {
    created: [{ fileId: 'f1', tokenId: 't1', answerLost: false }],
    failures: [{ fileId: 'f2', code: 'not_found', message: 'No such file.' }],
    copied: 1,
  };
  const merged = mergeBulkAnswers(first, retry, ['f1', 'f2', 'f3']);
  assert.deepEqual(merged.created.map((c) => c.tokenId), ['t1', 't3']);
  assert.deepEqual(merged.failures.map((f) => f.fileId), ['f2']);
  assert.equal(merged.copied, 1, 'what the retry copied, until all are copied again');
  assertReadable(bulkLinksReport(mergeBulkAnswers(null, { created: null, failures: null, copied: null })));
});

test('bulk links that all worked are a success, and lost answers alone a warning', () => {
  const ok = bulkLinksReport({ created: [{ fileId: 'f', tokenId: 't', answerLost: false }], failures: [], copied: 1 });
  assert.equal(ok.toast.kind, 'success');
  assert.equal(ok.toast.detail, null);
  const lost = bulkLinksReport({ created: [{ fileId: 'f', tokenId: 't', answerLost: true }], failures: [], copied: 1 });
  assert.equal(lost.toast.kind, 'warn');
  assert.match(lost.toast.detail, /1 answer lost/);
});

test('a bulk report with missing parts still reads', () => {
  assertReadable(bulkLinksReport({ created: [{ fileId: null }], failures: [{ fileId: null, code: null, message: null }] }));
  assertReadable(bulkLinksReport(undefined));
});

test('a delete removes the deleted tokens and those the server no longer has', () => {
  const { gone, toasts } = deleteOutcome({
    deleted: ['a'],
    failures: [{ id: 'b', code: 'not_found', message: 'no such token' }, { id: 'c', code: 'missing_scope', message: 'Add tokens.write.' }],
  });
  assert.deepEqual([...gone].sort(), ['a', 'b']);
  assert.deepEqual(toasts.map((t) => [t.message, t.kind]), [['2 tokens deleted', 'success'], ['1 token could not be deleted', 'error']]);
  assert.match(toasts[0].detail, /already gone/);
  assert.equal(toasts[1].detail, 'Add tokens.write.');
});

test('a delete that only failed says so, in Rust’s words, and one deleted token reads singular', () => {
  assert.deepEqual(deleteOutcome({ deleted: [], failures: [{ id: 'x', code: 'network', message: 'Offline.' }] }).toasts,
    [{ message: '1 token could not be deleted', kind: 'error', detail: 'Offline.' }]);
  assert.equal(deleteOutcome({ deleted: ['x'], failures: [] }).toasts[0].message, 'Token deleted');
  assertReadable(deleteOutcome({ deleted: [], failures: [{ id: null, code: null, message: null }] }));
});

test('an import names skipped entries and the projects whose certificate trust was reset', () => {
  const s = importSummary({
    imported: [{ id: 'n1', name: 'Shop' }, { id: 'n2', name: 'Self' }],
    skipped: [{ position: 3, name: null, reason: 'it has no endpoint' }, { index: 4, name: 'Old', reason: 'bad id' }],
    trustReset: ['Self'],
    insecureHttp: ['Lab'],
  });
  assert.equal(s.message, 'Imported 2 projects');
  assert.equal(s.kind, 'warn');
  assert.match(s.detail, /Skipped 2: entry 3: it has no endpoint; Old: bad id\./);
  assert.match(s.detail, /Certificate trust was reset for: Self; test each connection to trust its certificate again\./);
  assert.match(s.detail, /without encryption, as the file chose: Lab\./);
  assertReadable(s);
});

test('a clean import is a success that says to add the keys', () => {
  const s = importSummary({ imported: [{ id: 'n1', name: 'Shop' }], skipped: [], trustReset: [], insecureHttp: [] });
  assert.deepEqual(s, { message: 'Imported 1 project', kind: 'success', detail: 'Add each project’s API key by editing it.' });
  assert.doesNotMatch(importSummary({ imported: [], skipped: [], trustReset: [] }).detail ?? '', /trust/);
});

const NOW = Date.parse('2026-11-28T14:00:00Z');
const at = (days) => new Date(NOW + days * 86_400_000).toISOString();
const row = (expire) => ({ id: 't', createdAt: at(-10), expire, accessedAt: null });
const zone = { now: NOW, timeZone: 'UTC' };

test('extending a token says plainly that links already shared keep the old expiry, and offers a new link', () => {
  const n = expiryEditNotice(row(at(2)), row(at(30)), zone);
  assert.equal(n.change, 'extended');
  assert.equal(n.offerNewLink, true);
  assert.equal(n.message, 'Token extended — expires 28 Dec 2026 14:00 (in 30 days)');
  assert.match(n.detail, /^Links you already shared still stop working at 30 Nov 2026 14:00: Appwrite writes the expiry into each link\./);
  assert.match(n.detail, /Copy the new link/);
  assertReadable(n);
});

test('an expired token given a new expiry is an extension: its old links stay dead', () => {
  const n = expiryEditNotice(row(at(-3)), row(at(7)), zone);
  assert.equal(n.change, 'extended');
  assert.equal(n.offerNewLink, true);
  assert.match(n.detail, /stopped working at 25 Nov 2026 14:00 and stay stopped/);
});

test('making a token permanent is an extension too; giving a permanent one a date shortens it', () => {
  const forever = expiryEditNotice(row(at(2)), row(null), zone);
  assert.equal(forever.change, 'extended');
  assert.equal(forever.message, 'Token extended — never expires');
  const dated = expiryEditNotice(row(null), row(at(7)), zone);
  assert.equal(dated.change, 'shortened');
  assert.equal(dated.offerNewLink, false);
  assert.equal(dated.detail, 'Links you already shared stop working at 5 Dec 2026 14:00 too.');
});

test('shortening says links already shared are cut; no change is just an update', () => {
  const n = expiryEditNotice(row(at(30)), row(at(1)), zone);
  assert.equal(n.change, 'shortened');
  assert.equal(n.offerNewLink, false);
  assert.match(n.detail, /stop working at 29 Nov 2026 14:00 too/);
  const same = expiryEditNotice(row(at(5)), row(at(5)), zone);
  assert.deepEqual([same.change, same.kind, same.detail, same.offerNewLink], ['unchanged', 'success', null, false]);
  assert.equal(expiryEditNotice(row(null), row(null), zone).kind, 'warn', 'a link that never expires is a warning');
  assertReadable(expiryEditNotice(undefined, undefined, zone));
});
