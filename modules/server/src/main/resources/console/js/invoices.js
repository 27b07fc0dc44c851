// A workspace's invoices, with their PDF (fetched with the session token, then opened from memory).
import { api } from './api.js';
import { h, money, problem, section, show, table } from './dom.js';

export function invoices(workspaceId) {
  const card = h('section', { class: 'card wide', id: 'invoices' });
  section(card, async () => {
    let items;
    try {
      items = await api.all(`/workspaces/${workspaceId}/invoices`);
    } catch (error) {
      if (error.status !== 404) throw error;
      items = []; // no invoicing on this server (yet)
    }
    show(card, h('h2', {}, 'Invoices'), items.length
      ? table(['Number', 'Period', 'Status', 'Total', ''], items.map((i) => h('tr', {},
        h('td', {}, i.number), h('td', {}, i.period), h('td', {}, i.status), h('td', { class: 'num', title: i.total }, money(i.total, i.currency)),
        h('td', {}, pdfButton(i, card)))))
      : h('p', { class: 'muted' }, 'No invoices.'));
  }, 'Invoices');
  return card;
}

function pdfButton(invoice, card) {
  return h('button', { type: 'button', class: 'link', onclick: async () => {
    try {
      const blob = await api.blob(`/invoices/${invoice.id}.pdf`);
      const url = URL.createObjectURL(blob);
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      card.append(problem(error));
    }
  } }, 'PDF');
}
