// "Mail (dev)": the mail ./atrium dev kept instead of sending it (no SMTP configured). Never there in production.
import { h, problem, show, table, when } from '../dom.js';

/** True when this server keeps a dev mailbox (only ./atrium dev without SMTP). */
export async function devMailboxAvailable() {
  try {
    return (await fetch('/dev/mail', { headers: { Accept: 'application/json' } })).ok;
  } catch {
    return false;
  }
}

export async function devMailPage(view) {
  const list = h('div', { id: 'dev-mail' });
  show(view, h('h1', {}, 'Mail (dev)'),
    h('p', { class: 'muted' }, 'With no SMTP server configured, ./atrium dev keeps the mail it would have sent here '
      + '(newest first) and in its log. Links and tokens work as in real mail.'), list);
  try {
    const response = await fetch('/dev/mail', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`This server keeps no dev mailbox (HTTP ${response.status}).`);
    const { items } = await response.json();
    show(list, items.length
      ? table(['Sent', 'To', 'Subject', 'Text'], items.map((m) => h('tr', { class: 'dev-mail' },
        h('td', {}, when(m.sentAt)), h('td', {}, m.to), h('td', {}, m.subject), h('td', {}, h('pre', { class: 'mail-text' }, m.text)))))
      : h('p', { class: 'muted' }, 'No mail yet.'));
  } catch (error) {
    show(list, problem(error));
  }
}
