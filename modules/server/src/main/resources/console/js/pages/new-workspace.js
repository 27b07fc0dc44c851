// Create a workspace in an organization where the user is an admin, and make it the current one.
import { api } from '../api.js';
import { atLeast, ROLES } from '../context.js';
import { field, form, h, show } from '../dom.js';
import { go } from '../navigate.js';

export function newWorkspacePage(view, { me, refresh }) {
  const organizations = (me.organizations || []).filter((o) => atLeast(o.role, 'admin', ROLES));
  if (!organizations.length) {
    show(view, h('section', { class: 'card narrow' }, h('h1', {}, 'New workspace'),
      h('p', {}, 'Only organization admins and owners create workspaces. Ask one to create it or to invite you.')));
    return;
  }
  show(view, h('section', { class: 'card narrow' },
    h('h1', {}, 'New workspace'),
    form({ id: 'new-workspace-form' }, [
      field('Organization', h('select', { name: 'organizationId' }, organizations.map((o) => h('option', { value: o.id }, o.name)))),
      field('Name', h('input', { name: 'name', required: true, maxlength: 100 })),
      field('Currency (fixed once created)', h('select', { name: 'currency' }, ['EUR', 'USD'].map((c) => h('option', { value: c }, c)))),
    ], 'Create workspace', async ({ organizationId, name, currency }) => {
      const created = await api.post(`/organizations/${organizationId}/workspaces`, { name, currency });
      await api.patch('/me', { currentWorkspaceId: created.id });
      go('#/dashboard', refresh);
    })));
}
