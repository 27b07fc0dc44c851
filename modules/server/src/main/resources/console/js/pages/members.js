// Members of the current workspace and of its organization: list (with inherited marks), invite, change, remove.
// Only the buttons the user's own level allows are drawn; the API refuses the rest anyway.
import { api } from '../api.js';
import { atLeast, grantable, LEVELS, ROLES } from '../context.js';
import { badge, field, form, h, problem, section, show, table, when } from '../dom.js';

export function workspaceMembersPage(view, { me, workspace, refresh }) {
  if (!workspace) {
    location.hash = '#/dashboard';
    return;
  }
  membersPage(view, me, refresh, {
    title: `Workspace members · ${workspace.name}`,
    path: `/workspaces/${workspace.id}`,
    mine: workspace.accessLevel,
    order: LEVELS,
    key: 'accessLevel',
    label: 'Access level',
  });
}

export function organizationMembersPage(view, { me, organization, refresh }) {
  if (!organization) {
    show(view, h('p', {}, 'You belong to no organization.'));
    return;
  }
  membersPage(view, me, refresh, {
    title: `Organization members · ${organization.name}`,
    path: `/organizations/${organization.id}`,
    mine: organization.role,
    order: ROLES,
    key: 'role',
    label: 'Role',
    mayLeave: true, // API.md: a member may remove themself from an organization
  });
}

function membersPage(view, me, refresh, spec) {
  const manager = atLeast(spec.mine, 'admin', spec.order);
  const list = h('section', { class: 'card wide', id: 'members' });
  const invitations = h('section', { class: 'card wide', id: 'invitations' });
  show(view, h('h1', {}, spec.title),
    h('p', { class: 'muted' }, `Your ${spec.label.toLowerCase()}: `, h('strong', { id: 'my-level' }, spec.mine || 'none')),
    h('div', { class: 'grid' }, manager ? inviteCard() : null, list, manager ? invitations : null));

  const reload = () => {
    section(list, async () => {
      const members = await api.all(`${spec.path}/members`);
      show(list, h('h2', {}, 'Members'), table(['Name', 'Email', spec.label, ''], members.map(row)));
    }, 'Members');
    if (manager) {
      section(invitations, async () => {
        const pending = (await api.all(`${spec.path}/invitations`)).filter((i) => !i.status || i.status === 'pending');
        show(invitations, h('h2', {}, 'Pending invitations'), pending.length
          ? table(['Email', spec.label, 'Expires', ''], pending.map((i) => h('tr', {}, h('td', {}, i.email), h('td', {}, i[spec.key]),
            h('td', {}, when(i.expiresAt)),
            h('td', {}, h('button', { type: 'button', class: 'link', onclick: act(() => api.del(`${spec.path}/invitations/${i.id}`)) }, 'Revoke')))))
          : h('p', { class: 'muted' }, 'None.'));
      }, 'Pending invitations');
    }
  };

  function row(member) {
    const level = member[spec.key];
    const self = member.userId === me.id;
    // Inherited access is changed at the organization; nobody touches a level above their own.
    const editable = manager && !member.inherited && atLeast(spec.mine, level, spec.order);
    const cells = [];
    if (editable) {
      const select = h('select', { 'aria-label': `${spec.label} of ${member.email}`, class: 'level' },
        grantable(spec.mine, spec.order).map((l) => h('option', { value: l, selected: l === level }, l)));
      select.addEventListener('change', act(() => api.patch(`${spec.path}/members/${member.userId}`, { [spec.key]: select.value })));
      cells.push(select);
    } else {
      cells.push(level);
    }
    if (member.inherited) cells.push(' ', badge('inherited from the organization', 'inherited'));
    const remove = editable || (spec.mayLeave && self && !member.inherited);
    return h('tr', { 'data-user': member.userId }, h('td', {}, member.name, self ? ' (you)' : ''), h('td', {}, member.email),
      h('td', {}, cells),
      h('td', {}, remove ? h('button', { type: 'button', class: 'link danger remove-member', onclick: act(() => removeMember(member, self)) },
        self ? 'Leave' : 'Remove') : ''));
  }

  async function removeMember(member, self) {
    if (!confirm(self ? 'Leave? You lose access at once.' : `Remove ${member.email}?`)) return false;
    await api.del(`${spec.path}/members/${member.userId}`);
    if (self) {
      refresh();
      return false;
    }
    return true;
  }

  /** Runs an action and reloads the lists; its failure shows above the list as the problem's detail. */
  function act(action) {
    return async () => {
      try {
        if ((await action()) !== false) reload();
      } catch (error) {
        list.prepend(problem(error));
      }
    };
  }

  function inviteCard() {
    return h('section', { class: 'card wide', id: 'invite' }, h('h2', {}, 'Invite someone'),
      form({ id: 'invite-form', class: 'inline' }, [
        field('Email', h('input', { name: 'email', type: 'email', required: true })),
        field(spec.label, h('select', { name: 'level' }, grantable(spec.mine, spec.order).map((l) => h('option', { value: l }, l)))),
      ], 'Send invitation', async ({ email, level }, status) => {
        await api.post(`${spec.path}/invitations`, { email, [spec.key]: level });
        show(status, h('p', { class: 'ok' }, `Invitation sent to ${email}.`));
        reload();
      }));
  }

  reload();
}
