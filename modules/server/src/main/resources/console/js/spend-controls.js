// A workspace's spend controls on the billing page: auto top-up (fixed or to a target, capped per month),
// the monthly budget, the alerts editor; and the runway, which the dashboard shows too.
import { api } from './api.js';
import { field, form, h, money, section, show } from './dom.js';

/**
 * "Credits last about N days at the last 7 days' rate", from GET billing's `runwayDays` (null: no spend in
 * those days). Null when the server does not compute it (then the caller shows nothing or its own figure).
 */
export function runwayText(billing) {
  if (!('runwayDays' in billing) || billing.paymentMethod?.type === 'invoice') return null;
  const days = billing.runwayDays;
  if (days === null || days === undefined) return 'No spend in the last 7 days.';
  const n = Number(days);
  if (n < 1) return "Credits last less than a day at the last 7 days' rate.";
  const whole = Math.floor(n);
  return `Credits last about ${whole} ${whole === 1 ? 'day' : 'days'} at the last 7 days' rate.`;
}

/** The auto top-up card: current rule and, for those who manage billing, its form. */
export function autoTopUpCard(card, b, { base, manager, reload }) {
  const auto = b.autoTopUp;
  show(card, h('h2', {}, 'Low balance and auto top-up'),
    h('p', { id: 'settings-current' },
      b.lowBalanceThreshold ? `Low-balance alert below ${money(b.lowBalanceThreshold, b.currency)}. ` : 'No low-balance alert. ',
      describeAutoTopUp(auto, b.currency)));
  if (!manager) return;
  const mode = h('select', { name: 'mode', 'data-field': 'autoTopUp.mode' },
    h('option', { value: 'fixed', selected: auto?.mode !== 'target' }, 'by a fixed amount'),
    h('option', { value: 'target', selected: auto?.mode === 'target' }, 'up to a target balance'));
  const amount = field('Amount', h('input', { name: 'amount', inputmode: 'decimal', 'data-field': 'autoTopUp.amount', value: auto?.amount ?? '' }));
  const target = field('Target balance', h('input', { name: 'target', inputmode: 'decimal', 'data-field': 'autoTopUp.target', value: auto?.target ?? '' }));
  const switchMode = () => {
    amount.hidden = mode.value !== 'fixed';
    target.hidden = mode.value !== 'target';
  };
  mode.addEventListener('change', switchMode);
  switchMode();
  card.append(form({ id: 'settings-form' }, [
    field('Low-balance alert threshold', h('input', { name: 'lowBalanceThreshold', inputmode: 'decimal', value: b.lowBalanceThreshold ?? '' })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'autoTopUp', checked: !!auto }), ' Top up automatically'),
    field('when the balance falls below', h('input', { name: 'threshold', inputmode: 'decimal', 'data-field': 'autoTopUp.threshold', value: auto?.threshold ?? '' })),
    field('Top up', mode), amount, target,
    field('At most this much a month (optional)',
      h('input', { name: 'monthlyCap', inputmode: 'decimal', 'data-field': 'autoTopUp.monthlyCap', value: auto?.monthlyCap ?? '' })),
    h('p', { class: 'muted' }, 'One charge per fall below the threshold, however far it falls; off by itself after 3 declined charges in a row.'),
  ], 'Save', async (values) => {
    let autoTopUp = null;
    if (values.autoTopUp) {
      autoTopUp = values.mode === 'target'
        ? { mode: 'target', threshold: values.threshold, target: values.target }
        : { mode: 'fixed', threshold: values.threshold, amount: values.amount };
      if (values.monthlyCap !== '') autoTopUp.monthlyCap = values.monthlyCap;
    }
    const body = { autoTopUp };
    if (values.lowBalanceThreshold !== '') body.lowBalanceThreshold = values.lowBalanceThreshold;
    await api.put(`${base}/settings`, body);
    reload();
  }));
}

function describeAutoTopUp(auto, currency) {
  if (!auto) return 'Auto top-up is off.';
  const below = `when the balance falls below ${money(auto.threshold, currency)}`;
  const what = auto.mode === 'target' ? `Auto top-up to ${money(auto.target, currency)} ${below}`
    : `Auto top-up of ${money(auto.amount, currency)} ${below}`;
  return `${what}${auto.monthlyCap ? `, at most ${money(auto.monthlyCap, currency)} a month` : ''}.`;
}

