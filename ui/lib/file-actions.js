// What can be done to one file in the list, as its right-click menu offers it: the same actions as
// its row (open), its checkbox (select) and the toolbar's Create links, plus copying its ID.

/**
 * The menu items for a file. `on` holds open(), toggle(), createLinks() and copyId(); `open` says
 * whether it is the open file, `selected` whether it is ticked and `selection` how many are.
 * Create links acts on the ticked files when this one is among them, else on this one.
 */
export function fileMenuItems(on, { open = false, selected = false, selection = 0 } = {}) {
  const many = selected && selection > 1;
  return [
    { id: 'open', label: 'Open', hint: 'Enter', disabled: open, onSelect: () => on.open() },
    { id: 'select', label: selected ? 'Unselect' : 'Select', hint: 'Space', onSelect: () => on.toggle() },
    { id: 'create-links', label: many ? `Create links (${selection})` : 'Create link', onSelect: () => on.createLinks() },
    { separator: true },
    { id: 'copy-id', label: 'Copy file ID', onSelect: () => on.copyId() },
  ];
}
