// Unit tests for index.html: it preloads exactly the modules app.js imports, so the page fetches
// them all at once, and a module added or dropped without updating the list fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path) => readFileSync(join(ui, path), 'utf8');

/** The static `import … from '…'` specifiers of a module, as paths relative to ui/. */
function imports(path) {
  const source = read(path);
  return [...source.matchAll(/^import\s[^;]*?\sfrom\s'([^']+)';/gms)]
    .map(([, spec]) => normalize(join(dirname(path), spec)));
}

/** Every module reached from `entry` by static imports. */
function graph(entry) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    queue.push(...imports(path));
  }
  return seen;
}

const html = read('index.html');
const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map(([, href]) => href);

test('index.html preloads every module app.js imports, and nothing else', () => {
  assert.deepEqual([...preloaded].sort(), [...graph('app.js')].sort());
});

test('each module is preloaded once', () => {
  assert.equal(new Set(preloaded).size, preloaded.length);
});

test('the import scanner sees the imports of a module it is pointed at', () => {
  // Guards the test above against a scanner that finds nothing and so compares two empty lists.
  assert.ok(imports('app.js').includes('api.js'));
  assert.ok(graph('app.js').has('lib/dom.js'));
});

test('the first screen is asked for by an async module ahead of app.js, which imports the same answer', () => {
  const early = html.indexOf('<script type="module" async src="first-screen.js"></script>');
  const app = html.indexOf('<script type="module" src="app.js"></script>');
  assert.ok(early >= 0 && app > early, 'first-screen.js loads async, before app.js');
  assert.ok(imports('app.js').includes('first-screen.js'));
  assert.deepEqual(imports('first-screen.js'), ['api.js'], 'it waits for no other module');
});
