// How "Create links" puts many links on the clipboard: links only, "name — link" lines or a
// Markdown list (the choice is a setting: lib/settings.js). Rust writes the clipboard (the links hold secrets the web view never sees);
// `linkLines` is the exact text it must write for each format, kept here as the one definition
// the tests hold both sides to.

export const LINKS_FORMATS = [
  { format: 'links', label: 'Links only', summary: 'one per line' },
  { format: 'nameLink', label: 'Name — link', summary: 'one “name — link” per line' },
  { format: 'markdown', label: 'Markdown list', summary: 'as a Markdown list' },
];

export const DEFAULT_LINKS_FORMAT = 'links';

/** The format named `format`, or the default's entry for anything unknown. */
export function linksFormat(format) {
  return LINKS_FORMATS.find((f) => f.format === format) ?? LINKS_FORMATS[0];
}

/** A name on one line: line breaks and tabs become one space. */
const oneLine = (text) => String(text ?? '').replace(/[\r\n\t]+/g, ' ').trim();

/**
 * The clipboard text for `items` ([{name, link}], in order) in `format`, one line per item joined
 * by "\n" with no newline at the end:
 * - `links`: the link;
 * - `nameLink`: the name, " — " (an em dash between spaces), the link;
 * - `markdown`: "- [name](link)", with `\`, `[` and `]` in the name escaped with a backslash and
 *   `(`, `)` and spaces in the link percent-encoded.
 * A name's line breaks and tabs become one space.
 */
export function linkLines(format, items) {
  const line = {
    links: ({ link }) => link,
    nameLink: ({ name, link }) => `${oneLine(name)} — ${link}`,
    markdown: ({ name, link }) => `- [${oneLine(name).replace(/[\\[\]]/g, '\\$&')}](${
      String(link).replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20')})`,
  }[linksFormat(format).format];
  return items.map(line).join('\n');
}
