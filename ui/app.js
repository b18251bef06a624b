// Bucketdesk's UI entry: loads the projects, hands each view its part of the page, wires them
// together and maps the keyboard. Never builds URLs, never holds an API key.

import { api } from './api.js';
import { firstScreen } from './first-screen.js';
import { store } from './lib/store.js';
import { displayOrder } from './lib/projects.js';
import { shortcutFor } from './lib/shortcuts.js';
import { createSettings, applyTheme, rememberedTheme } from './lib/settings.js';
import { importSummary, certificatePrompt } from './lib/reports.js';
import { errorBanner, noticeBanner } from './components/banner.js';
import { toast, toastError } from './components/toast.js';
import { confirmDialog, dialogOpen } from './components/dialog.js';
import { createProjectsView } from './views/projects.js';
import { openProjectEditor } from './views/project-editor.js';
import { createBucketsView } from './views/buckets.js';
import { createFilesView } from './views/files.js';
import { createFileDetail } from './views/file-detail.js';
import { openQuickSwitcher } from './views/quick-switcher.js';
import { openBulkLinks } from './views/bulk-links.js';
import { openAbout } from './views/about.js';
import { openShortcuts } from './views/shortcuts.js';
import { openSettings } from './views/settings.js';
import { createPanes } from './views/panes.js';
import { createTransfersView } from './views/transfers.js';
import { createUploadDrop } from './views/upload-drop.js';
import { createFileCommands } from './views/file-commands.js';
import { debounce } from './lib/debounce.js';

// The last start's theme for the first frame; Rust's settings.json decides once it answers.
applyTheme(rememberedTheme());
const settings = createSettings(api);
const settingsLoaded = settings.load().catch((e) => toastError(e, 'The settings were not read'));
const showSettings = () => { if (!dialogOpen()) openSettings({ settings }); };

let projects = [];
const currentProject = () => projects.find((p) => p.id === store.state.profileId) ?? null;

/** Extra banner buttons for errors the project's settings can fix. */
function errorActions(error) {
  const p = currentProject();
  if (!p || p.isDemo) return [];
  const fixable = ['invalid_key', 'no_key', 'missing_scope', 'tls', 'untrusted_certificate', 'certificate_changed',
    'network', 'not_found'];
  if (fixable.includes(error.code)) {
    return [{ label: 'Edit project', onClick: () => editProject(p) }];
  }
  return [];
}

const panes = createPanes();
const projectsView = createProjectsView({
  root: document.getElementById('projects-pane'),
  actions: {
    switchTo: (id) => switchProject(id),
    add: () => editProject(null),
    edit: (p) => editProject(p),
    duplicate: duplicateProject,
    remove: deleteProject,
    test: testProject,
    resetDemo,
    importFile,
    exportAll,
  },
});
const buckets = createBucketsView({
  api, store, root: document.getElementById('buckets-pane'), errorActions,
  onOpen: (id) => openBucket(id),
});
// Uploads, downloads and deletes: the panel under the list shows what Rust moves; the list
// follows as files come and go.
const filesSoon = debounce(() => files.update(), 300);
const transfers = createTransfersView({
  api, store, root: document.getElementById('transfers-pane'), project: currentProject,
  onUpload: () => commands.chooseUpload(),
  onFileDone: (r) => { if (store.stillShowing({ profileId: r.profileId, bucketId: r.bucketId })) filesSoon(); },
  onBatchDone: (b) => { if (store.stillShowing({ profileId: b.profileId, bucketId: b.bucketId })) filesSoon(); },
});
const commands = createFileCommands({
  api, store, transfers,
  onDeleted: (gone) => {
    files.forget(gone);
    if (gone.has(store.state.fileId)) { store.selectFile(null); files.markOpen(); detail.empty(); remember(); }
  },
});
createUploadDrop({
  api,
  over: () => document.getElementById('files-pane'),
  place: () => {
    const { bucketId } = store.state;
    if (!bucketId) return null;
    const name = buckets.bucket(bucketId)?.name ?? bucketId;
    return store.state.folder ? `${name} / ${store.state.folder}` : name;
  },
  share: () => transfers.share,
  blocked: () => (dialogOpen() ? 'Close the open dialog first, then drop the files again.' : null),
  onDrop: (paths, share) => commands.upload(paths, share),
});
const files = createFilesView({
  api, store, root: document.getElementById('files-pane'), errorActions, commands,
  onOpen: (id) => openFile(id),
  onFolder: () => remember(),
  onCreateLinks: (chosen) => {
    const p = currentProject();
    if (!p) return;
    openBulkLinks({
      api, settings, project: p, bucketId: store.state.bucketId, files: chosen,
      onDone: (answer) => {
        if (!store.state.fileId) return;
        detail.tokens.markAnswerLost((answer.created ?? []).filter((c) => c.answerLost).map((c) => c.tokenId));
        detail.tokens.load();
      },
    });
  },
});
const detail = createFileDetail({
  api, store, root: document.getElementById('detail-pane'), project: currentProject, errorActions,
  onShown: (open) => panes.setFileOpen(open),
  onClose: () => closeFile(),
});

