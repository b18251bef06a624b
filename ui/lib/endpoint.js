// Where a project's key may go, as the editor shows it while the user types: plain HTTP to another
// machine needs an explicit choice, and an edit that moves the key to another origin or project
// needs the key typed again. Rust applies the same rules when it saves.

/**
 * Whether `hostname` (as `URL#hostname` gives it) is this machine: localhost, 127.0.0.0/8 or ::1.
 */
export function isLoopbackHost(hostname) {
  const host = String(hostname ?? '').toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function parse(text) {
  try {
    return new URL(String(text ?? '').trim());
  } catch {
    return null;
  }
}

/**
 * Whether the endpoint typed would send the key over plain HTTP to another machine, so the editor
 * offers "Send the key without encryption" (and warns when it is ticked).
 */
export function needsInsecureChoice(endpoint) {
  const url = parse(endpoint);
  return url !== null && url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/** "https://host:port" (default ports left out), or null when `endpoint` is not an http(s) URL. */
export function endpointOrigin(endpoint) {
  const url = parse(endpoint);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.origin : null;
}

/**
 * Whether saving `edited` ({endpoint, projectId}) over the stored project `saved` needs the key
 * again: the endpoint's origin (scheme, host, port) or the project ID changed. An endpoint that is
 * not a URL counts as a change. A new project (`saved` null) needs a key anyway, and says so
 * itself.
 */
export function keyRequired(saved, edited) {
  if (!saved) return false;
  const before = endpointOrigin(saved.endpoint);
  const after = endpointOrigin(edited.endpoint);
  if (before === null || after === null || before !== after) return true;
  return String(saved.projectId ?? '').trim() !== String(edited.projectId ?? '').trim();
}
