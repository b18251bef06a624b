// What can be done to one file in the list, as its right-click menu offers it: the same actions as
// its row (open), its checkbox (select) and the toolbar's Create links, Download and Delete, plus
// copying its ID and, for a file whose upload has not finished, resuming it.

/**
 * The menu items for a file. `on` holds open(), toggle(), createLinks(), copyId(), and, when
 * `commands` is true, download(), remove() and resume(); `open` says whether it is the open file,
 * `selected` whether it is ticked, `selection` how many are, and `pending` whether its upload is
 * unfinished. Create links, Download and Delete act on the ticked files when this one is among
 * them, else on this one.
 */
export function fileMenuItems(on, { open = false, selected = false, selection = 0, pending = false, commands = false } = {}) {
  const many = selected && selection > 1;
  return [
    { id: 'open', label: 'Open', hint: 'Enter', disabled: open, onSelect: () => on.open() },
    { id: 'select', label: selected ? 'Unselect' : 'Select', hint: 'Space', onSelect: () => on.toggle() },
    { id: 'create-links', label: many ? `Create links (${selection})` : 'Create link', onSelect: () => on.createLinks() },
    commands && pending ? { id: 'resume', label: 'Resume upload', onSelect: () => on.resume() } : null,
    commands ? { id: 'download', label: many ? `Download (${selection})` : 'Download', onSelect: () => on.download() } : null,
    { separator: true },
    { id: 'copy-id', label: 'Copy file ID', onSelect: () => on.copyId() },
    commands ? { separator: true } : null,
    commands
      ? { id: 'delete', label: many ? `Delete ${selection} files` : 'Delete file', hint: 'Del', danger: true, onSelect: () => on.remove() }
      : null,
  ].filter(Boolean);
}
