// What people read about the outcome of a connection test, bulk links, a delete and an import:
// built from Rust's answers, branching on error codes only, and never showing "null" or
// "undefined".

import { formatCount, formatDateTime, formatExpiryPhrase, plural } from './format.js';
import { DEFAULT_LINKS_FORMAT, linksFormat } from './links-format.js';

const text = (value, missing = '—') =>
  (value === null || value === undefined || value === '' ? missing : String(value));

/** The codes of a connection test that a certificate the user trusts would fix. */
const CERTIFICATE_CODES = ['untrusted_certificate', 'certificate_changed'];

/**
 * What the editor offers after a Test connection that failed on the server's certificate:
 * {changed, heading, explanation, button, fingerprint, facts: [[label, value]]}, or null when there
 * is no certificate to trust.
 */
export function certificatePrompt(result) {
  const cert = result?.certificate;
  if (!result || result.ok || !cert || !cert.sha256 || !CERTIFICATE_CODES.includes(result.code)) return null;
  const changed = result.code === 'certificate_changed';
  return {
    changed,
    heading: changed
      ? 'The server’s certificate is not the one you trusted.'
      : 'This computer does not trust the server’s certificate.',
    explanation: changed
      ? 'Trust the new one only if you replaced the server’s certificate yourself; otherwise someone '
        + 'between you and the server may be reading the connection.'
      : 'If this is your own server, check that the fingerprint matches its certificate, then trust it: '
        + 'from then on only this certificate is accepted.',
    button: changed ? 'Trust the new certificate' : 'Trust this certificate',
    fingerprint: cert.sha256,
    facts: [
      ['Subject', text(cert.subject)],
      ['Issuer', text(cert.issuer)],
      ['Expires', cert.notAfter ? formatDateTime(cert.notAfter) : '—'],
    ],
  };
}

/** One line per scope check: "✓ files.read" or "✗ tokens.write missing". */
export function scopeLines(checks) {
  return (checks ?? []).map((c) => ({
    scope: text(c.scope, 'unknown scope'),
    ok: Boolean(c.ok),
    line: `${c.ok ? '✓' : '✗'} ${text(c.scope, 'unknown scope')}${c.ok ? '' : ' missing'}`,
  }));
}

/**
 * The result of "Create links" for files named by `names` (a Map of id to name), copied in
 * `format` (see lib/links-format.js): {summary, lost, failures: [{fileId, code, line}], retry:
 * the failed files' ids, toast: {message, kind, detail}}. `retried` is how many of the links were
 * made by retrying failed files.
 */
export function bulkLinksReport(answer, names = new Map(), { format = DEFAULT_LINKS_FORMAT, retried = 0 } = {}) {
  const created = answer?.created ?? [];
  const failed = answer?.failures ?? [];
  const copied = Number(answer?.copied ?? 0) || 0;
  const lost = created.filter((c) => c?.answerLost).length;
  const lostLine = lost
    ? ` ${plural(lost, 'link was', 'links were')} made though the server’s answer was lost: `
      + `Bucketdesk found ${lost === 1 ? 'it' : 'them'} by listing the files’ tokens.`
    : '';
  const failures = failed.map((f) => ({
    fileId: text(f?.fileId, ''),
    code: text(f?.code, 'internal'),
    line: `${text(names.get(f?.fileId) ?? f?.fileId, 'A file')}: ${text(f?.message, 'it failed')}`,
  }));
  let detail = null;
  if (failures.length) detail = `${plural(failures.length, 'file')} failed; retry them or see the list.`;
  else if (lost) detail = `${plural(lost, 'answer')} lost; the links were found and copied.`;
  const made = retried ? `${plural(created.length, 'link')} (${formatCount(retried)} on retry)` : plural(created.length, 'link');
  return {
    summary: `Created ${made}; ${plural(copied, 'link')} copied to the clipboard, ${linksFormat(format).summary}.${lostLine}`,
    lost,
    failures,
    retry: failures.map((f) => f.fileId).filter(Boolean),
    toast: { message: `${plural(copied, 'link')} copied`, kind: failures.length || lost ? 'warn' : 'success', detail },
  };
}

/**
 * A run of "Create links" and its retry of the failed files as one answer: every link made by
 * either, in the files' order (`fileIds`), and the failures the retry still has.
 */
