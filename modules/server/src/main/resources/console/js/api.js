// The one way the console calls the API: bearer token, JSON, and problem+json turned into ApiError(detail).
import { session } from './session.js';

export const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}`);
    this.status = status;
    this.code = problem?.code || null;
    this.problem = problem || {};
  }
}

export async function call(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json', ...headers } };
  const token = session.token();
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch {
    throw new ApiError(0, { detail: 'The API cannot be reached; check your connection and try again.' });
  }
  if (response.status === 401 && token) {
    // The session ended (logout elsewhere, expiry): forget it and go back to the login page.
    session.clear();
    window.dispatchEvent(new Event('atrium:signed-out'));
  }
  const text = await response.text();
  const json = text ? parseJson(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body, headers) => call('POST', path, body ?? {}, headers),
  put: (path, body) => call('PUT', path, body),
  patch: (path, body) => call('PATCH', path, body),
  del: (path) => call('DELETE', path),
  /** Every item of a paged list, following nextCursor (up to `max` items). */
  async all(path, max = 1000) {
    const items = [];
    let cursor = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await call('GET', `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...(page.items || []));
      cursor = page.nextCursor;
    } while (cursor && items.length < max);
    return items;
  },
  /** A binary answer (PDF) fetched with the token, as a blob. */
  async blob(path) {
    const response = await fetch(BASE + path, { headers: { Authorization: `Bearer ${session.token()}` } });
    if (!response.ok) throw new ApiError(response.status, parseJson(await response.text()));
    return response.blob();
  },
};

/** A fresh key for a POST that moves money, so a retried click never charges twice. */
export function idempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
