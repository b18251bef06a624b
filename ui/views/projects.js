// The sidebar's project part, drawn into `root`: the current project with its actions, the project
// list grouped by label, and Add / Import / Export.

import { el, uniqueId } from '../lib/dom.js';
import { groupProjects, displayOrder } from '../lib/projects.js';
import { moveIndex } from '../lib/list-navigation.js';

const UNENCRYPTED_HINT = 'This project sends its API key and files over plain HTTP: anyone on the network '
  + 'between you and the server can read them. Edit the project to switch to https://.';

/**
 * The warning badge of a project that sends its key unencrypted, and the note of a trusted
 * certificate.
 */
function transportNotes(p) {
  return [
    p.insecureHttp ?? p.allowInsecureHttp
      ? el('span', { className: 'badge unencrypted', text: 'Unencrypted', title: UNENCRYPTED_HINT })
      : null,
    p.pinnedCertificate
      ? el('span', {
        className: 'trusted-note', text: 'Trusted certificate',
        title: `Only the certificate with SHA-256 ${p.pinnedCertificate} is accepted.`,
      })
      : null,
  ];
}

/**
 * `actions` holds callbacks: switchTo(id), add(), edit(p), duplicate(p), remove(p), test(p),
 * resetDemo(), importFile(file), exportAll().
 */
export function createProjectsView({ root, actions }) {
  const headingId = uniqueId('projects-heading');
  const card = el('div', { className: 'current-project-card' });
  const list = el('div', { className: 'project-list', tabIndex: 0, attrs: { role: 'listbox', 'aria-label': 'Projects' } });
  const tools = el('div', { className: 'project-tools' });
  let projects = [];
  let currentId = null;
  let cursor = -1;

  const fileInput = el('input', {
    type: 'file', className: 'offscreen', accept: 'application/json,.json',
    attrs: { 'aria-label': 'Projects file to import', tabindex: '-1' },
    on: {
      change: () => {
        const file = fileInput.files?.[0];
        fileInput.value = '';
        if (file) actions.importFile(file);
      },
    },
  });
  const tool = (label, text, onClick, className = 'small') =>
    el('button', { type: 'button', className, text, attrs: { 'aria-label': label }, on: { click: onClick } });
  tools.replaceChildren(
    tool('Add project', '+ Add project', () => actions.add(), 'primary small'),
    tool('Import projects', 'Import', () => fileInput.click()),
    tool('Export projects', 'Export', () => actions.exportAll()),
    fileInput);

  root.setAttribute('aria-labelledby', headingId);
  root.replaceChildren(
    el('h2', { className: 'sidebar-heading', id: headingId, text: 'Projects' }),
    card, list, tools);

  list.addEventListener('keydown', (event) => {
    const ordered = displayOrder(projects);
    const next = moveIndex(cursor, event.key, ordered.length);
    if (next !== null) {
      event.preventDefault();
      cursor = next;
      paintCursor();
    } else if ((event.key === 'Enter' || event.key === ' ') && ordered[cursor]) {
      event.preventDefault();
      actions.switchTo(ordered[cursor].id);
    }
  });
  list.addEventListener('focus', () => {
    if (cursor < 0) cursor = Math.max(0, displayOrder(projects).findIndex((p) => p.id === currentId));
    paintCursor();
  });

  function paintCursor() {
    const options = [...list.querySelectorAll('[role=option]')];
    options.forEach((o, i) => o.classList.toggle('cursor', i === cursor));
    const active = options[cursor];
    if (active) {
      list.setAttribute('aria-activedescendant', active.id);
      active.scrollIntoView({ block: 'nearest' });
    }
  }

  function renderCard() {
    const p = projects.find((x) => x.id === currentId);
    if (!p) { card.replaceChildren(el('p', { className: 'muted', text: 'No project selected.' })); return; }
    const button = (label, text, fn, extra = {}) =>
      el('button', { type: 'button', className: 'small', text, attrs: { 'aria-label': label }, on: { click: fn }, ...extra });
    card.replaceChildren(...[
      el('div', { className: 'current-name', attrs: { 'aria-label': 'Current project', 'data-current-project-id': p.id } }, p.name),
      el('div', {
        className: 'current-meta muted',
        text: p.isDemo ? 'Local sandbox, sample data' : [p.group, p.endpoint].filter(Boolean).join(' · '),
      }),
      p.isDemo || !transportNotes(p).some(Boolean)
        ? null
        : el('div', { className: 'transport-notes' }, transportNotes(p)),
      !p.isDemo && !p.hasKey ? el('div', { className: 'warn-text', text: 'No API key stored: edit the project to add one.' }) : null,
      el('div', { className: 'card-actions' },
        button('Test connection', 'Test', () => actions.test(p)),
        p.isDemo ? button('Reset demo data', 'Reset demo data', () => actions.resetDemo()) : [
          button('Edit project', 'Edit', () => actions.edit(p)),
          button('Duplicate project', 'Duplicate', () => actions.duplicate(p)),
          button('Delete project', 'Delete', () => actions.remove(p), { className: 'small danger-text' }),
        ]),
    ].filter(Boolean));
  }

  function renderList() {
    const ordered = displayOrder(projects);
    const option = (p) => {
      const index = ordered.indexOf(p);
      const selected = p.id === currentId;
      return el('div', {
        id: `project-option-${index}`, className: `project-option${selected ? ' current' : ''}`,
        attrs: { role: 'option', 'aria-selected': String(selected), 'data-project-id': p.id, title: p.endpoint },
        on: { click: () => { cursor = index; actions.switchTo(p.id); } },
      },
      el('span', { className: 'project-name', text: p.name }),
      p.isDemo ? null : transportNotes(p),
      index < 9 ? el('kbd', { className: 'hint', text: `Ctrl ${index + 1}`, attrs: { 'aria-hidden': 'true' } }) : null);
    };
    list.replaceChildren(...groupProjects(projects).map((g) => {
      if (g.group === null) return g.projects.map(option);
      return el('div', { className: 'project-group', attrs: { role: 'group', 'aria-label': g.group } },
        el('div', { className: 'group-label', text: g.group, attrs: { 'aria-hidden': 'true' } }),
        g.projects.map(option));
    }).flat());
    paintCursor();
  }

  return {
    render(nextProjects, nextCurrentId) {
      projects = nextProjects;
      currentId = nextCurrentId;
      renderCard();
      renderList();
    },
  };
}
