// Unit tests for lib/dom.js: el() sets text as text and refuses props that would parse markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { el, fill, uniqueId } from '../lib/dom.js';

/** The least of a document el() needs: elements that record what was set on them. */
class FakeNode {
  constructor(tag) { this.tagName = tag.toUpperCase(); this.attributes = {}; this.children = []; this.dataset = {}; }
  setAttribute(name, value) { this.attributes[name] = value; }
  addEventListener() {}
  append(child) { this.children.push(child); }
  replaceChildren(...nodes) { this.children = nodes.map((n) => (n instanceof FakeNode ? n : String(n))); }
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

test('fill() replaces the children and leaves out absent ones instead of writing "null"', () => {
  const node = el('div', {}, 'old');
  const kept = el('p', { text: 'kept' });
  fill(node, kept, null, undefined, false, [el('span'), null]);
  assert.equal(node.children.length, 2);
  assert.equal(node.children[0], kept);
  assert.ok(!node.children.some((c) => c === 'null' || c === 'undefined'));
});
