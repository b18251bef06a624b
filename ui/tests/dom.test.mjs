// Unit tests for lib/dom.js: el() sets text as text and refuses props that would parse markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { el, uniqueId } from '../lib/dom.js';

/** The least of a document el() needs: elements that record what was set on them. */
class FakeNode {
  constructor(tag) { this.tagName = tag.toUpperCase(); this.attributes = {}; this.children = []; this.dataset = {}; }
  setAttribute(name, value) { this.attributes[name] = value; }
  addEventListener() {}
  append(child) { this.children.push(child); }
}
globalThis.Node = FakeNode;
globalThis.document = { createElement: (tag) => new FakeNode(tag) };

test('innerHTML and outerHTML are refused, before any element is made', () => {
  let made = 0;
  const real = document.createElement;
  document.createElement = (tag) => { made += 1; return real(tag); };
  try {
    assert.throws(() => el('div', { innerHTML: '<img src=x onerror=alert(1)>' }), TypeError);
    assert.throws(() => el('p', { text: 'hi', outerHTML: '<b>x</b>' }), /outerHTML/);
    assert.equal(made, 0);
  } finally {
    document.createElement = real;
  }
});

test('text, attributes, properties and children are set as given', () => {
  const child = el('span', { text: '<b>not bold</b>' });
  const node = el('button', { type: 'button', text: 'Save', attrs: { 'aria-label': 'Save', hidden: false, x: null } },
    child, null, ['a', 1]);
  assert.equal(child.textContent, '<b>not bold</b>', 'markup in text stays text');
  assert.equal(node.type, 'button');
  assert.deepEqual(node.attributes, { 'aria-label': 'Save' }, 'false and null attributes are left out');
  assert.deepEqual(node.children, [child, 'a', '1']);
});

test('unique ids never repeat', () => {
  assert.notEqual(uniqueId('field'), uniqueId('field'));
});
