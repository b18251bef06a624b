// Bucketdesk's UI entry: asks the Rust side for what to show and renders it. Never builds URLs, never
// holds an API key.

import { api } from './api.js';
import { renderWelcome } from './views/welcome.js';
import { renderErrorBanner } from './components/banner.js';

async function start() {
  const content = document.getElementById('content');
  try {
    const info = await api.appInfo();
    document.getElementById('app-version').textContent = `v${info.version}`;
    renderWelcome(content, info);
  } catch (error) {
    renderErrorBanner(content, error, start);
  }
}

start();
