// The keyboard shortcuts overlay (`?`): every entry of lib/shortcuts.js, by group, in a dialog that
// Esc closes.

import { el } from '../lib/dom.js';
import { openDialog } from '../components/dialog.js';
import { groupedShortcuts, keyLabel } from '../lib/shortcuts.js';

const onMac = () => /Mac/.test(globalThis.navigator?.platform ?? '');

/** Shortcuts as rows of keys and what they do. */
function shortcutList(shortcuts, mac) {
  return el('dl', { className: 'shortcut-list' }, shortcuts.map((s) => [
    el('dt', {}, s.keys.map((k, i) => [i ? ' ' : null, el('kbd', { text: keyLabel(k, { mac }) })])),
    el('dd', { text: s.label }),
  ]));
}

export function openShortcuts({ mac = onMac() } = {}) {
  return openDialog({
    title: 'Keyboard shortcuts',
    className: 'shortcuts-dialog',
    cancelLabel: 'Close',
    content: [
      groupedShortcuts().map(({ group, shortcuts }) => el('section', { className: 'shortcut-group' },
        el('h3', { text: group }), shortcutList(shortcuts, mac))),
      el('p', { className: 'muted', text: 'Single keys work while the focus is not in a text field.' }),
    ],
  });
}
