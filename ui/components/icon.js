// Small inline SVG icons (built as DOM, so the CSP needs no exceptions); always decorative.

const PATHS = {
  copy: 'M9 9h10v10H9z M5 15H4V4h11v1',
  chevron: 'M7 10l5 5 5-5',
  edit: 'M4 20h4L19 9l-4-4L4 16z M14 6l4 4',
  key: 'M8 11a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M11 13l9-9 M17 7l3 3 M15 9l2 2',
  trash: 'M4 7h16 M10 11v6 M14 11v6 M6 7l1 13h10l1-13 M9 7V4h6v3',
  plus: 'M12 5v14 M5 12h14',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14z M20 20l-4-4',
  sidebar: 'M4 5h16v14H4z M9 5v14',
  more: 'M5 12h.01 M12 12h.01 M19 12h.01',
  close: 'M6 6l12 12 M18 6L6 18',
  external: 'M14 4h6v6 M20 4l-9 9 M18 14v6H4V6h6',
  'arrow-up': 'M12 16V4 M7 9l5-5 5 5 M4 20h16',
  'arrow-down': 'M12 4v12 M7 11l5 5 5-5 M4 20h16',
  folder: 'M3 6h6l2 2h10v11H3z',
};

/** An `<svg>` for `name`, hidden from assistive technology (the button carries the name). */
export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', PATHS[name] ?? '');
  svg.append(path);
  return svg;
}