export function mergeBulkAnswers(first, retry, fileIds = []) {
  const order = new Map(fileIds.map((id, i) => [id, i]));
  const created = [...(first?.created ?? []), ...(retry?.created ?? [])]
    .sort((a, b) => (order.get(a?.fileId) ?? Infinity) - (order.get(b?.fileId) ?? Infinity));
  return { created, failures: retry?.failures ?? [], copied: Number(retry?.copied ?? 0) || 0 };
}

/**
 * What a delete of tokens did: {gone, toasts}. `gone` holds the ids to take out of the table: the
 * deleted ones and those the server no longer has (`not_found`).
 */
export function deleteOutcome(result) {
  const deleted = result?.deleted ?? [];
  const failures = result?.failures ?? [];
  const missing = failures.filter((f) => f.code === 'not_found');
  const failed = failures.filter((f) => f.code !== 'not_found');
  const gone = new Set([...deleted, ...missing.map((f) => f.id)]);
  const toasts = [];
  if (deleted.length || missing.length) {
    const count = deleted.length + missing.length;
    toasts.push({
      message: count === 1 ? 'Token deleted' : `${plural(count, 'token')} deleted`,
      kind: 'success',
      detail: missing.length
        ? `${plural(missing.length, 'token was', 'tokens were')} already gone from the server.`
        : null,
    });
  }
  if (failed.length) {
    toasts.push({
      message: `${plural(failed.length, 'token')} could not be deleted`,
      kind: 'error',
      detail: text(failed[0].message, 'The server refused.'),
    });
  }
  return { gone, toasts };
}

const instant = (iso) => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? Infinity : t;
};

/**
 * The toast after "Edit expiry" changed `before` (the row as it was) into `after` (the row the
 * server answered): {change, message, kind, detail, offerNewLink}. Appwrite writes the expiry into
 * each link's secret, so a later expiry does not reach links already handed out (they still stop
 * at the old time: `offerNewLink`, to copy one that carries the new expiry), while an earlier one
 * cuts them too. `change` is `extended`, `shortened` or `unchanged`.
 */
export function expiryEditNotice(before, after, { now = Date.now(), timeZone } = {}) {
  const was = instant(before?.expire);
  const is = instant(after?.expire);
  const phrase = formatExpiryPhrase(after?.expire, { now, timeZone });
  if (is > was) {
    const old = formatDateTime(before.expire, { timeZone });
    const shared = was <= Number(now)
      ? `Links you already shared stopped working at ${old} and stay stopped`
      : `Links you already shared still stop working at ${old}`;
    return {
      change: 'extended',
      message: `Token extended — ${phrase}`,
      kind: 'warn',
      detail: `${shared}: Appwrite writes the expiry into each link. Copy the new link and share it instead.`,
      offerNewLink: true,
    };
  }
  if (is < was) {
    const cut = formatDateTime(after.expire, { timeZone });
    return {
      change: 'shortened',
      message: `Token shortened — ${phrase}`,
      kind: 'success',
      detail: `Links you already shared stop working at ${cut} too.`,
      offerNewLink: false,
    };
  }
  return {
    change: 'unchanged', message: `Token updated — ${phrase}`, kind: is === Infinity ? 'warn' : 'success', detail: null,
    offerNewLink: false,
  };
}

/** The toast after an import: {message, kind, detail}. */
export function importSummary(answer) {
  const imported = answer?.imported ?? [];
  const skipped = answer?.skipped ?? [];
  const named = (list) => (list ?? []).filter((name) => name !== null && name !== undefined).map((n) => text(n));
  const reset = named(answer?.trustReset);
  const insecure = named(answer?.insecureHttp);
  const lines = [];
  if (skipped.length) {
    const each = skipped.map((s) => {
      const name = text(s.name, `entry ${text(s.position ?? s.index, '?')}`);
      return `${name}: ${text(s.reason, 'not valid')}`;
    });
    lines.push(`Skipped ${skipped.length}: ${each.join('; ')}.`);
  }
  if (reset.length) {
    const names = reset.join(', ');
    lines.push(`Certificate trust was reset for: ${names}; test each connection to trust its certificate again.`);
  }
  if (insecure.length) {
    lines.push(`These send the API key without encryption, as the file chose: ${insecure.join(', ')}.`);
  }
  if (imported.length) lines.push('Add each project’s API key by editing it.');
  return {
    message: `Imported ${plural(imported.length, 'project')}`,
    kind: skipped.length || reset.length || insecure.length ? 'warn' : 'success',
    detail: lines.join(' ') || null,
  };
}
