// The current workspace's resources: list with hourly price and state; members start, stop, create and delete.
import { api } from '../api.js';
import { atLeast } from '../context.js';
import { field, form, h, problem, section, show, table, when } from '../dom.js';

export function resourcesPage(view, { workspace }) {
  if (!workspace) {
    location.hash = '#/dashboard';
    return;
  }
  const member = atLeast(workspace.accessLevel, 'member');
  const base = `/workspaces/${workspace.id}/resources`;
  const list = h('section', { class: 'card wide', id: 'resources' });
  const create = h('section', { class: 'card wide', id: 'new-resource' });
  show(view, h('h1', {}, `Resources · ${workspace.name}`), h('div', { class: 'grid' }, list, member ? create : null));

  const act = (action) => async () => {
    try {
      await action();
      reload();
    } catch (error) {
      list.prepend(problem(error));
    }
  };
  const reload = () => section(list, async () => {
    const items = await api.all(base);
    show(list, h('h2', {}, 'Servers'), items.length
      ? table(['Name', 'Plan', 'State', 'Price per hour', 'Created', ''], items.map((r) => h('tr', { 'data-resource': r.id },
        h('td', {}, r.name), h('td', {}, r.plan), h('td', { class: `state ${r.state}` }, r.state), h('td', { class: 'num' }, r.hourlyPrice),
        h('td', {}, when(r.createdAt)),
        h('td', {}, member ? [
          r.state === 'running' ? h('button', { type: 'button', class: 'link', onclick: act(() => api.post(`${base}/${r.id}/stop`)) }, 'Stop') : null,
          r.state === 'stopped' ? h('button', { type: 'button', class: 'link', onclick: act(() => api.post(`${base}/${r.id}/start`)) }, 'Start') : null,
          h('button', { type: 'button', class: 'link danger', onclick: act(async () => {
            if (confirm(`Delete ${r.name}?`)) await api.del(`${base}/${r.id}`);
          }) }, 'Delete'),
        ] : ''))))
      : h('p', { class: 'muted' }, 'No resources yet.'));
  }, 'Servers');

  if (member) {
    section(create, async () => {
      const pricing = await api.get('/pricing');
      show(create, h('h2', {}, 'New server'), form({ id: 'new-resource-form', class: 'inline' }, [
        field('Name', h('input', { name: 'name', required: true, maxlength: 100 })),
        field('Plan', h('select', { name: 'plan' }, (pricing.plans || []).map((p) =>
          h('option', { value: p.id }, `${p.id} (${Object.entries(p.hourlyPrice || {}).map(([c, v]) => `${c} ${v}`).join(' / ')} an hour)`)))),
      ], 'Create server', async ({ name, plan }) => {
        await api.post(base, { type: 'server', name, plan });
        reload();
      }));
    }, 'New server');
  }
  reload();
}
