// Small DOM helpers: elements are built with textContent only, so API data never becomes markup.

/** h('p', {class: 'x', onclick: fn}, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An alert box with the problem's detail: what the console shows instead of a blank page. */
export function problem(error) {
  const box = h('div', { class: 'problem', role: 'alert' }, error?.message || String(error));
  const fields = error?.problem?.errors || [];
  if (fields.length) box.append(h('ul', {}, fields.map((f) => h('li', {}, `${f.field}: ${f.message}`))));
  return box;
}

/** Replaces a container's content. */
export function show(container, ...children) {
  container.replaceChildren(...children.flat().filter(Boolean));
  return container;
}

/** Runs a section's loader; on failure the section shows its title and the problem's detail instead. */
export async function section(container, load, title) {
  const heading = () => (title ? h('h2', {}, title) : null);
  show(container, heading(), h('p', { class: 'muted' }, 'Loading…'));
  try {
    await load(container);
  } catch (error) {
    show(container, heading(), problem(error));
  }
}

/**
 * Wires a form: on submit, disables it, runs `act(values)`, and shows the problem's detail in the form
 * when it fails. Returns the form.
 */
export function form(attrs, fields, submitLabel, act) {
  const status = h('div', { class: 'form-status' });
  const button = h('button', { type: 'submit' }, submitLabel);
  const element = h('form', attrs, fields, h('div', { class: 'actions' }, button), status);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    show(status);
    try {
      await act(Object.fromEntries(new FormData(element)), status);
    } catch (error) {
      show(status, problem(error));
    } finally {
      button.disabled = false;
    }
  });
  return element;
}

export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

/**
 * An amount as people read it: in the workspace's currency, two decimals, more only when the amount has them
 * (the API keeps up to six). The exact value stays in the API's answer.
 */
export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '—';
  const value = Number(amount);
  if (!currency) return value.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 6 });
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(value);
}

export function when(timestamp) {
  return timestamp ? new Date(timestamp).toLocaleString() : '—';
}

/** Wraps a table so it scrolls sideways on a phone instead of breaking the page. */
export function table(headers, rows) {
  return h('div', { class: 'table-wrap' },
    h('table', {}, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))), h('tbody', {}, rows)));
}

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}` }, text);
}
