// What is shown right now (project, bucket, folder, file, selections) and the guard that drops
// stale answers.

const SCOPE_OF = {
  projects: [],
  buckets: ['profileId'],
  files: ['profileId', 'bucketId', 'folder'],
  folders: ['profileId', 'bucketId', 'folder'],
  file: ['profileId', 'bucketId', 'fileId'],
  tokens: ['profileId', 'bucketId', 'fileId'],
};

/**
 * The selection state. Every load takes a ticket with `begin(kind)`; when its answer arrives,
 * `accepts(ticket, answer)` says whether it may be shown: it must be the newest request of its
 * kind, for the project/bucket/file still shown, and the answer's own `profileId` (when present)
 * must match.
 */
export function createStore() {
  let state = {
    profileId: null,
    bucketId: null,
    // The folder of the bucket listed: "" for its root, else a path with a trailing slash.
    folder: '',
    fileId: null,
    fileSelection: new Set(),
    tokenSelection: new Set(),
    tokenCursor: null,
  };
  const latest = new Map();

  function set(patch) {
    state = { ...state, ...patch };
  }

  return {
    get state() { return state; },

    selectProfile(profileId) {
      set({
        profileId, bucketId: null, folder: '', fileId: null,
        fileSelection: new Set(), tokenSelection: new Set(), tokenCursor: null,
      });
    },
    selectBucket(bucketId) {
      set({ bucketId, folder: '', fileId: null, fileSelection: new Set(), tokenSelection: new Set(), tokenCursor: null });
    },
    /** Lists another folder of the open bucket: the open file stays open, the ticked files are let go. */
    selectFolder(folder) {
      set({ folder, fileSelection: new Set() });
    },
    selectFile(fileId) {
      set({ fileId, tokenSelection: new Set(), tokenCursor: null });
    },
    setFileSelection(fileSelection) { set({ fileSelection }); },
    setTokenSelection(tokenSelection, tokenCursor = state.tokenCursor) {
      set({ tokenSelection, tokenCursor });
    },

    /** Starts a request of `kind`; older requests of that kind stop being accepted. */
    begin(kind) {
      const n = (latest.get(kind) ?? 0) + 1;
      latest.set(kind, n);
      const scope = {};
      for (const key of SCOPE_OF[kind] ?? ['profileId']) scope[key] = state[key];
      return { kind, n, scope };
    },

    /** True when the answer to `ticket` is still wanted and belongs to what is shown. */
    accepts(ticket, answer) {
      if (latest.get(ticket.kind) !== ticket.n) return false;
      if (!this.stillShowing(ticket.scope)) return false;
      if (answer && typeof answer === 'object' && 'profileId' in answer && answer.profileId !== state.profileId) {
        return false;
      }
      return true;
    },

    /**
     * True when every key of `scope` (profileId, bucketId, folder, fileId) still matches what is
     * shown.
     */
    stillShowing(scope) {
      return Object.entries(scope).every(([key, value]) => state[key] === value);
    },
  };
}

export const store = createStore();
