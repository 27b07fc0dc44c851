// The billing log of a workspace: newest first, paged by cursor, filtered by type and dates, exported as CSV.
import { api } from './api.js';
import { field, h, money, problem, show, table, when } from './dom.js';

/** The log's types, as the API names them, and as people read them. */
export const TYPE_LABELS = {
  top_up: 'Top-up', credit_grant: 'Credit grant', consumption: 'Server hours', usage: 'Metered usage',
  invoice: 'Invoice', adjustment: 'Adjustment',
};
const TYPES = Object.keys(TYPE_LABELS);
const PAGE = 20;
const COLUMNS = ['seq', 'occurredAt', 'type', 'amount', 'balanceAfter', 'description', 'reference'];

/** `currencyOf`: a promise of the workspace's currency, to show amounts in it. */
export function billingLog(workspaceId, currencyOf) {
  const type = h('select', { name: 'type', id: 'log-type' }, h('option', { value: '' }, 'All types'), TYPES.map((t) => h('option', { value: t }, TYPE_LABELS[t])));
  const from = h('input', { type: 'date', name: 'from', id: 'log-from' });
  const to = h('input', { type: 'date', name: 'to', id: 'log-to' });
  const rows = h('div', { id: 'billing-log' });
  const previous = h('button', { type: 'button', class: 'secondary', disabled: true }, '← Newer');
  const next = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Older →');
  const exportButton = h('button', { type: 'button', id: 'log-export', class: 'secondary' }, 'Export CSV');
  const cursors = [null]; // the cursor of each page seen, so "Newer" can go back
  let nextCursor = null;

  const query = () => {
    const params = new URLSearchParams();
    if (type.value) params.set('type', type.value);
    if (from.value) params.set('from', `${from.value}T00:00:00Z`);
    if (to.value) params.set('to', new Date(Date.parse(`${to.value}T00:00:00Z`) + 86_400_000).toISOString()); // the whole day
    return params;
  };

  async function load() {
    const params = query();
    params.set('limit', PAGE);
    const cursor = cursors[cursors.length - 1];
    if (cursor) params.set('cursor', cursor);
    try {
      const [page, currency] = await Promise.all([api.get(`/workspaces/${workspaceId}/billing/log?${params}`), currencyOf]);
      nextCursor = page.nextCursor;
      previous.disabled = cursors.length === 1;
      next.disabled = !nextCursor;
      show(rows, page.items.length
        ? table(['When', 'Type', 'Amount', 'Balance after', 'Description'], page.items.map((e) => h('tr', { 'data-type': e.type },
          h('td', {}, when(e.occurredAt)), h('td', {}, TYPE_LABELS[e.type] || e.type),
          h('td', { class: Number(e.amount) < 0 ? 'debit num' : 'num', title: e.amount }, money(e.amount, currency)),
          h('td', { class: 'num', title: e.balanceAfter }, money(e.balanceAfter, currency)), h('td', {}, e.description || ''))))
        : h('p', { class: 'muted' }, 'No entries.'));
    } catch (error) {
      show(rows, problem(error));
    }
  }

  const restart = () => {
    cursors.splice(1);
    load();
  };
  for (const input of [type, from, to]) input.addEventListener('change', restart);
  next.addEventListener('click', () => {
    cursors.push(nextCursor);
    load();
  });
  previous.addEventListener('click', () => {
    cursors.pop();
    load();
  });
  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    try {
      const entries = await api.all(`/workspaces/${workspaceId}/billing/log?${query()}`, 100_000);
      download(`billing-log-${workspaceId}.csv`, csv(entries));
    } catch (error) {
      show(rows, problem(error));
    } finally {
      exportButton.disabled = false;
    }
  });

  load();
  return h('section', { class: 'card wide' },
    h('div', { class: 'card-head' }, h('h2', {}, 'Billing log'), exportButton),
    h('div', { class: 'filters' }, field('Type', type), field('From', from), field('To', to)),
    rows, h('div', { class: 'actions' }, previous, next));
}

/** RFC 4180 CSV; a cell that starts like a formula is quoted with a leading ' so spreadsheets do not run it. */
function csv(entries) {
  const cell = (value) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+@]/.test(text) || (/^-/.test(text) && Number.isNaN(Number(text)))) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [COLUMNS.join(','), ...entries.map((e) => COLUMNS.map((c) => cell(e[c])).join(','))].join('\r\n') + '\r\n';
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