function renderProjects() {
  projectsView.render(projects, store.state.profileId);
  const p = currentProject();
  const name = document.getElementById('current-project-name');
  name.textContent = p ? p.name : 'None';
  name.title = name.textContent;
}

function remember() {
  const { profileId, bucketId, folder, fileId } = store.state;
  if (profileId) api.rememberLast({ profileId, bucketId, folder, fileId }).catch(() => {});
}

/**
 * Shows project `id`; `restore` ({bucketId, folder, fileId}) reopens where the user left off;
 * `listed` is its buckets' answer when the first screen already brought it.
 */
async function switchProject(id, restore = null, listed = null) {
  if (!projects.some((p) => p.id === id)) return;
  if (id === store.state.profileId && !restore) return;
  store.selectProfile(id);
  renderProjects();
  buckets.reset();
  files.clear();
  detail.empty();
  transfers.showProject(id);
  if (!restore) api.selectProject(id).catch((e) => toastError(e, 'The project choice was not saved'));
  const list = await buckets.load(listed);
  if (restore?.bucketId && list?.some((b) => b.id === restore.bucketId) && store.state.profileId === id) {
    openBucket(restore.bucketId, restore.fileId, restore.folder);
  }
}

/** Opens bucket `id` at `folder` (its root by default), and file `fileId` in it if given. */
function openBucket(id, fileId = null, folder = '') {
  if (id === store.state.bucketId) {
    if (fileId) openFile(fileId);
    return;
  }
  store.selectBucket(id);
  buckets.markOpen();
  files.open(buckets.bucket(id)?.name ?? id, folder ?? '');
  transfers.repaint();
  if (fileId) openFile(fileId); else { detail.empty(); remember(); }
}

function openFile(id) {
  if (id === store.state.fileId) return;
  store.selectFile(id);
  files.markOpen();
  detail.show();
  remember();
}

/** Closes the open file: the list takes the width again, its row keeps the keyboard cursor. */
function closeFile() {
  if (!store.state.fileId) return;
  store.selectFile(null);
  files.markOpen();
  detail.empty();
  files.focusList();
  remember();
}

async function reloadProjects() {
  return showProjects(await api.listProjects());
}

function showProjects(answer) {
  projects = answer.projects;
  renderProjects();
  return answer;
}

function editProject(project) {
  openProjectEditor({
    api, project, defaults: settings.get(),
    onSaved: async (summary) => {
      const isNew = !projects.some((p) => p.id === summary.id);
      await reloadProjects().catch((e) => toastError(e));
      toast(isNew ? `Project “${summary.name}” added` : `Project “${summary.name}” saved`, { kind: 'success' });
      if (isNew) switchProject(summary.id);
      else if (summary.id === store.state.profileId) {
        const keep = { bucketId: store.state.bucketId, folder: store.state.folder, fileId: store.state.fileId };
        store.selectProfile(null);
        switchProject(summary.id, keep);
      }
    },
  });
}

async function duplicateProject(p) {
  try {
    const copy = await api.duplicateProject(p.id);
    await reloadProjects();
    const detail = copy.hasKey ? 'The copy uses the same API key.' : 'The copy has no key until you add one.';
    toast(`Duplicated as “${copy.name}”`, { kind: 'success', detail });
    switchProject(copy.id);
    editProject(projects.find((x) => x.id === copy.id) ?? copy);
  } catch (e) { toastError(e, 'The project was not duplicated'); }
}

async function deleteProject(p) {
  const ok = await confirmDialog({
    title: 'Delete project',
    message: `Delete the project “${p.name}”?`,
    detail: 'Its settings and its API key in the keychain are removed. Nothing changes on the server.',
    confirmLabel: 'Delete',
  });
  if (!ok) return;
  try {
    await api.deleteProject(p.id);
    const answer = await reloadProjects();
    toast(`Project “${p.name}” deleted`, { kind: 'success' });
    if (store.state.profileId === p.id) switchProject(answer.currentId ?? displayOrder(projects)[0]?.id);
  } catch (e) { toastError(e, 'The project was not deleted'); }
}

async function testProject(p) {
  const pending = toast(`Testing “${p.name}”…`);
  try {
    const result = await api.testConnection(p.id);
    pending.remove();
    const missing = (result.checks ?? []).filter((c) => !c.ok).map((c) => c.scope);
    let detail = missing.length ? `Missing: ${missing.join(', ')}` : null;
    if (certificatePrompt(result)) {
      detail = 'Edit the project and run Test connection there to see the certificate and trust it.';
    }
    toast(result.message || (result.ok ? 'Connected.' : 'The connection failed.'), {
      kind: result.ok ? 'success' : 'error', detail,
    });
  } catch (e) { pending.remove(); toastError(e); }
}

async function resetDemo() {
  const ok = await confirmDialog({
    title: 'Reset demo data',
    message: 'Put the demo project back to its sample buckets, files and tokens?',
    detail: 'Tokens and changes made in the demo are lost. Your other projects are not touched.',
    confirmLabel: 'Reset demo data',
  });
  if (!ok) return;
  try {
    await api.resetDemo();
    toast('Demo data reset', { kind: 'success' });
    const demo = projects.find((p) => p.isDemo);
    if (demo && store.state.profileId === demo.id) { store.selectProfile(null); switchProject(demo.id, {}); }
  } catch (e) { toastError(e, 'The demo was not reset'); }
}

