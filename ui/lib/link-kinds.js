// The kinds of share link (how the link opens the file) and the names people read for them: the one
// list the project editor, the link menu, bulk links and the toasts all use.

export const LINK_KINDS = [
  { kind: 'preview', label: 'Preview' },
  { kind: 'view', label: 'View' },
  { kind: 'download', label: 'Download' },
];

/** The kind a project copies on a plain click when it names none. */
export const DEFAULT_LINK_KIND = 'view';

/** "Preview", "View", "Download"; "Link" for anything unknown. */
export function linkKindLabel(kind) {
  return LINK_KINDS.find((k) => k.kind === kind)?.label ?? 'Link';
}
