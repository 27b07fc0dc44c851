// The console's entry: takes tokens handed over in the URL, draws the frame, and routes #/pages.
import { api } from './api.js';
import { atLeast, loadContext, ROLES } from './context.js';
import { h, problem, show } from './dom.js';
import { session, takeTokensFromUrl } from './session.js';
import { renderSwitcher } from './switcher.js';
import { loginPage, signUpPage } from './pages/login.js';
import { invitationPage } from './pages/invitation.js';
import { newWorkspacePage } from './pages/new-workspace.js';
import { dashboardPage } from './pages/dashboard.js';
import { billingPage } from './pages/billing.js';
import { resourcesPage } from './pages/resources.js';
import { workspaceMembersPage, organizationMembersPage } from './pages/members.js';
import { webhooksPage } from './pages/webhooks.js';
import { devMailboxAvailable, devMailPage } from './pages/dev-mail.js';
import { accountPage, forgotPasswordPage, resetPasswordPage, verificationBanner, verifyEmailPage } from './pages/account.js';

const PAGES = {
  '#/login': loginPage,
  '#/signup': signUpPage,
  '#/invitation': invitationPage,
  '#/new-workspace': newWorkspacePage,
  '#/dashboard': dashboardPage,
  '#/billing': billingPage,
  '#/resources': resourcesPage,
  '#/members': workspaceMembersPage,
  '#/organization': organizationMembersPage,
  '#/webhooks': webhooksPage,
  '#/dev-mail': devMailPage,
  '#/account': accountPage,
  '#/verify-email': verifyEmailPage,
  '#/forgot-password': forgotPasswordPage,
  '#/reset-password': resetPasswordPage,
};
const WITHOUT_SESSION = ['#/login', '#/signup', '#/invitation', '#/verify-email', '#/forgot-password', '#/reset-password', '#/dev-mail'];

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const banner = document.getElementById('banner');
let rendering = 0;

async function render(switchError) {
  const turn = ++rendering;
  const route = location.hash.split('?')[0] || '#/dashboard';
  banner.hidden = true;
  if (!session.token()) {
    frame(null);
    if (!WITHOUT_SESSION.includes(route)) {
      location.hash = '#/login';
      return;
    }
    return run(PAGES[route], { signedIn: false, refresh: render });
  }
  if (route === '#/login' || route === '#/signup') {
    location.hash = session.pendingInvitation() ? '#/invitation' : '#/dashboard';
    return;
  }
  let context;
  try {
    context = await loadContext();
  } catch (error) {
    show(view, problem(error));
    return;
  }
  if (turn !== rendering) return; // a newer navigation has started
  frame(context);
  if (switchError) alertBanner(switchError);
  return run(PAGES[route] || notFound, { ...context, signedIn: true, refresh: render });
}

async function run(page, context) {
  show(view, h('p', { class: 'muted' }, 'Loading…'));
  try {
    await page(view, context);
  } catch (error) {
    show(view, problem(error));
  }
}

function frame(context) {
  const switcher = document.getElementById('switcher');
  const account = document.getElementById('account');
  const verify = document.getElementById('verify-slot');
  nav.hidden = !context;
  if (!context) {
    show(switcher);
    show(account);
    show(verify);
    return;
  }
  show(verify, verificationBanner(context.me));
  renderSwitcher(switcher, context, (error) => render(error));
  show(account, h('a', { class: 'who', href: '#/account', id: 'account-link', title: context.me.email }, context.me.name),
    h('button', { type: 'button', id: 'logout', class: 'link', onclick: logout }, 'Log out'));
  // Webhooks belong to the organization and its admins: nobody else is sent to a page that says no.
  document.getElementById('nav-webhooks').hidden = !atLeast(context.organization?.role, 'admin', ROLES);
  const route = location.hash.split('?')[0];
  for (const link of nav.querySelectorAll('a')) link.classList.toggle('active', link.getAttribute('href') === route);
}

async function logout() {
  try {
    await api.del('/sessions/current');
  } catch {
    // The token is forgotten here whatever the API says: the person asked to be logged out.
  }
  session.clear();
  location.hash = '#/login';
}

function notFound(container) {
  show(container, h('h1', {}, 'Not found'), h('p', {}, 'No such page. '), h('a', { href: '#/dashboard' }, 'Go to the dashboard'));
}

function alertBanner(error) {
  banner.textContent = error?.message || String(error);
  banner.hidden = false;
}

window.addEventListener('hashchange', () => render());
window.addEventListener('atrium:signed-out', () => {
  if (!WITHOUT_SESSION.includes(location.hash.split('?')[0])) location.hash = '#/login';
});
// Nothing fails silently: a stray rejection shows its detail at the top of the page.
window.addEventListener('unhandledrejection', (event) => alertBanner(event.reason));

takeTokensFromUrl();
devMailboxAvailable().then((available) => { document.getElementById('dev-mail-link').hidden = !available; });
render();
