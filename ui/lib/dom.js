// Builds DOM elements from plain values: text is always set as text, never parsed as HTML.

/** Props that would parse a string as markup; `el()` throws rather than set them. */
const MARKUP_PROPS = new Set(['innerHTML', 'outerHTML']);

/**
 * `el('button', {className: 'x', text: 'Save', attrs: {'aria-label': 'Save'}, on: {click}},
 * ...children)`. Other props (id, type, value, checked, disabled, hidden, tabIndex, title, …) are
 * set as properties; `innerHTML` and `outerHTML` are refused with a TypeError.
 */
export function el(tag, props = {}, ...children) {
  for (const key of Object.keys(props)) {
    if (MARKUP_PROPS.has(key)) {
      throw new TypeError(`el(): "${key}" would parse markup; pass text or child nodes instead`);
    }
  }
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'attrs') {
      for (const [name, v] of Object.entries(value)) {
        if (v !== undefined && v !== null && v !== false) node.setAttribute(name, String(v));
      }
    } else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node[key] = value;
  }
  append(node, children);
  return node;
}

/**
 * Replaces `node`'s children with `children`, skipping null, undefined and false and flattening
 * lists as `el()` does (the DOM's own replaceChildren would show a null as the text "null").
 */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

let ids = 0;
/** A document-unique id with a readable prefix, for aria-labelledby and label[for]. */
export function uniqueId(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}