/** The monthly budget card; shown only where GET billing answers `budget` (a server with budgets). */
export function budgetCard(card, b, { base, manager, reload }) {
  const budget = b.budget;
  const action = budget?.action === 'suspend' ? 'the workspace is suspended' : 'owners and admins are told';
  show(card, h('h2', {}, 'Monthly budget'),
    h('p', { id: 'budget-current' }, budget
      ? `Budget of ${money(budget.monthly, b.currency)} a month; when the month's spend reaches it, ${action}.`
      : 'No budget.'));
  if (!manager) return;
  card.append(form({ id: 'budget-form' }, [
    field('Monthly budget (empty: none)', h('input', { name: 'monthly', inputmode: 'decimal', 'data-field': 'budget.monthly', value: budget?.monthly ?? '' })),
    field('When the month\'s spend reaches it', h('select', { name: 'action', 'data-field': 'budget.action' },
      h('option', { value: 'notify', selected: budget?.action !== 'suspend' }, 'tell owners and admins'),
      h('option', { value: 'suspend', selected: budget?.action === 'suspend' }, 'suspend the workspace'))),
    h('p', { class: 'muted' }, 'A suspended workspace resumes when the budget is raised above the month\'s spend.'),
  ], 'Save budget', async ({ monthly, action: chosen }) => {
    await api.put(`${base}/settings`, { budget: monthly === '' ? null : { monthly, action: chosen } });
    reload();
  }));
}

const KINDS = { spend_month: "The month's spend reaches", balance_below: 'The balance falls below' };

/** The alerts card: thresholds and the runway warning. Removes itself where the server has no alerts. */
export function alertsCard(card, b, { base, manager }) {
  return section(card, async () => {
    let alerts;
    try {
      alerts = await api.get(`${base}/alerts`);
    } catch (error) {
      if (error.status !== 404 && error.status !== 405) throw error;
      card.remove(); // no alerts on this server (yet): nothing to show
      return;
    }
    const thresholds = alerts.thresholds || [];
    show(card, h('h2', {}, 'Alerts'), h('ul', { id: 'alerts-current' },
      thresholds.map((t) => h('li', {}, `${KINDS[t.kind] || t.kind} ${money(t.amount, b.currency)}`)),
      alerts.runwayDays ? h('li', {}, `Credit lasts ${alerts.runwayDays} days or fewer`) : null),
      thresholds.length || alerts.runwayDays ? null : h('p', { class: 'muted', id: 'no-alerts' }, 'No alerts.'),
      h('p', { class: 'muted' }, 'Each alert mails owners and admins once per crossing (a spend alert once a month) and goes to webhooks.'));
    if (manager) card.append(alertsForm(thresholds, alerts.runwayDays, base, () => alertsCard(card, b, { base, manager })));
  }, 'Alerts');
}

function alertsForm(thresholds, runwayDays, base, done) {
  const rows = h('div', { class: 'thresholds', id: 'alert-thresholds' });
  const renumber = () => [...rows.children].forEach((row, i) => {
    row.dataset.field = `thresholds[${i}]`;
    row.querySelector('select').dataset.field = `thresholds[${i}].kind`;
    row.querySelector('input').dataset.field = `thresholds[${i}].amount`;
  });
  const addRow = (t = { kind: 'spend_month', amount: '' }) => {
    const row = h('div', { class: 'threshold' },
      field('Alert when', h('select', { name: 'kind' }, Object.entries(KINDS).map(([k, label]) => h('option', { value: k, selected: k === t.kind }, label)))),
      field('Amount', h('input', { name: 'amount', inputmode: 'decimal', required: true, value: t.amount })),
      h('button', { type: 'button', class: 'link danger remove-threshold', onclick: () => { row.remove(); renumber(); } }, 'Remove'));
    rows.append(row);
    renumber();
  };
  thresholds.forEach(addRow);
  const add = h('button', { type: 'button', class: 'secondary', id: 'add-threshold', onclick: () => addRow() }, 'Add a threshold');
  return form({ id: 'alerts-form' }, [rows, h('div', { class: 'actions' }, add),
    field('Warn when credit lasts this many days or fewer (empty: no runway warning)',
      h('input', { name: 'runwayDays', type: 'number', min: 1, max: 365, step: 1, value: runwayDays ?? '' })),
  ], 'Save alerts', async ({ runwayDays: days }) => {
    const body = {
      thresholds: [...rows.children].map((row) => ({ kind: row.querySelector('select').value, amount: row.querySelector('input').value })),
      runwayDays: days === '' ? null : Number(days),
    };
    await api.put(`${base}/alerts`, body);
    done();
  });
}
