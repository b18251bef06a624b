// The "About Bucketdesk" dialog: version, licence, where settings, data and logs live, and whether
// the keychain works right now (Rust asks it when the dialog opens).

import { el } from '../lib/dom.js';
import { openDialog } from '../components/dialog.js';

/** One fact row; `name` becomes `data-fact` so tests and styles can find it. */
function fact(name, label, ...value) {
  return [el('dt', { text: label }), el('dd', { dataset: { fact: name } }, ...value)];
}

function keychainFacts(keychain) {
  const status = keychain.ok
    ? el('span', { className: 'ok-text', text: keychain.message })
    : el('span', { className: 'error-text', attrs: { role: 'alert' }, text: keychain.message });
  return [
    fact('keychain', 'Keychain', `${keychain.backend}, service “${keychain.service}”`),
    fact('keychain-status', 'Keychain now', status),
  ];
}

/** The facts `about` answered, as a definition list. */
export function aboutFacts(about) {
  return el('dl', { className: 'facts about-facts' },
    fact('version', 'Version', `v${about.version}`),
    fact('licence', 'Licence', about.licence),
    fact('config-dir', 'Settings', el('code', { text: about.configDir })),
    fact('data-dir', 'Data', el('code', { text: about.dataDir })),
    fact('logs', 'Logs', about.logs),
    keychainFacts(about.keychain));
}

/** Opens the About dialog over `api` and fills it once the app has answered. */
export function openAbout({ api }) {
  const loading = el('p', { className: 'muted', text: 'Reading the app’s details…' });
  const body = el('div', { className: 'about' },
    el('p', { text: 'Shares files out of Appwrite Storage with expiring file-token links.' }), loading);
  const parts = openDialog({ title: 'About Bucketdesk', className: 'about-dialog', content: body, cancelLabel: 'Close' });
  api.about().then(
    (about) => loading.replaceWith(aboutFacts(about)),
    (error) => { loading.remove(); parts.showError(error.message); },
  );
  return parts;
}
