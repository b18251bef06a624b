// The Add/Edit project dialog: fields, a write-only API key, Test connection with the result per
// scope.

import { el, uniqueId } from '../lib/dom.js';
import { openDialog } from '../components/dialog.js';
import { PRESETS, DEFAULT_EXPIRY } from '../lib/expiry.js';
import { LINK_KINDS, DEFAULT_LINK_KIND } from '../lib/link-kinds.js';

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
 * Opens the editor for `project` (a ProjectSummary) or a new one when null; `onSaved(summary)`
 * after Save.
 */
export function openProjectEditor({ api, project = null, onSaved }) {
  let savedId = project?.id ?? null;
  const name = field('Name', el('input', { type: 'text', value: project?.name ?? '', autocomplete: 'off' }));
  const endpoint = field('Endpoint', el('input', {
    type: 'url', value: project?.endpoint ?? '', placeholder: 'https://cloud.appwrite.io/v1', autocomplete: 'off', spellcheck: false,
  }));
  const projectId = field('Project ID', el('input', { type: 'text', value: project?.projectId ?? '', autocomplete: 'off', spellcheck: false }));
  const group = field('Group', el('input', { type: 'text', value: project?.group ?? '', placeholder: 'optional, e.g. Clients', autocomplete: 'off' }));
  const apiKey = field('API key', el('input', {
    type: 'password', autocomplete: 'off', spellcheck: false,
    placeholder: project ? 'stored in the keychain — leave empty to keep' : 'needs buckets.read, files.read, tokens.read, tokens.write',
  }), 'Kept in the system keychain, never in the settings file.');
  const insecure = el('input', { type: 'checkbox', checked: Boolean(project?.acceptInvalidCerts) });
  const defaultLink = field('Default link', select(LINK_KINDS.map((k) => [k.kind, k.label]), project?.defaultLink ?? DEFAULT_LINK_KIND));
  const storedExpiry = project?.defaultExpiry?.kind;
  const defaultExpiry = field('Default expiry', select(PRESETS.map((p) => [p.kind, p.label]),
    storedExpiry && storedExpiry !== 'custom' ? storedExpiry : DEFAULT_EXPIRY.kind));
  const testResult = el('div', { className: 'test-result', attrs: { role: 'status', 'aria-live': 'polite', 'aria-label': 'Connection test result' } });

  function collect() {
    return {
      ...(savedId ? { id: savedId } : {}),
      name: name.input.value.trim(),
      endpoint: endpoint.input.value.trim(),
      projectId: projectId.input.value.trim(),
      group: group.input.value.trim() || null,
      acceptInvalidCerts: insecure.checked,
      defaultLink: defaultLink.input.value,
      defaultExpiry: { kind: defaultExpiry.input.value },
    };
  }

  function validate(profile) {
    const missing = [
      [name, profile.name, 'Give the project a name.'],
      [endpoint, profile.endpoint, 'Enter the API endpoint, e.g. https://cloud.appwrite.io/v1.'],
      [projectId, profile.projectId, 'Enter the project ID from the Appwrite Console.'],
      [apiKey, savedId || apiKey.input.value, 'Paste an API key for this project.'],
    ];
    let ok = true;
    for (const [f, value, message] of missing) {
      f.setError(value ? null : message);
      if (!value && ok) { f.input.focus(); ok = false; }
    }
    return ok;
  }

  /** The editor's fields by the name the backend gives them in an `invalid_profile` error. */
  const byField = { name, endpoint, projectId, group, defaultExpiry };

  /**
   * Saves. The typed key stays in its (password) field until the save succeeds, so a refused save
   * loses nothing; it is cleared as soon as the keychain has it. Throws an ApiError on failure,
   * except a field error, which is shown under that field (returns null).
   */
  async function save() {
    const profile = collect();
    if (!validate(profile)) return null;
    const key = apiKey.input.value || null;
    try {
      const summary = await api.saveProject(profile, key);
      apiKey.input.value = '';
      savedId = summary.id;
      apiKey.input.placeholder = 'stored in the keychain — leave empty to keep';
      onSaved(summary);
      return summary;
    } catch (e) {
      const target = e.code === 'invalid_profile' ? byField[e.field] : null;
      if (!target) throw e;
      target.setError(e.message);
      target.input.focus();
      return null;
    }
  }

  async function test() {
    testResult.replaceChildren(el('span', { className: 'muted', text: 'Testing…' }));
    try {
      if (!savedId) {
        const summary = await save();
        if (!summary) { testResult.replaceChildren(); return; }
      }
      const result = await api.testConnection(savedId);
      testResult.replaceChildren(
        el('p', { className: result.ok ? 'ok-text' : 'error-text', text: result.message || (result.ok ? 'Connected.' : 'The connection failed.') }),
        result.checks?.length ? el('ul', { className: 'checks', attrs: { 'aria-label': 'Permissions' } },
          result.checks.map((c) => el('li', { className: c.ok ? 'ok-text' : 'error-text', attrs: { 'data-scope': c.scope, 'data-ok': String(c.ok) } },
            `${c.ok ? '✓' : '✗'} ${c.scope}${c.ok ? '' : ' missing'}`))) : null);
    } catch (e) {
      testResult.replaceChildren(el('p', { className: 'error-text', attrs: { 'data-code': e.code }, text: e.message }));
    }
  }

  const testButton = el('button', { type: 'button', text: 'Test connection', on: { click: test } });
  openDialog({
    title: project ? `Edit project “${project.name}”` : 'Add project',
    className: 'project-editor',
    content: [
      name.row, endpoint.row, projectId.row, group.row, apiKey.row,
      el('label', { className: 'check-row' }, insecure, ' Accept a self-signed certificate'),
      el('p', { className: 'field-hint', text: 'Only for a server you run yourself: the connection is still encrypted but its certificate is not checked.' }),
      el('div', { className: 'field-pair' }, defaultLink.row, defaultExpiry.row),
      testResult,
    ],
    submitLabel: 'Save',
    extraActions: [testButton],
    onSubmit: async () => (await save()) !== null,
  });
}