async function importFile(file) {
  try {
    const answer = await api.importProjects(await file.text());
    await reloadProjects();
    const summary = importSummary(answer);
    toast(summary.message, { kind: summary.kind, detail: summary.detail });
  } catch (e) { toastError(e, 'Nothing was imported'); }
}

async function exportAll() {
  try {
    const path = await api.exportProjectsFile();
    if (!path) return; // the save dialog was cancelled: nothing written, nothing to say
    toast('Projects exported', { kind: 'success', detail: `Saved to ${path}. The file holds no API keys.` });
  } catch (e) { toastError(e, 'Nothing was exported'); }
}

/** F5 / Ctrl+R: fetches what is shown again (buckets, the open bucket's files, the open file). */
function refresh() {
  if (!store.state.profileId) return;
  buckets.refresh();
  if (store.state.bucketId) files.refresh();
  if (store.state.fileId) detail.show();
}

function onKeydown(event) {
  if (event.defaultPrevented) return;
  const shortcut = shortcutFor(event, { inDialog: dialogOpen() });
  if (!shortcut) return;
  event.preventDefault();
  switch (shortcut.action) {
    case 'quickSwitch':
      openQuickSwitcher({ projects, currentId: store.state.profileId, onSwitch: (id) => switchProject(id) });
      break;
    case 'jumpProject': {
      const p = displayOrder(projects)[shortcut.index];
      if (p) switchProject(p.id);
      break;
    }
    case 'focusSearch':
      if (store.state.bucketId && !document.querySelector('.sidebar').contains(document.activeElement)) files.focusSearch();
      else { panes.showSidebar(); buckets.focusSearch(); }
      break;
    case 'newToken': if (store.state.fileId) detail.tokens.create(); break;
    case 'copyLink': if (store.state.fileId) detail.tokens.copySelected(); break;
    case 'showQr': if (store.state.fileId) detail.tokens.showQrSelected(); break;
    case 'upload': commands.chooseUpload(); break;
    case 'deleteTokens': if (store.state.fileId) detail.tokens.deleteSelected(); break;
    case 'toggleSidebar': panes.toggleSidebar(); break;
    case 'refresh': if (!dialogOpen()) refresh(); break;
    case 'showShortcuts': openShortcuts(); break;
    case 'about': openAbout({ api }); break;
    case 'settings': showSettings(); break;
    default: break;
  }
}

/**
 * Marks, in the page's performance timeline, the frame in which the first screen (the projects and
 * the current project's buckets) is first drawn, so a benchmark can read when it was on screen.
 */
function markFirstScreen() {
  requestAnimationFrame((frame) => {
    try {
      performance.mark('bucketdesk:first-screen', { startTime: frame });
    } catch {
      performance.mark('bucketdesk:first-screen');
    }
  });
}

/** Fills the first screen; `asked` is the start_screen answer already asked for, if any. */
async function start(asked = null) {
  const notices = document.getElementById('notices');
  notices.replaceChildren();
  try {
    // One call brings the header, the projects and the current project's buckets; the settings
    // are read alongside.
    const [first] = await Promise.all([asked ?? api.startScreen(), settingsLoaded]);
    document.getElementById('app-version').textContent = `v${first.info.version}`;
    document.getElementById('config-dir').textContent = first.info.configDir;
    document.getElementById('config-dir').title = first.info.configDir;
    const answer = showProjects(first.projects);
    if (answer.recovered) notices.append(noticeBanner(answer.recovered.message, { label: 'Settings recovered' }));
    if (settings.notice()) notices.append(noticeBanner(settings.notice(), { label: 'Settings file damaged' }));
    const last = answer.last && projects.some((p) => p.id === answer.last.profileId) ? answer.last : null;
    const id = answer.currentId ?? last?.profileId ?? displayOrder(projects)[0]?.id;
    const listed = id === answer.currentId ? { buckets: first.buckets, error: first.bucketsError } : null;
    if (id) switchProject(id, last && last.profileId === id ? { bucketId: last.bucketId, folder: last.folder, fileId: last.fileId } : {}, listed).then(markFirstScreen);
  } catch (error) {
    notices.replaceChildren(errorBanner(error, () => start()));
  }
}

document.getElementById('switch-project').addEventListener('click', () =>
  openQuickSwitcher({ projects, currentId: store.state.profileId, onSwitch: (id) => switchProject(id) }));
document.getElementById('open-about').addEventListener('click', () => openAbout({ api }));
document.getElementById('open-settings').addEventListener('click', showSettings);
document.getElementById('open-shortcuts').addEventListener('click', () => openShortcuts());
// The macOS app menu's About and Preferences… open About and Settings.
api.onMenu((item) => {
  if (item === 'about' && !dialogOpen()) openAbout({ api });
  if (item === 'preferences') showSettings();
}).catch(() => {});
document.addEventListener('keydown', onKeydown);
files.clear();
start(firstScreen);
