// The only module that calls Tauri's `invoke`: every call goes through here and every failure comes back as
// an ApiError with the stable `code` the Rust side sent, so views branch on codes, never on message text.

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** Turns whatever `invoke` rejected with into an ApiError. */
export function toApiError(raw) {
  if (raw instanceof ApiError) return raw;
  if (raw && typeof raw === 'object' && typeof raw.code === 'string') {
    return new ApiError(raw.code, String(raw.message ?? raw.code));
  }
  if (typeof raw === 'string') return new ApiError('internal', raw);
  return new ApiError('internal', 'Bucketdesk could not complete that request.');
}

function tauriInvoke() {
  const invoke = globalThis.__TAURI__?.core?.invoke;
  if (typeof invoke !== 'function') {
    throw new ApiError('no_backend', 'This page must run inside the Bucketdesk app.');
  }
  return invoke;
}

/** Builds the API over an `invoke` function (the real one by default; unit tests pass their own). */
export function createApi(invoke = (...args) => tauriInvoke()(...args)) {
  async function call(command, args) {
    try {
      return await invoke(command, args);
    } catch (raw) {
      throw toApiError(raw);
    }
  }
  return {
    appInfo: () => call('app_info'),
  };
}

export const api = createApi();
