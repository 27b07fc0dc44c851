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
  if (!context.signedIn) {
    show(view, h('section', { class: 'card narrow', id: 'invitation' },
      h('h1', {}, 'You have been invited'),
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
    h('h1', {}, 'Accept the invitation'),
    h('p', {}, `You are logged in as ${context.me.email}. The invitation must have been sent to this address.`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'accept-invitation', onclick: () => answer(true) }, 'Accept'),
      h('button', { type: 'button', class: 'secondary', onclick: () => answer(false) }, 'Decline')),
    status));
}
