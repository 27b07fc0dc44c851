// The session token: in localStorage so it survives a reload; never logged, never put in a URL we make.
const KEY = 'atrium.session';
const INVITATION = 'atrium.invitation';

export const session = {
  token() {
    const saved = read();
    if (!saved) return null;
    if (saved.expiresAt && Date.parse(saved.expiresAt) < Date.now()) {
      this.clear();
      return null;
    }
    return saved.token;
  },
  save(token, expiresAt) {
    localStorage.setItem(KEY, JSON.stringify({ token, expiresAt: expiresAt || null }));
  },
  clear() {
    localStorage.removeItem(KEY);
  },
  // The invitation token from the mail link waits here (for this tab only) while the person logs in.
  pendingInvitation() {
    return sessionStorage.getItem(INVITATION);
  },
  keepInvitation(token) {
    sessionStorage.setItem(INVITATION, token);
  },
  dropInvitation() {
    sessionStorage.removeItem(INVITATION);
  },
  // A verification or reset token from a mail link, kept for this tab until its page uses it once.
  keepMailToken(kind, token) {
    sessionStorage.setItem(`atrium.mail.${kind}`, token);
  },
  takeMailToken(kind) {
    const token = sessionStorage.getItem(`atrium.mail.${kind}`);
    sessionStorage.removeItem(`atrium.mail.${kind}`);
    return token;
  },
};

function read() {
  try {
    return JSON.parse(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

/**
 * Takes a token handed over in the URL: the SSO callback lands on `/#token=…&expiresAt=…`
 * (or `/#/signed-in?token=…`), an invitation mail on `/invitations/accept?token=…`.
 * The URL is cleaned at once so the token stays out of history and bookmarks.
 */
export function takeTokensFromUrl() {
  const hash = location.hash.replace(/^#\/?(signed-in)?\??/, '');
  const fromHash = new URLSearchParams(hash);
  let landing = null;
  if (fromHash.get('token')) {
    session.save(fromHash.get('token'), fromHash.get('expiresAt'));
    landing = '#/dashboard';
  }
  if (location.pathname === '/invitations/accept') {
    const token = new URLSearchParams(location.search).get('token');
    if (token) session.keepInvitation(token);
    landing = '#/invitation';
  }
  for (const [path, kind] of [['/verify-email', 'verify'], ['/reset-password', 'reset']]) {
    if (location.pathname === path) {
      const token = new URLSearchParams(location.search).get('token');
      if (token) session.keepMailToken(kind, token);
      landing = `#${path}`;
    }
  }
  if (landing) history.replaceState(null, '', `/${landing}`);
}
