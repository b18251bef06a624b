// The Add/Edit project dialog: fields, a write-only API key (asked again when an edit moves it to
// another address), the plain-HTTP choice, the trusted certificate, and Test connection of what is
// typed (nothing is saved until Save, so Cancel leaves the projects as they were) with the result
// per scope, the offer to trust the server's certificate, and the offer to use the endpoint the
// answer pointed to (…/v1, or where it redirected).

import { el, fill, uniqueId } from '../lib/dom.js';
import { openDialog } from '../components/dialog.js';
import { PRESETS, DEFAULT_EXPIRY } from '../lib/expiry.js';
import { LINK_KINDS, DEFAULT_LINK_KIND } from '../lib/link-kinds.js';
import { needsInsecureChoice, keyRequired } from '../lib/endpoint.js';
import { certificatePrompt, scopeLines } from '../lib/reports.js';
import { trustedCertificate, certificateOffer } from './certificate-trust.js';

const KEEP_KEY = 'stored in the keychain — leave empty to keep';
const KEY_AGAIN = 'Enter the key again: it belongs to the old address';

function field(label, input, hint = null) {
  const id = uniqueId('field');
  const errorId = `${id}-error`;
  input.id = id;
  const error = el('p', { id: errorId, className: 'field-error', hidden: true });
  input.setAttribute('aria-describedby', errorId);
  const row = el('div', { className: 'field' },
    el('label', { htmlFor: id, text: label }), input,
    hint ? el('p', { className: 'field-hint', text: hint }) : null, error);
  return {
    row, input,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    },
  };
}

function select(options, value) {
  return el('select', {}, options.map(([v, label]) => el('option', { value: v, text: label, selected: v === value })));
}

/**
 * Opens the editor for `project` (a ProjectSummary) or a new one when null, which starts on
 * `defaults` ({defaultLink, defaultExpiry}, from Settings). `onSaved(summary)` runs after Save;
 * nothing else changes a project.
 */
