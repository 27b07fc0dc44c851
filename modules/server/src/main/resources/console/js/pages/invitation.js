// The invitation mail's link: log in with the invited email, then accept (or decline).
import { api } from '../api.js';
import { h, problem, show } from '../dom.js';
import { go } from '../navigate.js';
import { session } from '../session.js';

export async function invitationPage(view, context) {
  const token = session.pendingInvitation();
  if (!token) {
    show(view, h('section', { class: 'card narrow' }, h('h1', {}, 'Invitation'),
      h('p', {}, 'No invitation is waiting here. Open the link from your invitation mail again.')));
    return;
  }
  let details;
  try {
    details = await api.post('/invitations/inspect', { token });
  } catch (error) {
    show(view, h('section', { class: 'card narrow', id: 'invitation' }, h('h1', {}, 'Invitation'), problem(error)));
    return;
  }
  const what = describe(details);
  if (details.status !== 'pending') {
    session.dropInvitation();
    show(view, h('section', { class: 'card narrow', id: 'invitation' }, h('h1', {}, 'Invitation'), what,
      h('p', { class: 'note', id: 'invitation-status' }, `This invitation is ${details.status}; ask ${details.invitedBy?.name || 'the sender'} for a new one.`)));
    return;
  }
  if (!context.signedIn) {
    show(view, h('section', { class: 'card narrow', id: 'invitation' },
      h('h1', {}, 'You have been invited'), what,
      h('p', {}, 'Log in with the email address the invitation was sent to, or sign up with it, to accept it.'),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: '#/login', id: 'invitation-login' }, 'Log in'),
        h('a', { class: 'button secondary', href: '#/signup' }, 'Sign up'))));
    return;
  }
  const status = h('div', { class: 'form-status' });
  const answer = async (accepting) => {
    show(status);
    try {
      const result = await api.post(`/invitations/${accepting ? 'accept' : 'decline'}`, { token });
      session.dropInvitation();
      if (accepting && result?.workspaceId) await api.patch('/me', { currentWorkspaceId: result.workspaceId });
      go(accepting && result?.kind === 'organization' ? '#/organization' : '#/dashboard', context.refresh);
    } catch (error) {
      show(status, problem(error));
    }
  };
  show(view, h('section', { class: 'card narrow', id: 'invitation' },
    h('h1', {}, 'Accept the invitation'), what,
    h('p', {}, `You are logged in as ${context.me.email}. The invitation must have been sent to this address.`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'accept-invitation', onclick: () => answer(true) }, 'Accept'),
      h('button', { type: 'button', class: 'secondary', onclick: () => answer(false) }, 'Decline')),
    status));
}

/** Who invites to what, at which level, until when: from POST /invitations/inspect. */
function describe(d) {
  const where = d.kind === 'workspace' ? `the workspace ${d.workspaceName} of ${d.organizationName}` : `the organization ${d.organizationName}`;
  const level = d.kind === 'workspace' ? d.accessLevel : d.role;
  return h('p', { id: 'invitation-details' }, `${d.invitedBy?.name || 'Someone'} invites you to `, h('strong', {}, where),
    ...(level === 'billing' ? [' with ', h('strong', {}, 'billing'), ' access'] // billing, not "a billing"
      : [` as ${level === 'admin' || level === 'owner' ? 'an' : 'a'} `, h('strong', {}, level)]),
    `. The invitation is valid until ${new Date(d.expiresAt).toLocaleString()}.`);
}
