// Asks for the first screen (header, projects, the current project's buckets) as soon as this
// small module and api.js arrive, while the rest of the page's modules are still being fetched:
// index.html loads it as an async module ahead of app.js, which awaits the same answer.

import { api } from './api.js';

/** The answer of `start_screen`, asked for once, as early as the page can. */
export const firstScreen = api.startScreen();
// app.js reports a failure (with a retry); until it looks, the rejection is not unhandled.
firstScreen.catch(() => {});
