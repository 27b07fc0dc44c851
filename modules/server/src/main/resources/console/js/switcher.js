// The organization and workspace switcher under the logo. The choice is saved with PATCH /me, so it
// follows the user to any other browser.
import { api } from './api.js';
import { h, show } from './dom.js';

export function renderSwitcher(container, { me, workspace }, onSwitched) {
  const organizations = new Map((me.organizations || []).map((o) => [o.id, o.name]));
  const groups = new Map();
  for (const ws of me.workspaces || []) {
    const name = organizations.get(ws.organizationId) || 'Other organizations';
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(ws);
  }
  const select = h('select', { id: 'workspace-switcher', 'aria-label': 'Organization and workspace' },
    workspace ? null : h('option', { value: '', selected: true }, 'No workspace yet'),
    [...groups].map(([org, list]) => h('optgroup', { label: org },
      list.map((ws) => h('option', { value: ws.id, selected: ws.id === workspace?.id }, `${org} / ${ws.name}`)))),
    h('option', { value: 'new' }, '+ New workspace…'));
  select.addEventListener('change', async () => {
    if (select.value === 'new') {
      location.hash = '#/new-workspace';
      return;
    }
    select.disabled = true;
    try {
      await api.patch('/me', { currentWorkspaceId: select.value });
      onSwitched();
    } catch (error) {
      onSwitched(error);
    }
  });
  show(container, select);
}
