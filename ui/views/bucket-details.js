// The open bucket's details in a dialog: its ID, file count ("5,000+" past Appwrite's count),
// size where the server reports it, and its settings (Rust asks the server when it opens).

import { el } from '../lib/dom.js';
import { bucketFacts } from '../lib/bucket-facts.js';
import { openDialog } from '../components/dialog.js';
import { copyIdIcon } from '../components/copy-id.js';

/** The facts as a definition list; each value keeps its whole text in its tooltip. */
export function bucketFactList(details) {
  return el('dl', { className: 'facts bucket-facts' }, bucketFacts(details).map((f) => [
    el('dt', { text: f.label }),
    el('dd', { dataset: { fact: f.name }, title: f.title ?? f.value },
      el('span', { className: 'fact-value', text: f.value }),
      f.name === 'id' ? copyIdIcon(f.value, 'Bucket ID') : null),
  ]));
}

/** Opens the details of the bucket shown now; an answer for another bucket is not shown. */
export function openBucketDetails({ api, store, name = '' }) {
  const { profileId, bucketId } = store.state;
  if (!profileId || !bucketId) return null;
  const loading = el('p', { className: 'muted', text: 'Asking the server about this bucket…' });
  const body = el('div', { className: 'bucket-details' }, loading);
  const parts = openDialog({
    title: name ? `Bucket “${name}”` : 'Bucket details', className: 'bucket-details-dialog', content: body, cancelLabel: 'Close',
  });
  api.bucketDetails({ profileId, bucketId }).then(
    (details) => {
      if (!store.stillShowing({ profileId, bucketId }) || details.id !== bucketId) return;
      loading.replaceWith(bucketFactList(details));
    },
    (error) => { loading.remove(); parts.showError(error.message); },
  );
  return parts;
}
