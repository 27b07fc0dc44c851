// The dashboard of the current workspace: balance and status, days of credit left, usage chart, running resources.
import { api } from '../api.js';
import { badge, h, money, section, show, table } from '../dom.js';
import { usageChart } from '../usage-chart.js';
import { atLeast, ROLES } from '../context.js';
import { runwayText } from '../spend-controls.js';

export async function dashboardPage(view, { me, workspace, organization }) {
  if (!workspace) {
    // Only organization admins create workspaces: anyone else (an SSO member, say) is told whom to ask instead.
    const canCreate = (me.organizations || []).some((o) => atLeast(o.role, 'admin', ROLES));
    show(view, h('section', { class: 'card narrow', id: 'no-workspace' },
      h('h1', {}, 'Welcome to Atrium'),
      h('p', {}, 'You have no workspace yet. Workspaces hold resources, credits and their billing.'),
      canCreate
        ? h('a', { class: 'button', href: '#/new-workspace', id: 'create-first-workspace' }, 'Create a workspace')
        : h('p', { class: 'note', id: 'ask-for-workspace' },
          `Ask an admin of ${organization?.name || 'your organization'} to give you access to a workspace or to invite you to one.`)));
    return;
  }
  const balanceCard = h('section', { class: 'card', id: 'balance-card' });
  const runwayCard = h('section', { class: 'card', id: 'runway-card' });
  const resourcesCard = h('section', { class: 'card wide', id: 'running-resources' });
  const chartSlot = h('div', { class: 'wide' }, usageChart(workspace.id, null));
  show(view,
    h('h1', { id: 'workspace-title' }, workspace.name, h('small', { class: 'muted' }, ` · ${organization?.name || ''}`)),
    h('div', { class: 'grid' }, balanceCard, runwayCard, chartSlot, resourcesCard));

  const resources = api.all(`/workspaces/${workspace.id}/resources`).then((items) => items.filter((r) => r.state === 'running'));
  const billing = api.get(`/workspaces/${workspace.id}/billing`);
  // The sections load on their own: one failing shows its problem and leaves the others standing.
  billing.catch(() => {});
  resources.catch(() => {});
  section(balanceCard, async (card) => {
    const b = await billing;
    show(card, h('h2', {}, 'Credit balance'),
      h('p', { class: 'figure', id: 'balance' }, money(b.balance, b.currency)),
      h('p', {}, 'Status: ', badge(b.status, b.status === 'active' ? 'ok' : 'bad'), h('span', { id: 'billing-status', hidden: true }, b.status)),
      h('a', { href: '#/billing' }, 'Top up and billing →'));
  }, 'Credit balance');
  section(runwayCard, async (card) => {
    const b = await billing;
    if ('runwayDays' in b) {
      // The server's runway (the last 7 days' rate): the same figure as the billing page and the runway alert.
      show(card, h('h2', {}, 'Credit left'), h('p', { class: 'figure', id: 'days-left' }, serverRunway(b)),
        h('p', { class: 'muted', id: 'runway' }, runwayText(b) || 'Billed by monthly invoice.'));
      return;
    }
    const [running, lastDay] = await Promise.all([resources, meteredLastDay(workspace.id)]);
    const perDay = running.reduce((sum, r) => sum + 24 * Number(r.hourlyPrice), 0) + lastDay;
    show(card, h('h2', {}, 'Credit left'), h('p', { class: 'figure', id: 'days-left' }, runway(b, perDay)),
      h('p', { class: 'muted' }, `At the current rate of ${money(perDay.toFixed(6), b.currency)} a day `
        + '(running resources and the last 24 hours of metered usage).'));
  }, 'Credit left');
  section(resourcesCard, async (card) => {
    const [running, { currency }] = await Promise.all([resources, billing]);
    const hourly = running.reduce((sum, r) => sum + Number(r.hourlyPrice), 0);
    show(card, h('h2', {}, 'Running resources'),
      running.length
        ? table(['Name', 'Plan', 'Price per hour'], running.map((r) => h('tr', {}, h('td', {}, r.name), h('td', {}, r.plan), h('td', { class: 'num' }, money(r.hourlyPrice, currency)))))
        : h('p', { class: 'muted' }, 'Nothing is running.'),
      h('p', { class: 'muted' }, `Together: ${money(hourly.toFixed(6), currency)} an hour. `, h('a', { href: '#/resources' }, 'Manage resources →')));
  }, 'Running resources');
}

function serverRunway(billing) {
  if (billing.paymentMethod?.type === 'invoice') return 'Invoiced monthly';
  if (billing.runwayDays === null || billing.runwayDays === undefined) return 'No recent spend';
  const days = Math.floor(Number(billing.runwayDays)); // whole days, as the billing page and the runway alert say
  return days < 1 ? 'Less than a day' : `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Where the server has no runway yet: running resources and the last day's metered usage. */
function runway(billing, perDay) {
  if (billing.paymentMethod?.type === 'invoice') return 'Invoiced monthly';
  if (perDay <= 0) return 'No consumption';
  const days = Number(billing.balance) / perDay;
  return days <= 0 ? 'None' : `${days < 10 ? days.toFixed(1) : Math.floor(days)} days`;
}

/** Metered usage (meters of /pricing, not plans) in the last 24 hours; a plan's cost comes from running resources. */
async function meteredLastDay(workspaceId) {
  const [pricing, usage] = await Promise.all([
    api.get('/pricing'),
    api.get(`/workspaces/${workspaceId}/billing/usage?from=${new Date(Date.now() - 86_400_000).toISOString()}`
      + `&to=${new Date().toISOString()}&granularity=hour`),
  ]);
  const meters = new Set((pricing.meters || []).map((m) => m.id));
  return (usage.buckets || []).reduce((sum, bucket) => sum + Object.entries(bucket.byMeter || {})
    .filter(([key]) => meters.has(key)).reduce((s, [, amount]) => s + Number(amount), 0), 0);
}
