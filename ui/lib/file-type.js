// The short type a file's placeholder thumbnail shows ("TXT", "PDF", "DOCX"): its name's extension,
// else a name for its MIME type, never a cut-off word ("PLAI" for text/plain).

const BY_MIME = {
  'text/plain': 'TXT',
  'text/markdown': 'MD',
  'text/javascript': 'JS',
  'image/jpeg': 'JPG',
  'image/svg+xml': 'SVG',
  'application/json': 'JSON',
  'application/msword': 'DOC',
  'application/octet-stream': 'FILE',
  'application/x-zip-compressed': 'ZIP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
};

/** At most this many letters fit the thumbnail; anything longer is named "FILE". */
export const BADGE_LETTERS = 5;

/** The badge for a file {name, mimeType}. */
export function typeBadge({ name = '', mimeType = '' } = {}) {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1];
  if (extension && extension.length <= BADGE_LETTERS) return extension.toUpperCase();
  const type = String(mimeType).toLowerCase().split(';')[0].trim();
  if (BY_MIME[type]) return BY_MIME[type];
  // "x-tar" is TAR, "vnd.ms-excel" EXCEL, "ld+json" JSON: the last short word, else the first.
  const words = (type.split('/')[1] ?? '').replace(/^(x-|vnd\.)/, '').split(/[.+-]/).filter(Boolean);
  const word = [words[words.length - 1], words[0]].find((w) => w && w.length <= BADGE_LETTERS);
  return word ? word.toUpperCase() : 'FILE';
}
