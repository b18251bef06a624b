// What the bucket details and a bucket's line in the sidebar say, as text (no DOM here, so it is
// tested in node).

import { formatBytes, formatCount, formatDateTime, TOTAL_CAP } from './format.js';

const onOff = (on) => (on ? 'On' : 'Off');

/**
 * The facts of a `bucket_details` answer in the order they are shown: `{name, label, value,
 * title?}` (`name` becomes `data-fact`; `title` is the longer wording a hover or focus shows).
 */
export function bucketFacts(d) {
  const count = Number(d.fileCount) || 0;
  const capped = typeof d.fileCountCapped === 'boolean' ? d.fileCountCapped : count >= TOTAL_CAP;
  const size = d.totalSize === null || d.totalSize === undefined
    ? { value: 'Not reported', title: 'This server does not report a bucket’s size (Appwrite 1.9 and later do).' }
    : { value: formatBytes(d.totalSize), title: `${formatCount(d.totalSize)} bytes` };
  const extensions = d.allowedFileExtensions ?? [];
  return [
    { name: 'id', label: 'ID', value: d.id },
    { name: 'name', label: 'Name', value: d.name },
    ...(description(d) ? [{ name: 'description', label: 'Description', value: description(d) }] : []),
    {
      name: 'files', label: 'Files', value: capped ? `${formatCount(TOTAL_CAP)}+` : formatCount(count),
      title: capped ? `Appwrite counts up to ${formatCount(TOTAL_CAP)} files; this bucket holds at least that many.` : undefined,
    },
    { name: 'total-size', label: 'Total size', ...size },
    { name: 'maximum-file-size', label: 'Largest file allowed', value: formatBytes(d.maximumFileSize), title: `${formatCount(d.maximumFileSize ?? 0)} bytes` },
    { name: 'extensions', label: 'Allowed extensions', value: extensions.length ? extensions.join(', ') : 'Any' },
    { name: 'file-security', label: 'File security', value: onOff(d.fileSecurity), title: 'On: each file’s own permissions apply as well as the bucket’s.' },
    { name: 'encryption', label: 'Encryption', value: onOff(d.encryption) },
    { name: 'antivirus', label: 'Antivirus', value: onOff(d.antivirus) },
    { name: 'transformations', label: 'Image transformations', value: onOff(d.transformations), title: 'On: previews (resized images) can be made of the bucket’s images.' },
    { name: 'compression', label: 'Compression', value: d.compression ? d.compression : 'none' },
    { name: 'enabled', label: 'Enabled', value: d.enabled === false ? 'No: only an API key reaches its files' : 'Yes' },
    { name: 'created', label: 'Created', value: formatDateTime(d.createdAt) },
  ];
}

/** A bucket's description (the newest Appwrite servers), or null when it has none or the server has none. */
function description(b) {
  const text = typeof b.description === 'string' ? b.description.trim() : '';
  return text || null;
}

/**
 * What a bucket's line in the sidebar says besides its name: `{description, size, sizeTitle}`,
 * each null when the server does not send it (a bucket's size: Appwrite 1.9 and later).
 */
export function bucketLine(b) {
  const sized = typeof b.totalSize === 'number' && Number.isFinite(b.totalSize);
  return {
    description: description(b),
    size: sized ? formatBytes(b.totalSize) : null,
    sizeTitle: sized ? `${formatCount(b.totalSize)} bytes in all its files` : null,
  };
}
