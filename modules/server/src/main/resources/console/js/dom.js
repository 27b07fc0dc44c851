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
    clearFieldErrors(element);
    try {
      await act(Object.fromEntries(new FormData(element)), status);
    } catch (error) {
      show(status, problem(error));
      markFieldErrors(element, error);
    } finally {
      button.disabled = false;
    }
  });
  return element;
}

/**
 * Puts each of the problem's `errors` beside its input: the one whose `data-field` (or else `name`) is the
 * API's field name; the list in the form's status stays as the summary.
 */
function markFieldErrors(formElement, error) {
  for (const { field: name, message } of error?.problem?.errors || []) {
    const input = [...formElement.querySelectorAll('[data-field], [name]')]
      .find((e) => (e.dataset.field || e.getAttribute('name')) === name);
    if (!input) continue;
    const note = h('span', { class: 'field-error', id: `${formElement.id || 'form'}-error-${name.replace(/[^\w-]/g, '-')}` }, message);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', note.id);
    const holder = input.closest('.field, fieldset, .threshold');
    if (holder) holder.append(note);
    else input.after(note);
  }
}

function clearFieldErrors(formElement) {
  formElement.querySelectorAll('.field-error').forEach((e) => e.remove());
  formElement.querySelectorAll('[aria-invalid]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('aria-describedby');
  });
}

/** A secret shown once (a signing secret), with a button that copies it. */
export function secretBox(secret, id, note) {
  const value = h('input', { id, readonly: true, value: secret, class: 'secret', 'aria-label': 'Secret', spellcheck: 'false' });
  const done = h('span', { class: 'ok copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'secondary copy-secret', onclick: async () => {
    try {
      await navigator.clipboard.writeText(secret);
    } catch {
      value.select(); // no clipboard access (plain http): selected, ready for Ctrl+C
      document.execCommand('copy');
    }
    done.textContent = 'Copied.';
  } }, 'Copy');
  return h('div', { class: 'note secret-box' }, h('p', {}, note), h('div', { class: 'actions' }, value, copy, done));
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
