// Deleting files: the question that names how many tokens each file has (their links stop
// working), and what people read about the answer. Built from Rust's answers, branching on codes
// only.

import { plural } from './format.js';

/** Files listed by name in the question, at most; the rest are counted. */
const SHOWN = 8;

/**
 * The confirmation for deleting the files of `summary` ([{fileId, name, tokens}], from
 * delete_summary): {title, message, items, detail}.
 */
export function deleteQuestion(summary) {
  const files = summary ?? [];
  const one = files.length === 1;
  const tokens = files.reduce((n, f) => n + (Number(f.tokens) || 0), 0);
  const shown = files.length > SHOWN ? files.slice(0, SHOWN - 1) : files;
  const items = shown.map((f) => `${f.name ?? f.fileId}: ${Number(f.tokens) ? plural(Number(f.tokens), 'token') : 'no tokens'}`);
  if (files.length > shown.length) {
    const rest = files.slice(shown.length);
    const restTokens = rest.reduce((n, f) => n + (Number(f.tokens) || 0), 0);
    items.push(`and ${plural(rest.length, 'more file')} with ${plural(restTokens, 'token')}`);
  }
  let links;
  if (!tokens) links = one ? 'It has no tokens, so no shared link stops working.' : 'None of them has a token, so no shared link stops working.';
  else if (one) links = `Its ${plural(tokens, 'token')} ${tokens === 1 ? 'goes' : 'go'} with it: ${tokens === 1 ? 'its link stops' : 'their links stop'} working at once.`;
  else links = `${plural(tokens, 'token')} ${tokens === 1 ? 'goes' : 'go'} with them: every link made with ${tokens === 1 ? 'it' : 'them'} stops working at once.`;
  return {
    title: one ? 'Delete file' : `Delete ${plural(files.length, 'file')}`,
    message: one ? `Delete “${files[0].name ?? files[0].fileId}” from the bucket?` : `Delete these ${plural(files.length, 'file')} from the bucket?`,
    items,
    detail: `${links} This cannot be undone.`,
  };
}

/**
 * What a delete_files answer ({deleted: [fileId], failed: [{fileId, code, message}]}) means:
 * {gone: the ids no longer in the bucket (a file already gone counts), toasts: [{message, kind,
 * detail}]}. `names` maps ids to names.
 */
export function fileDeleteOutcome(result, names = new Map()) {
  const deleted = result?.deleted ?? [];
  const failures = result?.failed ?? [];
  const missing = failures.filter((f) => f.code === 'not_found');
  const failed = failures.filter((f) => f.code !== 'not_found');
  const gone = new Set([...deleted, ...missing.map((f) => f.fileId)]);
  const toasts = [];
  if (gone.size) {
    const only = gone.size === 1 ? names.get([...gone][0]) : null;
    toasts.push({
      message: only ? `“${only}” deleted` : `${plural(gone.size, 'file')} deleted`,
      kind: 'success',
      detail: missing.length ? `${plural(missing.length, 'file was', 'files were')} already gone from the server.` : null,
    });
  }
  if (failed.length) {
    const first = failed[0];
    toasts.push({
      message: `${plural(failed.length, 'file')} could not be deleted`,
      kind: 'error',
      detail: `${names.get(first.fileId) ?? first.fileId}: ${first.message ?? 'the server refused.'}`,
    });
  }
  return { gone, toasts };
}
