// The organization's webhook endpoints (org admins): add one, its secret shown once, enable or disable,
// rotate the secret, send a test event, the delivery log with redelivery, delete.
import { api } from '../api.js';
import { atLeast, ROLES } from '../context.js';
import { badge, field, form, h, problem, secretBox, section, show, table, when } from '../dom.js';

/** The event catalog of API.md ("Webhooks"), as people read it; `webhook.test` goes to every endpoint. */
export const EVENTS = {
  'workspace.balance_low': 'Balance low',
  'workspace.balance_depleted': 'Balance depleted',
  'workspace.suspended': 'Workspace suspended',
  'workspace.resumed': 'Workspace resumed',
  'top_up.succeeded': 'Top-up succeeded',
  'top_up.failed': 'Top-up failed',
  'credit_grant.expiring': 'Credit grant expiring',
  'invoice.issued': 'Invoice issued',
  'spend.threshold_reached': 'Spend threshold reached',
  'budget.exceeded': 'Budget exceeded',
  'runway.low': 'Runway low',
};
const SECRET_NOTE = 'Signing secret, shown only now: store it where your receiver can read it.';
const POLLS = 15;
const POLL_MS = 2000;

export function webhooksPage(view, { me, organization }) {
  if (!organization) {
    show(view, h('p', {}, 'You belong to no organization.'));
    return;
  }
  const title = h('h1', {}, `Webhooks · ${organization.name}`);
  if (!atLeast(organization.role, 'admin', ROLES)) {
    show(view, title, h('p', { class: 'muted', id: 'webhooks-admins-only' }, 'Organization admins manage webhooks.'));
    return;
  }
  const base = `/organizations/${organization.id}/webhooks`;
  const workspaces = (me.workspaces || []).filter((w) => w.organizationId === organization.id);
  const created = h('div', { id: 'webhook-created' });
  const list = h('div', { class: 'grid wide', id: 'webhooks' });
  show(view, title, h('div', { class: 'grid' }, createCard(), list));

  const reload = () => section(list, async () => {
    let endpoints;
    try {
      endpoints = await api.all(base);
    } catch (error) {
      if (error.status !== 404 && error.status !== 405) throw error;
      show(list, h('p', { class: 'muted wide', id: 'webhooks-unavailable' }, 'This server does not send webhooks yet.'));
      return;
    }
    show(list, endpoints.length ? endpoints.map(endpointCard)
      : h('p', { class: 'muted wide', id: 'no-webhooks' }, 'No endpoints yet.'));
  });

  function createCard() {
    const events = h('fieldset', { 'data-field': 'events' }, h('legend', {}, 'Events'),
      h('div', { class: 'checks' }, Object.entries(EVENTS).map(([type, label]) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'event', value: type }), h('span', {}, label, h('code', { class: 'event-type' }, type))))));
    const scope = h('fieldset', { 'data-field': 'workspaceIds' }, h('legend', {}, 'Workspaces (none ticked: all of them)'),
      h('div', { class: 'checks' }, workspaces.map((w) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'workspace', value: w.id }), ` ${w.name}`))));
    const ticked = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);
    return h('section', { class: 'card wide', id: 'webhook-create' }, h('h2', {}, 'Add an endpoint'),
      form({ id: 'webhook-form' }, [
        field('URL (https)', h('input', { name: 'url', type: 'url', required: true, placeholder: 'https://example.com/atrium-events' })),
        events, workspaces.length ? scope : null,
      ], 'Add endpoint', async ({ url }) => {
        const body = { url, events: ticked(events) };
        const ids = workspaces.length ? ticked(scope) : [];
        if (ids.length) body.workspaceIds = ids;
        const endpoint = await api.post(base, body);
        document.getElementById('webhook-form').reset();
        show(created, secretBox(endpoint.secret, 'webhook-secret', SECRET_NOTE));
        reload();
      }), created);
  }

  function endpointCard(endpoint) {
    const card = h('section', { class: 'card wide webhook', 'data-webhook': endpoint.id });
    const outcome = h('div', { class: 'webhook-outcome' });
    const log = h('div', { class: 'deliveries', hidden: true });
    const names = new Map(workspaces.map((w) => [w.id, w.name]));
    const scope = endpoint.workspaceIds?.length ? endpoint.workspaceIds.map((id) => names.get(id) || id).join(', ') : 'All workspaces';
    const action = (label, cls, run) => h('button', { type: 'button', class: `secondary ${cls}`, onclick: async (event) => {
      event.target.disabled = true;
      show(outcome);
      try {
        await run();
      } catch (error) {
        show(outcome, problem(error));
      } finally {
        event.target.disabled = false;
      }
    } }, label);
    const deliveries = deliveryLog(endpoint, log);
    show(card,
      h('div', { class: 'card-head' }, h('h2', { class: 'webhook-url' }, endpoint.url),
        badge(endpoint.enabled ? 'enabled' : 'disabled', endpoint.enabled ? 'ok' : 'bad')),
      h('p', { class: 'webhook-events' }, 'Events: ', endpoint.events?.length ? endpoint.events.join(', ') : 'none'),
      h('p', { class: 'muted' }, `Workspaces: ${scope}. Added ${when(endpoint.createdAt)}.`),
      h('div', { class: 'actions' },
        action(endpoint.enabled ? 'Disable' : 'Enable', 'toggle-webhook', async () => {
          await api.patch(`${base}/${endpoint.id}`, { enabled: !endpoint.enabled });
          reload();
        }),
        action('Send test event', 'test-webhook', async () => {
          await api.post(`${base}/${endpoint.id}/test`);
          show(outcome, h('p', { class: 'ok', role: 'status' }, 'Test event sent: see the delivery log.'));
          deliveries.open(true);
        }),
        action('Delivery log', 'show-deliveries', async () => deliveries.open(log.hidden)),
        action('Rotate secret', 'rotate-secret', async () => {
          if (!confirm('Rotate the signing secret? The old one keeps signing for 24 hours beside the new one.')) return;
          const { secret } = await api.post(`${base}/${endpoint.id}/rotate-secret`);
          show(outcome, secretBox(secret, `webhook-secret-${endpoint.id}`,
            'New signing secret, shown only now; the old one also signs for 24 hours.'));
        }),
        action('Delete', 'danger delete-webhook', async () => {
          if (!confirm(`Delete the endpoint ${endpoint.url}? It receives nothing more.`)) return;
          await api.del(`${base}/${endpoint.id}`);
          reload();
        })),
      outcome, log);
    return card;
  }

  /** The endpoint's deliveries, newest first, in pages; followed while some are pending. */
  function deliveryLog(endpoint, container) {
    const path = `${base}/${endpoint.id}/deliveries`;
    let polls = 0;
    let timer = null;
    const refresh = h('button', { type: 'button', class: 'secondary refresh-deliveries', onclick: () => load() }, 'Refresh');
    const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Older →');
    let rows = [];
    const body = h('div', { class: 'delivery-rows' });

    async function load(cursor = null) {
      clearTimeout(timer);
      try {
        const page = await api.get(`${path}?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        rows = [...(cursor ? rows : []), ...(page.items || []).map(row)];
        show(body, rows.length ? table(['Event', 'Status', 'Attempts', 'Last response', 'Last attempt', 'Duration', ''], rows)
          : h('p', { class: 'muted no-deliveries' }, 'No deliveries yet.'));
        more.hidden = !page.nextCursor;
        more.onclick = () => load(page.nextCursor);
        // Followed while a delivery is pending, or none has been written yet (a test event just sent).
        const waiting = !rows.length || (page.items || []).some((d) => d.status === 'pending');
        if (!cursor && waiting && polls++ < POLLS && container.isConnected) timer = setTimeout(() => load(), POLL_MS);
      } catch (error) {
        show(body, problem(error));
      }
    }

    function row(d) {
      const note = h('span', { class: 'ok', role: 'status' });
      return h('tr', { 'data-delivery': d.id, 'data-status': d.status },
        h('td', {}, d.eventType), h('td', {}, badge(d.status, d.status === 'succeeded' ? 'ok' : d.status === 'failed' ? 'bad' : '')),
        h('td', { class: 'num' }, d.attempts ?? 0), h('td', { class: 'num' }, d.lastStatusCode ?? '—'), h('td', {}, when(d.lastAttemptAt)),
        h('td', { class: 'num' }, d.durationMs === null || d.durationMs === undefined ? '—' : `${d.durationMs} ms`),
        h('td', {}, h('button', { type: 'button', class: 'link redeliver', onclick: async () => {
          try {
            await api.post(`${path}/${d.id}/redeliver`);
            note.textContent = ' Queued again.';
            polls = 0;
            setTimeout(() => load(), POLL_MS);
          } catch (error) {
            body.prepend(problem(error));
          }
        } }, 'Redeliver'), note));
    }

    return {
      /** Shows (and loads) the log, or hides it when `visible` is false. */
      open(visible) {
        container.hidden = !visible;
        if (!visible) return;
        polls = 0;
        show(container, h('div', { class: 'card-head' }, h('h3', {}, 'Delivery log'), refresh), body, h('div', { class: 'actions' }, more));
        load();
      },
    };
  }

  reload();
}
