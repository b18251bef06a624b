// The app's keyboard map: which key press means which action, given where the focus is.

/** True when the key press is typing into a field, so single-letter shortcuts must not fire. */
export function isTypingTarget(target) {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = String(target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = String(target.type ?? 'text').toLowerCase();
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/**
 * The action for a keydown, or null. `event` needs key, ctrlKey, metaKey, altKey, shiftKey, target;
 * `inDialog` is true while a modal dialog is open (dialogs take their own keys, Esc included).
 *   Ctrl/Cmd+K  quickSwitch        Ctrl/Cmd+1..9  jumpProject (index 0..8)
 *   /  focusSearch    n  newToken    c  copyLink    Delete  deleteTokens
 */
export function shortcutFor(event, { inDialog = false } = {}) {
  if (inDialog) return null;
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.altKey && !event.shiftKey) {
    if (event.key === 'k' || event.key === 'K') return { action: 'quickSwitch' };
    if (/^[1-9]$/.test(event.key)) return { action: 'jumpProject', index: Number(event.key) - 1 };
    return null;
  }
  if (mod || event.altKey || isTypingTarget(event.target)) return null;
  switch (event.key) {
    case '/': return { action: 'focusSearch' };
    case 'n': return event.shiftKey ? null : { action: 'newToken' };
    case 'c': return event.shiftKey ? null : { action: 'copyLink' };
    case 'Delete': return { action: 'deleteTokens' };
    default: return null;
  }
}
