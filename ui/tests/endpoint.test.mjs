// Unit tests for lib/endpoint.js: when the editor offers plain HTTP, and when an edit needs the key
// again (the same rules Rust applies on save).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, needsInsecureChoice, endpointOrigin, keyRequired } from '../lib/endpoint.js';

test('this machine is localhost, 127.0.0.0/8 and ::1, written any way the URL parser accepts', () => {
  for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.8.9.10', '127.255.255.255', '[::1]', '::1']) {
    assert.equal(isLoopbackHost(host), true, host);
  }
  for (const host of ['128.0.0.1', '10.0.0.1', '[::2]', 'localhost.example.com', 'mylocalhost', '127.0.0.1.nip.io', '']) {
    assert.equal(isLoopbackHost(host), false, host);
  }
});

test('the plain-HTTP choice is offered only for http:// to another machine', () => {
  for (const remote of ['http://appwrite.example.com/v1', 'http://192.168.1.20/v1', 'http://128.0.0.1/v1',
    'http://[::2]/v1', 'http://localhost.example.com/v1', '  http://10.0.0.5:8080/v1  ']) {
    assert.equal(needsInsecureChoice(remote), true, remote);
  }
  for (const safe of ['https://appwrite.example.com/v1', 'http://localhost:8080/v1', 'http://LOCALHOST/v1',
    'http://127.0.0.1:4000/v1', 'http://127.8.9.10/v1', 'http://[::1]:4000/v1', 'http://[0:0:0:0:0:0:0:1]/v1',
    'http://127.1/v1', '', 'http://', 'appwrite.example.com/v1']) {
    assert.equal(needsInsecureChoice(safe), false, safe);
  }
});

test('an origin is scheme, host and port, with the default port left out', () => {
  assert.equal(endpointOrigin('https://Cloud.Appwrite.io/v1'), 'https://cloud.appwrite.io');
  assert.equal(endpointOrigin('https://cloud.appwrite.io:443/v1'), 'https://cloud.appwrite.io');
  assert.equal(endpointOrigin('http://h:8080/x'), 'http://h:8080');
  assert.equal(endpointOrigin('ftp://h/x'), null);
  assert.equal(endpointOrigin('not a url'), null);
});

const stored = { endpoint: 'https://cloud.appwrite.io/v1', projectId: 'shop' };

test('an edit that keeps the origin and project ID keeps the stored key', () => {
  assert.equal(keyRequired(stored, { endpoint: 'https://cloud.appwrite.io/v1', projectId: 'shop' }), false);
  assert.equal(keyRequired(stored, { endpoint: 'https://CLOUD.appwrite.io:443/other/v1', projectId: ' shop ' }), false,
    'path, case, default port and spaces around the ID do not move the key');
});

test('a new host, scheme, port or project ID needs the key again', () => {
  for (const endpoint of ['https://evil.example/v1', 'http://cloud.appwrite.io/v1', 'https://cloud.appwrite.io:8443/v1',
    'cloud.appwrite.io/v1', '']) {
    assert.equal(keyRequired(stored, { endpoint, projectId: 'shop' }), true, endpoint);
  }
  assert.equal(keyRequired(stored, { endpoint: stored.endpoint, projectId: 'shop2' }), true);
});

test('a new project asks for its key anyway, so the rule is silent there', () => {
  assert.equal(keyRequired(null, { endpoint: 'https://x/v1', projectId: 'p' }), false);
});
