// Builds DOM elements from plain values (text is always set as text, never parsed as HTML).

/**
 * `el('button', {className: 'x', text: 'Save', attrs: {'aria-label': 'Save'}, on: {click}}, ...children)`.
 * Other props (id, type, value, checked, disabled, hidden, tabIndex, title, …) are set as properties.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'attrs') {
      for (const [name, v] of Object.entries(value)) if (v !== undefined && v !== null && v !== false) node.setAttribute(name, String(v));
    } else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node[key] = value;
  }
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
