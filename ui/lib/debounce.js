// Delays a call until input has been quiet for a moment (search-as-you-type).

/** `fn` wrapped so it runs `ms` after the last call; `.cancel()` drops a pending run. */
export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; fn(...args); }, ms);
  };
  wrapped.cancel = () => { clearTimeout(timer); timer = null; };
  return wrapped;
}
