// The Ctrl+K quick switcher: type to filter projects by name or group, arrows to choose, Enter to
// switch.

import { el } from '../lib/dom.js';
import { openDialog } from '../components/dialog.js';
import { filterProjects } from '../lib/projects.js';
import { moveIndex } from '../lib/list-navigation.js';

export function openQuickSwitcher({ projects, currentId, onSwitch }) {
  const input = el('input', { type: 'search', placeholder: 'Project name or group', autocomplete: 'off', attrs: { 'aria-label': 'Filter projects', 'aria-controls': 'switcher-list' } });
  const list = el('div', { id: 'switcher-list', className: 'switcher-list', attrs: { role: 'listbox', 'aria-label': 'Matching projects' } });
  let matches = [];
  let cursor = 0;

  function render() {
    matches = filterProjects(projects, input.value);
    cursor = Math.min(cursor, Math.max(matches.length - 1, 0));
    list.replaceChildren(...matches.map((p, i) => el('div', {
      id: `switcher-option-${i}`, className: `switcher-option${i === cursor ? ' cursor' : ''}`,
      attrs: { role: 'option', 'aria-selected': String(i === cursor), 'data-project-id': p.id },
      on: { click: () => choose(p) },
    },
    el('span', { text: p.name }),
    p.group ? el('span', { className: 'muted', text: p.group }) : null,
    p.id === currentId ? el('span', { className: 'badge', text: 'current' }) : null)));
    if (!matches.length) list.append(el('p', { className: 'empty', text: 'No project matches.' }));
    if (matches[cursor]) input.setAttribute('aria-activedescendant', `switcher-option-${cursor}`);
    else input.removeAttribute('aria-activedescendant');
  }

  function choose(p) {
    dialog.close();
    onSwitch(p.id);
  }

  input.addEventListener('input', () => { cursor = 0; render(); });
  input.addEventListener('keydown', (event) => {
    const next = moveIndex(cursor, event.key === 'Home' || event.key === 'End' ? '' : event.key, matches.length, 5);
    if (next !== null) { event.preventDefault(); cursor = next; render(); }
    if (event.key === 'Enter') { event.preventDefault(); if (matches[cursor]) choose(matches[cursor]); }
  });

  const dialog = openDialog({ title: 'Switch project', className: 'switcher', content: [input, list], cancelLabel: 'Close' });
  render();
  input.focus();
}
