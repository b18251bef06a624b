// Multi-selection rules shared by the file list and the token table: click, Ctrl-click,
// Shift-click.

/**
 * The ids between `anchorId` and `targetId` inclusive, in list order (just the target if the anchor
 * is gone).
 */
export function rangeBetween(ids, anchorId, targetId) {
  const a = ids.indexOf(anchorId);
  const b = ids.indexOf(targetId);
  if (b < 0) return [];
  if (a < 0) return [targetId];
  return ids.slice(Math.min(a, b), Math.max(a, b) + 1);
}

/**
 * The selection after a click on `id`: `toggle` (a checkbox or Ctrl/Cmd) adds or removes it,
 * `shift` adds the range from the anchor, and a plain click selects only it. Returns the new
 * selection and anchor.
 */
export function applyClick({ selection, anchor, ids, id, shift = false, toggle = false }) {
  if (shift && anchor !== null && anchor !== undefined) {
    const next = new Set(selection);
    for (const each of rangeBetween(ids, anchor, id)) next.add(each);
    return { selection: next, anchor };
  }
  if (toggle) {
    const next = new Set(selection);
    if (next.has(id)) next.delete(id); else next.add(id);
    return { selection: next, anchor: id };
  }
  return { selection: new Set([id]), anchor: id };
}

/** The selection without ids that are no longer listed. */
export function keepListed(selection, ids) {
  const listed = new Set(ids);
  return new Set([...selection].filter((id) => listed.has(id)));
}

/**
 * The token table's selection after a token was created or edited: the rows the user ticked, as
 * they were, and the cursor (focus, `c`) on the saved row. Saving never ticks a row, so "Delete
 * selected" can't take a token the user only edited.
 */
export function afterSave(selection, savedId) {
  return { selection: new Set(selection), cursor: savedId };
}

/** What "Delete selected" and the Delete key delete: the listed tokens the user ticked, no others. */
export function tickedTokens(tokens, selection) {
  return tokens.filter((t) => selection.has(t.id));
}
