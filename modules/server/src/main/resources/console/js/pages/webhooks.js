// The organization's webhook endpoints (org admins): add one, its secret shown once, edit, enable or
// disable, rotate the secret, send a test event, the delivery log with redelivery, delete.
import { api } from '../api.js';
import { atLeast, ROLES } from '../context.js';
import { badge, field, form, h, problem, secretBox, section, show, when } from '../dom.js';
import { deliveryLog } from '../webhook-deliveries.js';

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

  /** URL, events and workspaces, ticked as `endpoint` has them; `body()` is what POST or PATCH takes. */
  function endpointFields(endpoint = null) {
    const tick = (name, value, on) => h('input', { type: 'checkbox', name, value, checked: on });
    const events = h('fieldset', { 'data-field': 'events' }, h('legend', {}, 'Events'),
      h('div', { class: 'checks' }, Object.entries(EVENTS).map(([type, label]) => h('label', { class: 'check' },
        tick('event', type, endpoint?.events?.includes(type)), h('span', {}, label, h('code', { class: 'event-type' }, type))))));
    const scope = h('fieldset', { 'data-field': 'workspaceIds' }, h('legend', {}, 'Workspaces (none ticked: all of them)'),
      h('div', { class: 'checks' }, workspaces.map((w) => h('label', { class: 'check' },
        tick('workspace', w.id, endpoint?.workspaceIds?.includes(w.id)), ` ${w.name}`))));
    const url = h('input', { name: 'url', type: 'url', required: true, value: endpoint?.url, placeholder: 'https://example.com/atrium-events' });
    const ticked = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);
    return {
      fields: [field('URL (https)', url), events, workspaces.length ? scope : null],
      body: () => ({ url: url.value, events: ticked(events), workspaceIds: workspaces.length ? ticked(scope) : [] }),
    };
  }

  function createCard() {
    const inputs = endpointFields();
    return h('section', { class: 'card wide', id: 'webhook-create' }, h('h2', {}, 'Add an endpoint'),
      form({ id: 'webhook-form' }, inputs.fields, 'Add endpoint', async () => {
        const body = inputs.body();
        if (!body.workspaceIds.length) delete body.workspaceIds; // all of them
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
    // Each button is described by the endpoint's URL: "Disable" alone is ambiguous among several endpoints.
    const action = (label, cls, run) => h('button', { type: 'button', class: `secondary ${cls}`, 'aria-describedby': `webhook-url-${endpoint.id}`, onclick: async (event) => {
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
    const deliveries = deliveryLog(`${base}/${endpoint.id}/deliveries`, log);
    const urlId = `webhook-url-${endpoint.id}`;
    show(card,
      h('div', { class: 'card-head' }, h('h2', { class: 'webhook-url', id: urlId }, endpoint.url),
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
        action('Edit', 'edit-webhook', async () => show(outcome, editForm(endpoint))),
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

  function editForm(endpoint) {
    const inputs = endpointFields(endpoint);
    return h('div', { class: 'webhook-edit' }, h('h3', {}, 'Edit the endpoint'),
      form({ id: `webhook-edit-${endpoint.id}`, class: 'webhook-edit-form' }, inputs.fields, 'Save endpoint', async () => {
        await api.patch(`${base}/${endpoint.id}`, inputs.body());
        reload();
      }));
  }

  reload();
}
