// The order projects are listed in (demo first, then ungrouped, then each group A–Z), the quick
// switcher's filter by name or group, and what the demo's entry says about its links.

/**
 * The demo runs inside Bucketdesk on a loopback address: its links open only on this computer
 * (and keep working across restarts, see src-tauri/src/demo.rs).
 */
export const DEMO_LINKS_NOTE = 'Demo links work only on this computer.';

/** [{group: null|string, projects}] in display order. */
export function groupProjects(projects) {
  const demo = projects.filter((p) => p.isDemo);
  const rest = projects.filter((p) => !p.isDemo);
  const groups = new Map();
  for (const p of rest) {
    const key = p.group?.trim() || null;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(p);
  }
  const named = [...groups.keys()].filter((k) => k !== null).sort((a, b) => a.localeCompare(b));
  const result = [{ group: null, projects: [...demo, ...(groups.get(null) ?? [])] }];
  for (const name of named) result.push({ group: name, projects: groups.get(name) });
  return result.filter((g) => g.projects.length > 0);
}

/** Projects flattened in display order: the order Ctrl+1..9 follows. */
export function displayOrder(projects) {
  return groupProjects(projects).flatMap((g) => g.projects);
}

/**
 * Projects whose name or group contains every word of `query` (case-insensitive), in display order.
 */
export function filterProjects(projects, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return displayOrder(projects).filter((p) => {
    const hay = `${p.name} ${p.group ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
