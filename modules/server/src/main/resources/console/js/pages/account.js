// The account's own security: email verification, "forgot password", and two-factor sign-in (TOTP).
import { api, call } from '../api.js';
import { field, form, h, problem, show } from '../dom.js';
import { qrSvg } from '../qr.js';
import { session } from '../session.js';

/** The verification mail's link lands here; it verifies with the token, signed in or not. */
export async function verifyEmailPage(view, context) {
  const token = session.takeMailToken('verify');
  if (!token) {
    show(view, card('Verify your email', h('p', {}, 'Open the link from the verification mail again, or paste its token:'),
      form({ id: 'verify-form' }, [field('Token', h('input', { name: 'token', required: true }))], 'Verify',
        async ({ token: pasted }) => verify(view, context, pasted.trim()))));
    return;
  }
  await verify(view, context, token);
}

async function verify(view, context, token) {
  try {
    await api.post('/users/verify-email', { token });
    show(view, card('Email verified', h('p', { id: 'verified' }, 'Thank you: your email address is verified.'),
      h('a', { class: 'button', href: context.signedIn ? '#/dashboard' : '#/login' }, context.signedIn ? 'Go to the dashboard' : 'Log in')));
    // The banner goes at once; the next page drawn asks the API again.
    show(document.getElementById('verify-slot'));
  } catch (error) {
    show(view, card('Verify your email', problem(error),
      h('p', {}, context.signedIn ? 'Ask for a new link from the banner at the top.' : 'Log in to ask for a new link.')));
  }
}

export function forgotPasswordPage(view) {
  show(view, card('Forgot your password?',
    h('p', {}, 'We mail you a link to choose a new one. It is valid for one hour.'),
    form({ id: 'forgot-form' }, [field('Email', h('input', { name: 'email', type: 'email', autocomplete: 'username', required: true }))],
      'Send the link', async ({ email }, status) => {
        await api.post('/password-resets', { email });
        show(status, h('p', { class: 'note', id: 'reset-sent' },
          `If an account has the address ${email}, a mail with a link is on its way.`));
      }),
    h('p', {}, h('a', { href: '#/login' }, 'Back to log in'))));
}

/** The reset mail's link lands here: a new password, then every session (this browser's too) has ended. */
export function resetPasswordPage(view) {
  const token = session.takeMailToken('reset');
  show(view, card('Choose a new password',
    form({ id: 'reset-form' }, [
      token ? h('input', { type: 'hidden', name: 'token', value: token }) : field('Token from the mail', h('input', { name: 'token', required: true })),
      field('New password (at least 12 characters)',
        h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true, minlength: 12 })),
    ], 'Set the password', async ({ token: given, newPassword }, status) => {
      await api.post('/password-resets/confirm', { token: given.trim(), newPassword });
      session.clear();
      show(status, h('p', { class: 'note', id: 'reset-done' }, 'Your password is set and you are signed out everywhere. ',
        h('a', { href: '#/login' }, 'Log in')));
    })));
}

/** Account: email verification state and two-factor sign-in (enrol with a QR code, recovery codes once, turn off). */
export async function accountPage(view, context) {
  const me = context.me;
  const twoFactor = h('section', { class: 'card narrow', id: 'two-factor' });
  show(view, card('Account',
    h('p', {}, `${me.name} <${me.email}>`),
    h('p', {}, me.emailVerified ? 'Your email address is verified.' : 'Your email address is not verified yet.')), twoFactor);
  drawTwoFactor(twoFactor, me.mfaEnabled, context);
}

function drawTwoFactor(container, enabled, context) {
  if (enabled) {
    show(container, h('h2', {}, 'Two-factor sign-in is on'),
      h('p', {}, 'To turn it off, give a current code from your app or one of your recovery codes.'),
      form({ id: 'mfa-off-form' }, [field('Code or recovery code', h('input', { name: 'code', autocomplete: 'one-time-code', required: true }))],
        'Turn off', async ({ code }) => {
          const given = code.trim();
          await call('DELETE', '/me/mfa/totp', /^\d{6}$/.test(given) ? { code: given } : { recoveryCode: given });
          context.refresh();
        }));
    return;
  }
  show(container, h('h2', {}, 'Two-factor sign-in'),
    h('p', {}, 'Sign in with a code from an authenticator app as well as your password.'),
    h('button', { type: 'button', id: 'mfa-start', onclick: () => startEnrolment(container, context).catch((e) => container.append(problem(e))) },
      'Set up two-factor sign-in'));
}

async function startEnrolment(container, context) {
  const { secret, otpauthUri } = await api.post('/me/mfa/totp');
  const qr = qrSvg(otpauthUri, 4);
  show(container, h('h2', {}, 'Scan this with your authenticator app'),
    qr ? h('div', { class: 'qr', id: 'mfa-qr' }, qr) : null,
    h('p', {}, 'Or type this key into the app: ', h('code', { id: 'mfa-secret' }, secret)),
    form({ id: 'mfa-confirm-form' }, [field('The 6-digit code the app shows',
      h('input', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', required: true }))],
    'Turn on', async ({ code }) => {
      const { recoveryCodes } = await api.post('/me/mfa/totp/confirm', { code: code.trim() });
      show(container, h('h2', {}, 'Two-factor sign-in is on'),
        h('p', {}, 'Keep these recovery codes somewhere safe: each signs you in once without the app. They are shown only now.'),
        h('ul', { class: 'recovery-codes', id: 'recovery-codes' }, recoveryCodes.map((c) => h('li', {}, h('code', {}, c)))),
        h('button', { type: 'button', onclick: () => context.refresh() }, 'I have saved them'));
    }));
}

/** The banner shown until the email is verified, with a button that sends the mail again. */
export function verificationBanner(me) {
  if (me.emailVerified) return null;
  const status = h('span', { class: 'banner-status' });
  return h('div', { class: 'note verify-banner', id: 'verify-banner', role: 'status' },
    `Please verify your email address: we sent a link to ${me.email}. `,
    h('button', { type: 'button', class: 'link', id: 'resend-verification', onclick: async () => {
      try {
        await api.post('/me/verification-mail');
        show(status, 'Sent: check your mailbox.');
      } catch (error) {
        show(status, error.message);
      }
    } }, 'Send it again'), ' ', status);
}

function card(title, ...children) {
  return h('section', { class: 'card narrow' }, h('h1', {}, title), ...children);
}
