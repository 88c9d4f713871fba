// The view's whole state lives in the URL query, so any view can be shared or bookmarked:
//   date      the slider's day (YYYY-MM-DD)
//   province  the province whose panel is open
//   type, place, status, source   event feed filters (place = province filter of the feed)
//   q         the article search

const KEYS = ['date', 'province', 'type', 'place', 'status', 'source', 'q'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

const VALID = {
  date: (v) => DATE.test(v),
  province: (v) => SLUG.test(v),
  type: (v) => SLUG.test(v),
  place: (v) => SLUG.test(v),
  status: (v) => ['confirmed', 'claimed', 'denied', 'expected', 'disputed'].includes(v),
  source: (v) => SLUG.test(v),
  q: (v) => v.length > 0 && v.length <= 200,
};

function read() {
  const query = new URLSearchParams(window.location.search);
  const state = {};
  for (const key of KEYS) {
    const value = (query.get(key) || '').trim();
    state[key] = value && VALID[key](value) ? value : '';
  }
  return state;
}

let current = read();
const listeners = new Set();

export function getState() {
  return current;
}

/**
 * Merges `changes` into the state, writes the URL and tells listeners which keys changed.
 * `push` adds a history entry (a new selection); otherwise the entry is replaced (slider moves).
 */
export function setState(changes, { push = false } = {}) {
  const next = { ...current };
  const changed = new Set();
  for (const [key, raw] of Object.entries(changes)) {
    if (!KEYS.includes(key)) continue;
    const value = raw ?? '';
    if (next[key] !== value) {
      next[key] = value;
      changed.add(key);
    }
  }
  if (changed.size === 0) return;
  current = next;
  writeURL(push);
  notify(changed);
}

function writeURL(push) {
  const query = new URLSearchParams();
  for (const key of KEYS) if (current[key]) query.set(key, current[key]);
  const text = query.toString();
  const target = window.location.pathname + (text ? '?' + text : '') + window.location.hash;
  if (push) history.pushState(null, '', target);
  else history.replaceState(null, '', target);
}

function notify(changed) {
  for (const listener of listeners) listener(current, changed);
}

export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

window.addEventListener('popstate', () => {
  const previous = current;
  current = read();
  const changed = new Set(KEYS.filter((key) => previous[key] !== current[key]));
  if (changed.size) notify(changed);
});
