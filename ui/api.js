// The only module that calls Tauri's `invoke` or listens to backend events: every failure comes
// back as an ApiError with the stable `code` Rust sent, so views branch on codes, never on message
// text.
//
// Each method makes one call on one line: the Rust command's snake_case name as a string, then an
// object literal of its camelCase argument names (`name` or `name: value`, no braces or commas
// inside a value), so a test can read this file and compare it with the commands the app registers.

export class ApiError extends Error {
  /**
   * `field` names the form field the error is about (`name`, `endpoint`, `projectId`, ...), if any.
   */
  constructor(code, message, field = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }
}

/** Turns whatever `invoke` rejected with into an ApiError. */
export function toApiError(raw) {
  if (raw instanceof ApiError) return raw;
  if (raw && typeof raw === 'object' && typeof raw.code === 'string') {
    const field = typeof raw.field === 'string' ? raw.field : null;
    return new ApiError(raw.code, String(raw.message ?? raw.code), field);
  }
  if (typeof raw === 'string') return new ApiError('internal', raw);
  return new ApiError('internal', 'Bucketdesk could not complete that request.');
}

function tauri(part) {
  const fn = globalThis.__TAURI__?.[part === 'listen' ? 'event' : 'core']?.[part];
  if (typeof fn !== 'function') {
    throw new ApiError('no_backend', 'This page must run inside the Bucketdesk app.');
  }
  return fn;
}

const orNull = (value) => (value === undefined || value === '' ? null : value);

/**
 * Builds the API over `invoke(command, args)` and `listen(event, handler)` (Tauri's by default;
 * unit tests pass recording stand-ins). Method arguments mirror the Rust commands' arguments.
 */
