// The drop target: while files from the desktop are dragged over the window, the file list is
// highlighted with two zones, "Upload" and "Upload and share"; a drop starts the upload with the
// dragged paths. The paths and the pointer's place come from Tauri's native drag-and-drop event
// (Rust reads the files; the page never holds their bytes). The event carries no modifier keys,
// so sharing in the same gesture is the share zone; a drop elsewhere follows the panel's toggle.

import { el } from '../lib/dom.js';
import { cssPoint, zoneAt, dropShares, dropTitle } from '../lib/drop-zones.js';
import { toast } from '../components/toast.js';
import { icon } from '../components/icon.js';

/** WebKitGTK and WKWebView give the pointer in the page's own pixels; WebView2 in physical ones. */
const LOGICAL = !/Windows/.test(globalThis.navigator?.userAgent ?? '');

/**
 * `over()` gives the element the target covers (the file list's pane); `place()` names where a
 * drop goes ("Documents", or null when no bucket is open); `share()` is the toggle;
 * `blocked()` says why a drop cannot start now (a dialog is open), or null;
 * `onDrop(paths, share)` starts the upload.
 */
export function createUploadDrop({ api, over, place, share, blocked = () => null, onDrop }) {
  const title = el('p', { className: 'drop-title' });
  const zone = (name, label, hint) => el('div', { className: 'drop-zone', attrs: { 'data-zone': name } },
    icon('arrow-up'), el('span', { className: 'drop-zone-label', text: label }), el('span', { className: 'drop-zone-hint', text: hint }));
  const uploadZone = zone('upload', 'Upload', 'Files go into the bucket');
  const shareZone = zone('share', 'Upload and share', 'A link per file, all copied when done');
  const zones = el('div', { className: 'drop-zones' }, uploadZone, shareZone);
  const target = el('div', { className: 'drop-target', hidden: true, attrs: { role: 'status', 'aria-live': 'polite' } }, title, zones);
  document.body.append(target);
  let count = null;

  function show(position) {
    const where = place();
    const box = over().getBoundingClientRect();
    Object.assign(target.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
    target.hidden = false;
    target.classList.toggle('blocked', !where);
    zones.hidden = !where;
    title.textContent = where ? dropTitle(count, where) : 'Open a bucket to upload into it';
    const under = zoneUnder(position);
    const chosen = under ?? (share() ? 'share' : 'upload');
    uploadZone.classList.toggle('active', chosen === 'upload');
    shareZone.classList.toggle('active', chosen === 'share');
  }

  function hide() {
    target.hidden = true;
    count = null;
  }

  function zoneUnder(position) {
    const point = cssPoint(position, { scale: globalThis.devicePixelRatio || 1, logical: LOGICAL });
    if (target.hidden || zones.hidden) return null;
    const rect = (node) => node.getBoundingClientRect();
    return zoneAt(point, [{ name: 'upload', rect: rect(uploadZone) }, { name: 'share', rect: rect(shareZone) }]);
  }

  function drop(paths, position) {
    const zoneName = zoneUnder(position);
    hide();
    if (!paths?.length) return;
    if (!place()) { toast('Open a bucket first: a drop uploads into the open bucket.', { kind: 'info' }); return; }
    const why = blocked();
    if (why) { toast(why, { kind: 'info' }); return; }
    onDrop(paths, dropShares(zoneName, share()));
  }

  const listening = api.onDragDrop(({ type, paths, position }) => {
    if (type === 'enter') { count = paths?.length ?? null; show(position); }
    if (type === 'over') show(position);
    if (type === 'drop') {
      // The target is laid out before the zone under the drop is read.
      if (target.hidden) { count = paths?.length ?? null; show(position); }
      drop(paths, position);
    }
    if (type === 'leave') hide();
  });
  listening.catch(() => { /* outside the app: nothing is dropped */ });

  return {
    /** Whether the target is up (something is being dragged over the window). */
    get shown() { return !target.hidden; },
  };
}
