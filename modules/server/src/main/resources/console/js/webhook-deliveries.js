// One webhook endpoint's delivery log: newest first, in pages, followed while a delivery is pending; Redeliver.
import { api } from './api.js';
import { badge, h, problem, show, table, when } from './dom.js';

const POLLS = 15;
const POLL_MS = 2000;

/** The endpoint's deliveries, newest first, in pages; followed while some are pending. */
export function deliveryLog(path, container) {
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
