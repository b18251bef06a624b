// The first screen's content until a project is chosen.

/** Fills `root` with the welcome text for the given app info. */
export function renderWelcome(root, info) {
  root.replaceChildren();
  const section = document.createElement('section');
  section.className = 'welcome';
  section.setAttribute('aria-label', 'Welcome');
  const heading = document.createElement('h2');
  heading.textContent = `Welcome to ${info.name}`;
  const lead = document.createElement('p');
  lead.textContent = 'Browse Appwrite Storage buckets and share files with links that stop working when you say so.';
  const where = document.createElement('p');
  where.append('Settings live in ');
  const code = document.createElement('code');
  code.id = 'config-dir';
  code.textContent = info.configDir;
  where.append(code, '.');
  section.append(heading, lead, where);
  root.append(section);
}
