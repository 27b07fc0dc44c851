// Log in (password or SSO) and sign up.
import { api, ApiError } from '../api.js';
import { field, form, h, show } from '../dom.js';
import { go } from '../navigate.js';
import { session } from '../session.js';

export function loginPage(view, { refresh }) {
  const invited = session.pendingInvitation();
  show(view,
    h('section', { class: 'card narrow' },
      h('h1', {}, 'Log in'),
      invited ? h('p', { class: 'note' }, 'Log in with the email address the invitation was sent to.') : null,
      form({ id: 'login-form' }, [
        field('Email', h('input', { name: 'email', type: 'email', autocomplete: 'username', required: true })),
        field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
      ], 'Log in', async ({ email, password }) => {
        await signIn(view, email, password, () => go(invited ? '#/invitation' : '#/dashboard', refresh));
      }),
      h('p', {}, h('a', { href: '#/forgot-password', id: 'forgot-password' }, 'Forgot password?')),
      h('p', {}, 'No account yet? ', h('a', { href: '#/signup' }, 'Sign up'))),
    ssoCard());
}

export function signUpPage(view, { refresh }) {
  show(view, h('section', { class: 'card narrow' },
    h('h1', {}, 'Create your account'),
    form({ id: 'signup-form' }, [
      field('Name', h('input', { name: 'name', autocomplete: 'name', required: true, maxlength: 200 })),
      field('Email', h('input', { name: 'email', type: 'email', autocomplete: 'email', required: true })),
      field('Password (at least 12 characters)',
        h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12 })),
    ], 'Sign up', async ({ name, email, password }) => {
      await api.post('/users', { name, email, password });
      await signIn(view, email, password, () => go(session.pendingInvitation() ? '#/invitation' : '#/dashboard', refresh));
    }),
    h('p', {}, 'Already have an account? ', h('a', { href: '#/login' }, 'Log in'))));
}

/** Password sign-in; with two-factor sign-in on, asks for the code (or a recovery code) next. */
async function signIn(view, email, password, then) {
  let created;
  try {
    created = await api.post('/sessions', { email, password });
  } catch (error) {
    if (error.code !== 'mfa_required') throw error;
    secondFactor(view, error.problem.mfaToken, then);
    return;
  }
  session.save(created.token, created.expiresAt);
  then();
}

function secondFactor(view, mfaToken, then) {
  show(view, h('section', { class: 'card narrow' },
    h('h1', {}, 'Two-factor sign-in'),
    h('p', {}, 'Enter the 6-digit code your authenticator app shows, or one of your recovery codes.'),
    form({ id: 'mfa-form' }, [
      field('Code', h('input', { name: 'code', autocomplete: 'one-time-code', required: true, autofocus: true })),
    ], 'Continue', async ({ code }) => {
      const given = code.trim();
      const created = await api.post('/sessions/mfa', /^\d{6}$/.test(given) ? { mfaToken, code: given } : { mfaToken, recoveryCode: given });
      session.save(created.token, created.expiresAt);
      then();
    }),
    h('p', {}, h('a', { href: '#/login', onclick: () => location.reload() }, 'Start again'))));
}

/**
 * SSO by email: asks the API first (without following the redirect) so that "no SSO for this domain"
 * shows as its detail here, then sends the browser to the provider.
 */
function ssoCard() {
  return h('section', { class: 'card narrow' },
    h('h2', {}, 'Log in with SSO'),
    form({ id: 'sso-form' }, [
      field('Work email', h('input', { name: 'email', type: 'email', autocomplete: 'username', required: true })),
    ], 'Log in with SSO', async ({ email }) => {
      const url = `/api/v1/sso/login?email=${encodeURIComponent(email)}`;
      const probe = await fetch(url, { redirect: 'manual', headers: { Accept: 'application/problem+json' } });
      if (probe.type !== 'opaqueredirect' && !probe.ok) {
        const problem = await probe.json().catch(() => null);
        throw new ApiError(probe.status, problem);
      }
      location.assign(url);
    }));
}
