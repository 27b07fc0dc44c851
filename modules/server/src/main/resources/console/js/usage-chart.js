// The credit-usage chart: stacked bars by meter and plan, 30 days by day or 48 hours by hour (uPlot).
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { api } from './api.js';
import { h, money, problem, show } from './dom.js';

const COLORS = ['#2f6fde', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const RANGES = {
  days: { label: 'Last 30 days', granularity: 'day', count: 30, stepMs: 86_400_000 },
  hours: { label: 'Last 48 hours', granularity: 'hour', count: 48, stepMs: 3_600_000 },
};

export function usageChart(workspaceId, currency) {
  const plot = h('div', { class: 'chart', id: 'usage-chart' });
  const total = h('p', { id: 'usage-total', class: 'muted' });
  const buttons = Object.entries(RANGES).map(([key, range]) =>
    h('button', { type: 'button', class: 'toggle', 'data-range': key, onclick: () => draw(key) }, range.label));
  const element = h('section', { class: 'card wide' },
    h('div', { class: 'card-head' }, h('h2', {}, 'Credit usage'), h('div', { class: 'toggles' }, buttons)), total, plot);
  let chart = null;

  async function draw(key) {
    const range = RANGES[key];
    buttons.forEach((b) => b.classList.toggle('active', b.dataset.range === key));
    try {
      const { from, to, starts } = window_(range);
      const usage = await api.get(`/workspaces/${workspaceId}/billing/usage?from=${from}&to=${to}&granularity=${range.granularity}`);
      total.textContent = `${range.label}: ${money(usage.total, usage.currency || currency)}`;
      chart?.destroy();
      show(plot);
      chart = plotUsage(plot, starts, usage.buckets || [], range, usage.currency || currency);
      element.dataset.total = usage.total; // read by tests and people inspecting the page
      element.dataset.buckets = (usage.buckets || []).length;
    } catch (error) {
      show(plot, problem(error));
    }
  }

  draw('days');
  return element;
}

/** The window ends at the next whole day (hour), so the current one is included. */
function window_(range) {
  const now = Date.now();
  const end = Math.floor(now / range.stepMs) * range.stepMs + range.stepMs;
  const start = end - range.count * range.stepMs;
  const starts = Array.from({ length: range.count }, (_, i) => start + i * range.stepMs);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString(), starts };
}

function plotUsage(container, starts, buckets, range, currency) {
  const byStart = new Map(buckets.map((b) => [Date.parse(b.start), b.byMeter || {}]));
  const keyTotals = new Map();
  for (const meters of byStart.values()) {
    for (const [key, amount] of Object.entries(meters)) keyTotals.set(key, (keyTotals.get(key) || 0) + Number(amount));
  }
  // Biggest first: it is drawn tallest and shows at the top of each stack.
  const keys = [...keyTotals.keys()].sort((a, b) => keyTotals.get(b) - keyTotals.get(a));
  const raw = keys.map((key) => starts.map((s) => Number(byStart.get(s)?.[key] || 0)));
  // uPlot has no stacking: series j is drawn as the sum of itself and all after it, in order, so each
  // shorter bar covers the lower part of the one before and only j's own share shows.
  const stacked = keys.map((_, j) => starts.map((_, i) => raw.slice(j).reduce((sum, row) => sum + row[i], 0)));
  const series = [{ label: range.granularity === 'day' ? 'Day' : 'Hour' }];
  const data = [starts.map((s) => s / 1000)];
  const bars = uPlot.paths.bars({ size: [0.7, 60] });
  for (let j = 0; j < keys.length; j++) {
    series.push({
      label: keys[j],
      fill: COLORS[j % COLORS.length],
      stroke: COLORS[j % COLORS.length],
      paths: bars,
      points: { show: false },
      value: (u, v, si, idx) => (idx === null ? '—' : money(raw[j][idx].toFixed(6), currency)),
    });
    data.push(stacked[j]);
  }
  if (!keys.length) {
    series.push({ label: 'No usage yet', stroke: '#bbb', points: { show: false } });
    data.push(starts.map(() => 0));
  }
  const options = {
    width: Math.max(container.clientWidth || 300, 260),
    height: 260,
    series,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: [{}, { values: (u, ticks) => ticks.map((t) => axisMoney(t, currency)), size: 80 }],
  };
  const chart = new uPlot(options, data, container);
  new ResizeObserver(() => chart.setSize({ width: Math.max(container.clientWidth, 260), height: 260 })).observe(container);
  return chart;
}

/** An axis tick: the currency with as few decimals as tell the ticks apart (0 is just "0"). */
function axisMoney(tick, currency) {
  if (tick === 0) return '0';
  const digits = Math.abs(tick) >= 1 ? 2 : Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(Math.abs(tick)))));
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: digits }).format(tick);
}
