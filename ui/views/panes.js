// The window's panes: the sidebar (shut or open, Ctrl+B or the header's button), the file list and
// the file detail, sized by their dividers and remembered; the list takes the whole width while no
// file is open.

import { fitPanes, draggedSidebar, loadSizes, saveSizes, clamp, LIMITS } from '../lib/pane-sizes.js';
import { wireSplitter } from '../components/splitter.js';
import { icon } from '../components/icon.js';

export function createPanes({ storage = globalThis.localStorage } = {}) {
  const shell = document.querySelector('.shell');
  const content = document.getElementById('content');
  const sidebar = document.getElementById('sidebar');
  const toggle = document.getElementById('toggle-sidebar');
  let sizes = loadSizes(storage);
  let fileOpen = false;
  let fit = null;

  function measure(next = sizes) {
    return fitPanes({ total: shell.clientWidth || window.innerWidth, sizes: next, fileOpen });
  }

  /** Draws `next` (the remembered sizes, or a drag's sizes not yet remembered). */
  function apply(next = sizes) {
    fit = measure(next);
    shell.style.setProperty('--sidebar-width', `${fit.sidebar}px`);
    shell.style.setProperty('--files-width', `${fit.files}px`);
    shell.dataset.sidebar = next.collapsed ? 'collapsed' : 'open';
    content.toggleAttribute('data-file-open', fileOpen);
    toggle.setAttribute('aria-expanded', String(!next.collapsed));
    toggle.title = next.collapsed ? 'Show the sidebar (Ctrl+B)' : 'Hide the sidebar (Ctrl+B)';
    sidebarSplitter.paint(fit.sidebar, { min: 0, max: fit.sidebarMax },
      next.collapsed ? 'Sidebar hidden' : `Sidebar ${fit.sidebar} pixels wide`);
    filesSplitter.paint(fit.files, { min: LIMITS.files.min, max: fit.filesMax },
      `File list ${fit.files} pixels wide, file ${fit.detail} pixels wide`);
  }

  function remember(next) {
    sizes = next;
    saveSizes(storage, sizes);
    apply();
  }

  const sidebarSplitter = wireSplitter(document.getElementById('sidebar-splitter'), {
    width: () => fit.sidebar,
    bounds: () => ({ min: LIMITS.sidebar.min, max: fit.sidebarMax }),
    onDrag: (width) => apply(draggedSidebar(sizes, width, fit.sidebarMax)),
    onChange: (width) => remember(draggedSidebar(sizes, width, fit.sidebarMax)),
    onEnter: () => setCollapsed(!sizes.collapsed),
    onReset: () => remember({ ...sizes, collapsed: false, sidebar: LIMITS.sidebar.initial }),
  });
  const filesSplitter = wireSplitter(document.getElementById('detail-splitter'), {
    width: () => fit.files,
    bounds: () => ({ min: LIMITS.files.min, max: fit.filesMax }),
    onDrag: (width) => apply({ ...sizes, files: clamp(Math.round(width), LIMITS.files.min, fit.filesMax) }),
    onChange: (width) => remember({ ...sizes, files: clamp(Math.round(width), LIMITS.files.min, fit.filesMax) }),
    onReset: () => remember({ ...sizes, files: null }),
  });

  function setCollapsed(collapsed) {
    if (collapsed === sizes.collapsed) return;
    const hadFocus = sidebar.contains(document.activeElement);
    remember({ ...sizes, collapsed });
    if (collapsed && hadFocus) toggle.focus();
  }

  toggle.prepend(icon('sidebar'));
  toggle.addEventListener('click', () => setCollapsed(!sizes.collapsed));
  new ResizeObserver(() => apply()).observe(shell);
  apply();

  return {
    /** Ctrl+B and the header's button: shuts an open sidebar, opens a shut one. */
    toggleSidebar() { setCollapsed(!sizes.collapsed); },
    /** Opens the sidebar if it is shut (before focusing something inside it). */
    showSidebar() { setCollapsed(false); },
    /** A file is open: the detail pane shows beside the list; none: the list takes the width. */
    setFileOpen(open) {
      if (open === fileOpen) return;
      fileOpen = open;
      apply();
    },
  };
}
