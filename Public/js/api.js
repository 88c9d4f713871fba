// Thin wrappers over the JSON API (docs: DESIGN.md §3 and GET /api/openapi.json).

export class APIError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** `/api/events?type=capture` from a path and a parameter object; empty values are left out. */
export function url(path, parameters = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** GET a JSON document; throws APIError with the API's error message on a non-2xx status. */
export async function getJSON(path, parameters = {}, { signal } = {}) {
  const response = await fetch(url(path, parameters), { headers: { Accept: 'application/json' }, signal });
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

async function errorFrom(response) {
  let code = 'http_' + response.status;
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
    }
  } catch {
    // A body that is not JSON keeps the status line as the message.
  }
  return new APIError(response.status, code, message);
}

/** True for the rejection a superseded (aborted) request produces, which is not an error. */
export function isAbort(error) {
  return error && error.name === 'AbortError';
}

export const api = {
  provinces: (at, options) => getJSON('/api/provinces', { at }, options),
  province: (id, at, options) => getJSON(`/api/provinces/${encodeURIComponent(id)}`, { at }, options),
  timeline: (from, to, options) => getJSON('/api/timeline', { from, to, bucket: 'day' }, options),
  events: (filters, options) => getJSON('/api/events', filters, options),
  event: (id, options) => getJSON(`/api/events/${encodeURIComponent(id)}`, {}, options),
  sources: (options) => getJSON('/api/sources', {}, options),
  source: (id, options) => getJSON(`/api/sources/${encodeURIComponent(id)}`, {}, options),
  search: (q, cursor, options) => getJSON('/api/articles', { q, cursor, limit: 20 }, options),
};
