// An error banner that says what happened and offers Retry, so the window is never blank or stuck.

/** Shows `error` (an ApiError) in `root`, with a Retry button that calls `onRetry`. */
export function renderErrorBanner(root, error, onRetry) {
  root.replaceChildren();
  const banner = document.createElement('div');
  banner.className = 'banner';
  banner.setAttribute('role', 'alert');
  banner.dataset.code = error.code ?? 'internal';
  banner.textContent = error.message;
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.textContent = 'Retry';
  retry.addEventListener('click', onRetry);
  banner.append(retry);
  root.append(banner);
}