export function createApi(
  invoke = (...args) => tauri('invoke')(...args),
  listen = (...args) => tauri('listen')(...args),
) {
  async function call(command, args) {
    try {
      return await invoke(command, args);
    } catch (raw) {
      throw toApiError(raw);
    }
  }

  async function subscribe(event, handler) {
    try {
      return await listen(event, (message) => handler(message.payload));
    } catch (raw) {
      throw toApiError(raw);
    }
  }

  return {
    appInfo: () => call('app_info'),
    /**
     * {name, version, licence, configDir, dataDir, logs, keychain: {backend, service, ok, code,
     * message}}; asks the keychain, so call it when the About view opens, not at start.
     */
    about: () => call('about'),
    /**
     * The first screen in one call: {info (as appInfo), projects (as listProjects), buckets (as
     * listBuckets for projects.currentId) or null, bucketsError: {code, message} or null}.
     */
    startScreen: () => call('start_screen'),

    // Settings (settings.json in the config folder).
    /**
     * {settings: {theme, defaultLink, defaultExpiry, linksFormat}, notice: null or a sentence
     * saying the settings file was damaged and the defaults stand in}.
     */
    getSettings: () => call('get_settings'),
    /** Saves every setting at once; resolves as getSettings. */
    saveSettings: (settings) => call('save_settings', { settings }),

    // Projects (profiles).
    listProjects: () => call('list_projects'),
    /** `apiKey` null keeps the stored key. */
    saveProject: (profile, apiKey) => call('save_project', { profile, apiKey: orNull(apiKey) }),
    duplicateProject: (profileId) => call('duplicate_project', { profileId }),
    deleteProject: (profileId) => call('delete_project', { profileId }),
    selectProject: (profileId) => call('select_project', { profileId }),
    /** `folder` "" or null: the bucket's root. */
    rememberLast: ({ profileId, bucketId = null, folder = null, fileId = null }) =>
      call('remember_last', { profileId, bucketId: orNull(bucketId), folder: orNull(folder), fileId: orNull(fileId) }),
    /**
     * {ok, message, checks: [{scope, ok}], certificate: null or {sha256, subject, issuer, notAfter,
     * trusted}, code: null or an error code such as untrusted_certificate or certificate_changed}.
     */
    testConnection: (profileId) => call('test_connection', { profileId }),
    /**
     * Tests the editor's `profile` (with `id` when editing) as typed, saving nothing; `apiKey` null
     * uses the stored key of an edit that still points to the same place. Resolves as
     * testConnection, plus `suggestedEndpoint` (null or the endpoint to offer instead).
     */
    testDraftConnection: (profile, apiKey) => call('test_draft_connection', { profile, apiKey: orNull(apiKey) }),
    /**
     * Asks where to save with the platform's dialog and writes the projects there (no keys);
     * resolves to the file's path, or null when the dialog was cancelled.
     */
    exportProjectsFile: () => call('export_projects_file'),
    importProjects: (json) => call('import_projects', { json }),
    resetDemo: () => call('reset_demo'),

    // Browsing.
    listBuckets: ({ profileId, search = null }) =>
      call('list_buckets', { profileId, search: orNull(search) }),
    /**
     * A page of `folder`'s own files (null or "": the bucket's root), or with a search of its
     * whole subtree: after `cursor`, at `offset`, or from the end (`fromEnd`: the last page, or
     * the one before `cursor`). {profileId, bucketId, folder, foldersSupported, total,
     * totalCapped, files, nameMatches, nextCursor, fromEnd}; a search's first page starts with its
     * `nameMatches` files matched by name. On a server without folders the folder is ignored.
     */
    listFiles: ({ profileId, bucketId, folder = null, search = null, sort = 'name', order = 'asc', cursor = null, limit = 100, offset = null, fromEnd = false }) =>
      call('list_files', { profileId, bucketId, folder: orNull(folder), search: orNull(search), sort, order, cursor: orNull(cursor), limit, offset: orNull(offset), fromEnd }),
    /**
     * `folder`'s subfolders (null or "": the root's), from an index of the bucket's folders Rust
     * keeps (`refresh`: walk the bucket again first). {profileId, bucketId, folder, supported,
     * folders: [{name, path, files}]}; `supported` false (and no folders) on a server without.
     */
    listSubfolders: ({ profileId, bucketId, folder = null, refresh = false }) =>
      call('list_subfolders', { profileId, bucketId, folder: orNull(folder), refresh }),
    /**
     * {id, name, fileCount, fileCountCapped, totalSize (null when the server does not say),
     * maximumFileSize, allowedFileExtensions, fileSecurity, encryption, antivirus, transformations,
     * compression, enabled, createdAt, updatedAt}.
     */
    bucketDetails: ({ profileId, bucketId }) => call('bucket_details', { profileId, bucketId }),
    getFile: ({ profileId, bucketId, fileId }) => call('get_file', { profileId, bucketId, fileId }),
    fileThumbnail: ({ profileId, bucketId, fileId }) =>
      call('file_thumbnail', { profileId, bucketId, fileId }),

    // Tokens.
    listTokens: ({ profileId, bucketId, fileId }) =>
      call('list_tokens', { profileId, bucketId, fileId }),
    resolveExpiry: (expiry) => call('resolve_expiry', { expiry }),
    createToken: ({ profileId, bucketId, fileId, expiry }) =>
      call('create_token', { profileId, bucketId, fileId, expiry }),
    updateTokenExpiry: ({ profileId, tokenId, expiry }) =>
      call('update_token_expiry', { profileId, tokenId, expiry }),
    deleteTokens: ({ profileId, tokenIds }) => call('delete_tokens', { profileId, tokenIds }),
    /** `kind` null uses the project's default link kind. Rust writes the link to the clipboard. */
    copyLink: ({ profileId, tokenId, kind = null }) =>
      call('copy_link', { profileId, tokenId, kind: orNull(kind) }),
    /**
     * Rust puts the token's secret on the clipboard; the web view never sees it. Resolves to null.
     */
    copySecret: ({ profileId, tokenId }) => call('copy_secret', { profileId, tokenId }),
    /**
     * Rust builds the token's link (`kind` null: the project's default) and opens it in the
     * default browser; the web view never gets it. Resolves to {kind, expire}.
     */
    openLink: ({ profileId, tokenId, kind = null }) =>
      call('open_link', { profileId, tokenId, kind: orNull(kind) }),
    /**
     * Makes a token per file and has Rust copy their links in `format` (`links`, `nameLink` or
     * `markdown`, see lib/links-format.js; null: links only), naming each file by `fileNames`
     * (in the order of `fileIds`). Resolves to {created: [{fileId, tokenId, answerLost}],
     * failures: [{fileId, code, message}], copied}.
     */
    createLinks: ({ profileId, bucketId, fileIds, expiry, kind = null, format = null, fileNames = null }) =>
      call('create_links', { profileId, bucketId, fileIds, expiry, kind: orNull(kind), format: orNull(format), fileNames: orNull(fileNames) }),
    /**
     * Copies the links of tokens already made (e.g. all of a bulk run after a retry) in `format`,
     * each with a freshly fetched secret, naming each by `fileNames` (in the order of `tokenIds`).
     * Resolves to {copied, failures: [{tokenId, code, message}]}.
     */
    copyLinks: ({ profileId, tokenIds, kind = null, format = null, fileNames = null }) =>
      call('copy_links', { profileId, tokenIds, kind: orNull(kind), format: orNull(format), fileNames: orNull(fileNames) }),

    // Uploads, downloads, deletes and QR codes: Rust reads and writes the files; the page only
    // passes paths and shows progress (the upload-progress, upload-done, download-progress and
    // download-done events, below).
    /**
     * Starts uploading local `paths` (files or folders, a folder's files keeping their relative
     * paths) into `folder` (null: the bucket's root); `share` makes a link per file and copies
     * them all when the batch ends. Resolves at once to {batchId, profileId, bucketId, share,
     * items: [UploadItem]}.
     */
    uploadFiles: ({ profileId, bucketId, folder = null, paths, share = false }) => call('upload_files', { profileId, bucketId, folder: orNull(folder), paths, share }),
    /** As uploadFiles, with the files chosen in the platform's dialog; null when it is cancelled. */
    chooseUploadFiles: ({ profileId, bucketId, folder = null, share = false }) => call('choose_upload_files', { profileId, bucketId, folder: orNull(folder), share }),
    /** Cancels one file of a batch, or the whole batch when `uploadId` is null. */
    cancelUpload: ({ batchId, uploadId = null }) => call('cancel_upload', { batchId, uploadId: orNull(uploadId) }),
    /** Sends a file again (or every stopped file of the batch), from what the server has. */
    retryUpload: ({ batchId, uploadId = null }) => call('retry_upload', { batchId, uploadId: orNull(uploadId) }),
    /** [UploadItem with batchId and bucketId] an earlier run left unfinished for the project. */
    pendingUploads: (profileId) => call('pending_uploads', { profileId }),
    /** Restarts them; resolves to the batches [UploadBatch]. */
    resumeUploads: (profileId) => call('resume_uploads', { profileId }),
    /** Whether "Upload and share" is on for the project (remembered per project). */
    getShareOnUpload: (profileId) => call('get_share_on_upload', { profileId }),
    setShareOnUpload: ({ profileId, on }) => call('set_share_on_upload', { profileId, on }),
    /**
     * Asks for a folder with the platform's dialog and streams the files there; resolves to
     * {batchId, dir}, or null when the dialog is cancelled.
     */
    downloadFiles: ({ profileId, bucketId, fileIds }) => call('download_files', { profileId, bucketId, fileIds }),
    /** Cancels one file of a download batch, or all of it when `fileId` is null. */
    cancelDownload: ({ batchId, fileId = null }) => call('cancel_download', { batchId, fileId: orNull(fileId) }),
    /** [{fileId, name, tokens}]: what deleting the files would take with them. */
    deleteSummary: ({ profileId, bucketId, fileIds }) => call('delete_summary', { profileId, bucketId, fileIds }),
    /** {deleted: [fileId], failed: [{fileId, code, message}]}. */
    deleteFiles: ({ profileId, bucketId, fileIds }) => call('delete_files', { profileId, bucketId, fileIds }),
    /**
     * {image: "data:image/svg+xml;base64,…"}: the token's link of `kind` (null: the project's
     * default) as a QR code; the link itself reaches the page only inside the image.
     */
    linkQr: ({ profileId, bucketId, fileId, tokenId, kind = null }) => call('link_qr', { profileId, bucketId, fileId, tokenId, kind: orNull(kind) }),

    /**
     * Calls `handler({profileId, done, total})` while create_links runs; resolves to an unlisten.
     */
    onBulkProgress: (handler) => subscribe('bulk-progress', handler),
    /** `handler({batchId, profileId, bucketId, item: UploadItem})` on each change; an unlisten. */
    onUploadProgress: (handler) => subscribe('upload-progress', handler),
    /** `handler({batchId, profileId, bucketId, done, failed, cancelled, linksCopied, expiry})`. */
    onUploadDone: (handler) => subscribe('upload-done', handler),
    /** `handler({batchId, item: {fileId, name, size, received, state, error, path}})`. */
    onDownloadProgress: (handler) => subscribe('download-progress', handler),
    /** `handler({batchId, done, failed, cancelled})` when a download batch has ended. */
    onDownloadDone: (handler) => subscribe('download-done', handler),
    /**
     * Tauri's native drag and drop over the window (the paths of what the desktop drags; the page
     * never reads the files): `handler({type: 'enter' | 'over' | 'drop' | 'leave', paths,
     * position})`, `paths` on enter and drop. Resolves to one unlisten for all four.
     */
    onDragDrop: async (handler) => {
      const types = ['enter', 'over', 'drop', 'leave'];
      const offs = await Promise.all(types.map((type) => subscribe(`tauri://drag-${type}`, (payload) =>
        handler({ type, paths: payload?.paths ?? null, position: payload?.position ?? null }))));
      return () => offs.forEach((off) => off());
    },
    /**
     * Calls `handler(item)` when the native menu (macOS) asks the page for a view: `about` or
     * `preferences`; resolves to an unlisten.
     */
    onMenu: (handler) => subscribe('menu', handler),
  };
}

export const api = createApi();
