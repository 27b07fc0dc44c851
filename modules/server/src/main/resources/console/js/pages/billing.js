// The billing page of the current workspace: balance and runway, payment method, top-up, spend controls
// (auto top-up, budget, alerts), log, invoices.
import { api, idempotencyKey } from '../api.js';
import { atLeast, ROLES } from '../context.js';
import { badge, field, form, h, money, problem, section, show } from '../dom.js';
import { billingLog } from '../billing-log.js';
import { invoices } from '../invoices.js';
import { alertsCard, autoTopUpCard, budgetCard, runwayText } from '../spend-controls.js';

const TEST_CARDS = ['tok_visa', 'tok_mastercard', 'tok_chargeDeclined', 'tok_expired'];
const POLL_MS = 1000;

export async function billingPage(view, { workspace, organization }) {
  if (!workspace) {
    location.hash = '#/dashboard';
    return;
  }
  // Billing is managed at the billing level or admin and above (API.md); billing sits beside member, not above it.
  const manager = atLeast(workspace.accessLevel, 'billing');
  const summary = h('section', { class: 'card', id: 'billing-summary' });
  const method = h('section', { class: 'card', id: 'payment-method' });
  const topUp = h('section', { class: 'card', id: 'top-up' });
  const settings = h('section', { class: 'card', id: 'billing-settings' });
  const budget = h('section', { class: 'card', id: 'budget', hidden: true });
  const alerts = h('section', { class: 'card', id: 'alerts' });
  // Outlives the top-up card's redraws, so a followed top-up's outcome stays on screen.
  const topUpResult = h('div', { id: 'top-up-result' });
  const currency = api.get(`/workspaces/${workspace.id}/billing`).then((b) => b.currency);
  currency.catch(() => {});
  let log = billingLog(workspace.id, currency);
  show(view, h('h1', {}, `Billing · ${workspace.name}`),
    h('div', { class: 'grid' }, summary, method, topUp, settings, budget, alerts, log, invoices(workspace.id)));

  const base = `/workspaces/${workspace.id}/billing`;
  const reload = () => {
    const billing = api.get(base);
    billing.catch(() => {});
    section(summary, async (card) => {
      const b = await billing;
      const runway = runwayText(b);
      show(card, h('h2', {}, 'Credit balance'), h('p', { class: 'figure', id: 'balance' }, money(b.balance, b.currency)),
        runway ? h('p', { id: 'runway' }, runway) : null,
        h('p', {}, 'Status: ', badge(b.status, b.status === 'active' ? 'ok' : 'bad')));
    }, 'Credit balance');
    section(method, async (card) => paymentMethod(card, await billing), 'Payment method');
    section(topUp, async (card) => topUpForm(card, await billing), 'Top up');
    const controls = { base, manager, reload };
    section(settings, async (card) => autoTopUpCard(card, await billing, controls), 'Low balance and auto top-up');
    billing.then((b) => {
      budget.hidden = !('budget' in b); // a server without budgets: no card
      if (!budget.hidden) section(budget, async (card) => budgetCard(card, b, controls), 'Monthly budget');
      // Drawn once: the other cards' saves redraw them, and would throw away alerts being edited.
      if (alerts.isConnected && !alerts.hasChildNodes()) alertsCard(alerts, b, controls);
    }, () => alerts.remove());
  };

  function paymentMethod(card, b) {
    const pm = b.paymentMethod;
    const current = !pm ? 'No payment method yet.'
      : pm.type === 'card' ? `${capitalized(pm.brand)} •••• ${pm.last4}, expires ${pm.expMonth}/${pm.expYear}`
        : `Invoice account ${pm.invoiceAccountId}: billed by monthly invoice.`;
    show(card, h('h2', {}, 'Payment method'), h('p', { id: 'payment-method-current' }, current));
    if (!manager) return;
    card.append(form({ id: 'card-form' }, [
      field('Card (test token)', h('select', { name: 'cardToken' }, TEST_CARDS.map((t) => h('option', { value: t }, t)))),
    ], pm?.type === 'card' ? 'Replace card' : 'Set card', async ({ cardToken }) => {
      await api.put(`${base}/payment-method`, { type: 'card', cardToken });
      reload();
    }));
    if (atLeast(organization?.role, 'admin', ROLES)) card.append(invoiceAccountForm(organization.id, reload));
  }

  function invoiceAccountForm(orgId, done) {
    const slot = h('div');
    api.all(`/organizations/${orgId}/invoice-accounts`).then((accounts) => {
      if (!accounts.length) return;
      slot.append(form({ id: 'invoice-account-form' }, [
        field('Or bill to the invoice account', h('select', { name: 'invoiceAccountId' },
          accounts.map((a) => h('option', { value: a.id }, a.name || a.id)))),
      ], 'Use invoice account', async ({ invoiceAccountId }) => {
        await api.put(`${base}/payment-method`, { type: 'invoice', invoiceAccountId });
        done();
      }));
    }).catch(() => {}); // no invoice accounts to offer: nothing to show
    return slot;
  }

  function topUpForm(card, b) {
    show(card, h('h2', {}, 'Top up'));
    if (!manager) {
      card.append(h('p', { class: 'muted' }, 'Workspace admins and billing managers top up credits.'));
      return;
    }
    if (b.paymentMethod?.type === 'invoice') {
      card.append(h('p', { class: 'muted' }, 'This workspace is billed by invoice; it needs no top-ups.'));
      return;
    }
    const result = topUpResult;
    card.append(form({ id: 'top-up-form' }, [
      field(`Amount (${b.currency}, 10.00 to 5000.00)`,
        h('input', { name: 'amount', inputmode: 'decimal', required: true, pattern: '\\d+(\\.\\d{1,2})?', value: '50.00' })),
    ], 'Top up', async ({ amount }) => {
      const created = await api.post(`${base}/top-ups`, { amount }, { 'Idempotency-Key': idempotencyKey() });
      follow(created, result); // not awaited: the form is free again while the status is followed
    }), result);
  }

  /** Shows the top-up's status, asking again until it is no longer pending; no reload needed. */
  async function follow(topUp, result) {
    let current = topUp;
    const line = () => h('p', { class: `top-up-status ${current.status}` }, `Top-up of ${money(current.amount)}: `,
      h('strong', { id: 'top-up-status' }, current.status),
      current.failureReason ? ` (${current.failureReason})` : '');
    show(result, line());
    while (current.status === 'pending') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      try {
        current = await api.get(`${base}/top-ups/${topUp.id}`);
      } catch (error) {
        show(result, line(), problem(error));
        return;
      }
      show(result, line());
    }
    if (current.status === 'succeeded') {
      reload();
      const fresh = billingLog(workspace.id, currency); // the top-up's entry is in the log now
      log.replaceWith(fresh);
      log = fresh;
    }
  }

  reload();
}

function capitalized(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
}
