// The sidebar's project part, drawn into `root`: Add / Import / Export, the project list grouped by
// label (the current project once, with where it points, and kept in view), and the current
// project's actions under the list.

import { el, fill, uniqueId } from '../lib/dom.js';
import { groupProjects, displayOrder, DEMO_LINKS_NOTE } from '../lib/projects.js';
import { moveIndex } from '../lib/list-navigation.js';
import { scrollToShow } from '../lib/scroll-into.js';

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
  const card = el('div', { className: 'current-project-actions', attrs: { role: 'toolbar' } });
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
    tool('Add project', '+ Add', () => actions.add(), 'primary small'),
    tool('Import projects', 'Import', () => fileInput.click()),
    tool('Export projects', 'Export', () => actions.exportAll()),
    fileInput);

  root.setAttribute('aria-labelledby', headingId);
  root.replaceChildren(
    el('div', { className: 'section-head projects-head' },
      el('h2', { className: 'sidebar-heading', id: headingId, text: 'Projects' }), tools),
    list, card);

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
  // Only a keyboard focus moves to the cursor (a click's focus must not scroll the list under it).
  list.addEventListener('focus', () => {
    if (!list.matches(':focus-visible')) return;
    if (cursor < 0) cursor = Math.max(0, displayOrder(projects).findIndex((p) => p.id === currentId));
    paintCursor();
  });

  function paintCursor() {
    const options = [...list.querySelectorAll('[role=option]')];
    options.forEach((o, i) => o.classList.toggle('cursor', i === cursor));
    const active = options[cursor];
    if (active) {
      list.setAttribute('aria-activedescendant', active.id);
      reveal(active);
    }
  }

  /** Scrolls the list (only the list, never the window) so that `option` is all in view. */
  function reveal(option) {
    const top = option.offsetTop;
    list.scrollTop = scrollToShow({ top, height: option.offsetHeight, scrollTop: list.scrollTop, viewHeight: list.clientHeight });
  }

  /** The current project's actions, under the list (its name is in the list, shown once). */
  function renderCard() {
    const p = projects.find((x) => x.id === currentId);
    card.setAttribute('aria-label', p ? `Project ${p.name}` : 'Project');
    if (!p) { card.replaceChildren(el('p', { className: 'muted', text: 'No project selected.' })); return; }
    const button = (label, text, fn, extra = {}) =>
      el('button', { type: 'button', className: 'small', text, attrs: { 'aria-label': label }, on: { click: fn }, ...extra });
    fill(card,
      button('Test connection', 'Test', () => actions.test(p)),
      p.isDemo ? button('Reset demo data', 'Reset demo data', () => actions.resetDemo()) : [
        button('Edit project', 'Edit', () => actions.edit(p)),
        button('Duplicate project', 'Duplicate', () => actions.duplicate(p)),
        button('Delete project', 'Delete', () => actions.remove(p), { className: 'small danger-text' }),
      ]);
  }

  /** What the current project's row says under its name: where it points, and its warnings. */
  function currentDetails(p) {
    return el('span', { className: 'project-details' },
      el('span', {
        className: 'current-meta muted',
        text: p.isDemo ? 'Local sandbox, sample data' : [p.group, p.endpoint].filter(Boolean).join(' · '),
      }),
      p.isDemo ? el('span', { className: 'current-meta muted demo-note', text: DEMO_LINKS_NOTE }) : null,
      !p.isDemo && !p.hasKey ? el('span', { className: 'warn-text', text: 'No API key stored: edit the project to add one.' }) : null);
  }

  function renderList() {
    const ordered = displayOrder(projects);
    const option = (p) => {
      const index = ordered.indexOf(p);
      const selected = p.id === currentId;
      return el('div', {
        id: `project-option-${index}`, className: `project-option${selected ? ' current' : ''}`,
        title: p.isDemo ? [p.name, p.endpoint, DEMO_LINKS_NOTE].filter(Boolean).join('\n') : `${p.name}\n${p.endpoint ?? ''}`,
        attrs: {
          role: 'option', 'aria-selected': String(selected), 'data-project-id': p.id,
          'data-current-project-id': selected ? p.id : null,
        },
        on: { click: () => { cursor = index; actions.switchTo(p.id); } },
      },
      el('span', { className: 'project-line' },
        el('span', { className: 'project-name', text: p.name }),
        p.isDemo ? null : transportNotes(p),
        index < 9 ? el('kbd', { className: 'hint', text: `Ctrl ${index + 1}`, attrs: { 'aria-hidden': 'true' } }) : null),
      selected ? currentDetails(p) : null);
    };
    list.replaceChildren(...groupProjects(projects).map((g) => {
      if (g.group === null) return g.projects.map(option);
      return el('div', { className: 'project-group', attrs: { role: 'group', 'aria-label': g.group } },
        el('div', { className: 'group-label', text: g.group, attrs: { 'aria-hidden': 'true' } }),
        g.projects.map(option));
    }).flat());
    paintCursor();
    const current = list.querySelector('.project-option.current');
    if (current) reveal(current);
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