export function openProjectEditor({ api, project = null, defaults = null, onSaved }) {
  // The project as stored: what the key belongs to, and what an unchanged field sends back.
  let saved = project;
  let pinned = project?.pinnedCertificate ?? null;
  const name = field('Name', el('input', { type: 'text', value: project?.name ?? '', autocomplete: 'off' }));
  const endpoint = field('Endpoint', el('input', {
    type: 'url', value: project?.endpoint ?? '', placeholder: 'https://cloud.appwrite.io/v1', autocomplete: 'off',
    spellcheck: false,
  }));
  const projectId = field('Project ID', el('input', {
    type: 'text', value: project?.projectId ?? '', autocomplete: 'off', spellcheck: false,
  }));
  const group = field('Group', el('input', {
    type: 'text', value: project?.group ?? '', placeholder: 'optional, e.g. Clients', autocomplete: 'off',
  }));
  const apiKey = field('API key', el('input', {
    type: 'password', autocomplete: 'off', spellcheck: false,
    placeholder: project ? KEEP_KEY : 'needs buckets.read, files.read, tokens.read, tokens.write',
  }), 'Kept in the system keychain, never in the settings file.');
  const keyAgain = el('p', {
    className: 'warn-text key-again', hidden: true, text: KEY_AGAIN, attrs: { 'aria-live': 'polite' },
  });
  apiKey.row.insertBefore(keyAgain, apiKey.input.nextSibling);
  keyAgain.id = `${apiKey.input.id}-again`;
  apiKey.input.setAttribute('aria-describedby', `${apiKey.input.id}-error ${keyAgain.id}`);

  const insecure = el('input', {
    type: 'checkbox', checked: Boolean(project?.allowInsecureHttp ?? project?.insecureHttp),
  });
  const insecureWarning = el('p', {
    className: 'warn-text insecure-warning', hidden: true, attrs: { role: 'alert' },
    text: 'The API key and the files travel unencrypted: anyone on the network between you and the server '
      + 'can read them.',
  });
  const insecureRow = el('div', { className: 'insecure-choice', hidden: true },
    el('label', { className: 'check-row' }, insecure, ' Send the key without encryption'),
    insecureWarning);
  const trust = trustedCertificate({
    pinned: () => pinned,
    stored: () => saved?.pinnedCertificate ?? null,
    onForget: () => { pinned = null; trust.render(true); },
  });

  const defaultLink = field('Default link',
    select(LINK_KINDS.map((k) => [k.kind, k.label]), project?.defaultLink ?? defaults?.defaultLink ?? DEFAULT_LINK_KIND));
  const storedExpiry = project ? project.defaultExpiry?.kind : defaults?.defaultExpiry?.kind;
  const defaultExpiry = field('Default expiry', select(PRESETS.map((p) => [p.kind, p.label]),
    storedExpiry && storedExpiry !== 'custom' ? storedExpiry : DEFAULT_EXPIRY.kind));
  const testResult = el('div', {
    className: 'test-result', attrs: { role: 'status', 'aria-live': 'polite', 'aria-label': 'Connection test result' },
  });

  /** Shows the plain-HTTP choice, its warning and the key note for what is typed now. */
  function refresh() {
    insecureRow.hidden = !needsInsecureChoice(endpoint.input.value);
    insecureWarning.hidden = insecureRow.hidden || !insecure.checked;
    const again = keyRequired(saved, { endpoint: endpoint.input.value, projectId: projectId.input.value });
    keyAgain.hidden = !again || apiKey.input.value !== '';
    apiKey.input.placeholder = saved && !again ? KEEP_KEY : 'the key for this project';
  }
  for (const input of [endpoint.input, projectId.input, apiKey.input]) input.addEventListener('input', refresh);
  insecure.addEventListener('change', refresh);

  function collect() {
    const typed = endpoint.input.value.trim();
    return {
      ...(saved ? { id: saved.id } : {}),
      name: name.input.value.trim(),
      endpoint: typed,
      projectId: projectId.input.value.trim(),
      group: group.input.value.trim() || null,
      allowInsecureHttp: needsInsecureChoice(typed) && insecure.checked,
      pinnedCertificate: pinned,
      defaultLink: defaultLink.input.value,
      defaultExpiry: { kind: defaultExpiry.input.value },
    };
  }

  /** Marks the empty fields Save needs (Test connection needs no name). */
  function validate(profile, { needName = true } = {}) {
    const missing = [
      [name, !needName || profile.name, 'Give the project a name.'],
      [endpoint, profile.endpoint, 'Enter the API endpoint, e.g. https://cloud.appwrite.io/v1.'],
      [projectId, profile.projectId, 'Enter the project ID from the Appwrite Console.'],
      [apiKey, saved || apiKey.input.value, 'Paste an API key for this project.'],
    ];
    let ok = true;
    for (const [f, value, message] of missing) {
      f.setError(value ? null : message);
      if (!value && ok) { f.input.focus(); ok = false; }
    }
    return ok;
  }

  /** The editor's fields by the name Rust gives them in an error's `field`. */
  const byField = { name, endpoint, projectId, group, defaultExpiry, apiKey, pinnedCertificate: trust };

  /** Shows an error about a field under it and focuses it; false when it names no field. */
  function showFieldError(e) {
    const target = e.field ? byField[e.field] : null;
    if (!target) return false;
    target.setError(e.message);
    target.input.focus();
    return true;
  }

  /**
   * Saves. The typed key stays in its (password) field until the save succeeds, so a refused save
   * loses nothing; it is cleared as soon as the keychain has it. Throws an ApiError on failure,
   * except one about a field (e.g. `key_required` on apiKey), which is shown under it (returns
   * null).
   */
  async function save() {
    const profile = collect();
    if (!validate(profile)) return null;
    trust.setError(null);
    const key = apiKey.input.value || null;
    try {
      const summary = await api.saveProject(profile, key);
      apiKey.input.value = '';
      saved = summary;
      pinned = summary.pinnedCertificate ?? null;
      trust.render();
      refresh();
      onSaved(summary);
      return summary;
    } catch (e) {
      if (!showFieldError(e)) throw e;
      return null;
    }
  }

  /** Trusting the certificate is part of the draft: kept when the project is saved, then tested. */
  async function trustOffered(prompt) {
    pinned = prompt.fingerprint;
    trust.setError(null);
    trust.render();
    await test();
  }

  /** Puts the endpoint the answer pointed to in the field and tests again. */
  async function useEndpoint(suggested) {
    endpoint.input.value = suggested;
    endpoint.setError(null);
    refresh();
    await test();
  }

  function showResult(result) {
    const checks = scopeLines(result.checks);
    const prompt = certificatePrompt(result);
    const suggested = result.ok ? null : result.suggestedEndpoint;
    fill(testResult,
      el('p', {
        className: result.ok ? 'ok-text' : 'error-text', attrs: { 'data-code': result.code ?? null },
        text: result.message || (result.ok ? 'Connected.' : 'The connection failed.'),
      }),
      checks.length ? el('ul', { className: 'checks', attrs: { 'aria-label': 'Permissions' } },
        checks.map((c) => el('li', {
          className: c.ok ? 'ok-text' : 'error-text', attrs: { 'data-scope': c.scope, 'data-ok': String(c.ok) },
        }, c.line))) : null,
      prompt ? certificateOffer(prompt, () => trustOffered(prompt)) : null,
      suggested ? el('div', { className: 'inline-actions endpoint-suggestion' },
        el('button', {
          type: 'button', className: 'primary small', text: `Use ${suggested}`,
          attrs: { 'data-endpoint': suggested }, on: { click: () => useEndpoint(suggested) },
        })) : null);
  }

  /**
   * Tests what is typed, saving nothing: a field to correct is marked under it. Only the latest
   * test's answer is shown.
   */
  let tests = 0;
  async function test() {
    const run = ++tests;
    const profile = collect();
    for (const f of Object.values(byField)) f.setError(null);
    if (!validate(profile, { needName: false })) { testResult.replaceChildren(); return; }
    testResult.replaceChildren(el('span', { className: 'muted', text: 'Testing…' }));
    try {
      const result = await api.testDraftConnection(profile, apiKey.input.value || null);
      if (run === tests) showResult(result);
    } catch (e) {
      if (run !== tests) return;
      if (showFieldError(e)) { testResult.replaceChildren(); return; }
      testResult.replaceChildren(el('p', { className: 'error-text', attrs: { 'data-code': e.code }, text: e.message }));
    }
  }

  trust.render();
  refresh();
  const testButton = el('button', { type: 'button', text: 'Test connection', on: { click: test } });
  openDialog({
    title: project ? `Edit project “${project.name}”` : 'Add project',
    className: 'project-editor',
    content: [
      name.row, endpoint.row, insecureRow, projectId.row, group.row, apiKey.row, trust.row,
      el('div', { className: 'field-pair' }, defaultLink.row, defaultExpiry.row),
      testResult,
    ],
    submitLabel: 'Save',
    extraActions: [testButton],
    onSubmit: async () => (await save()) !== null,
  });
}
