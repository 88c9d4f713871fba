// The event feed: newest first, filtered by the URL's type/place/status/source, each event
// expandable to its reports. Live events are merged in place and listed under "Just in".

import { h, replaceChildren } from './dom.js';
import { api, isAbort } from './api.js';
import { actorName, eventBadge, places, sourceName, plural, shortDate, safeClass, EVENT_TYPES, EVENT_STATUSES } from './format.js';
import { eventDetail } from './event-detail.js';

const JUST_IN_MAX = 8;

/** One event as a list item with a button that expands its reports. */
export function eventItem(event, { idPrefix = 'feed' } = {}) {
  const detailID = `${idPrefix}-event-${safeClass(String(event.id))}`;
  const detail = h('div', { class: 'event-detail', id: detailID, hidden: true });
  const toggle = h('button', {
    type: 'button', class: 'expand', 'aria-expanded': 'false', 'aria-controls': detailID,
    'aria-label': `Reports of ${event.type || 'event'}, ${places.of(event)}, ${shortDate(event.date)}`,
  }, 'Reports');
  toggle.addEventListener('click', () => toggleDetail(event.id, toggle, detail));
  const sources = Number(event.source_count) || 0;
  const sourceNames = Array.isArray(event.sources) ? event.sources.map(sourceName).join(', ') : '';
  return h('li', { class: 'event', 'data-event-id': event.id, 'data-type': event.type || '', 'data-date': event.date || '' },
    h('div', { class: 'event-row' },
      h('time', { datetime: event.date || '' }, shortDate(event.date)),
      h('span', { class: 'what' },
        h('span', { class: `type type-${safeClass(event.type || '')}` }, event.type || 'event'), ' ',
        h('span', { class: 'place' }, places.of(event)),
        event.actor ? [' ', h('span', { class: 'actor' }, actorName(event.actor))] : null),
      toggle,
      h('span', { class: 'meta' }, eventBadge(event), ' ',
        h('span', { class: 'source-count', title: sourceNames || null }, plural(sources, 'source')))),
    detail);
}

async function toggleDetail(id, toggle, detail) {
  const open = toggle.getAttribute('aria-expanded') !== 'true';
  toggle.setAttribute('aria-expanded', String(open));
  detail.hidden = !open;
  if (!open || detail.dataset.loaded) return;
  replaceChildren(detail, h('p', { class: 'muted' }, 'Loading reports\u2026'));
  try {
    replaceChildren(detail, await eventDetail(id));
    detail.dataset.loaded = '1';
  } catch (error) {
    replaceChildren(detail, h('p', { class: 'error' }, `Could not load the reports: ${error.message}`));
  }
}

export class EventFeed {
  constructor({ form, list, more, status, justIn, justInSection }) {
    Object.assign(this, { form, list, more, status, justIn, justInSection });
    this.cursor = null;
    this.filters = {};
    this.controller = null;
    this.more.addEventListener('click', () => this.loadMore());
    this.justInSection.querySelector('#just-in-clear').addEventListener('click', () => {
      replaceChildren(this.justIn);
      this.justInSection.hidden = true;
    });
  }

  /** Fills the filter menus; the current values come from the URL. */
  setOptions({ provinces, sources, types }) {
    // Types with events come first; the rest of the design's types only when the data names none,
    // because the API rejects types its lexicon does not know.
    const allTypes = types.length ? [...types].sort() : EVENT_TYPES;
    fillSelect(this.form.elements.type, 'Any type', allTypes.map((t) => [t, t]));
    fillSelect(this.form.elements.place, 'Any province', provinces.map((p) => [p.id, p.name]).sort((a, b) => a[1].localeCompare(b[1])));
    fillSelect(this.form.elements.status, 'Any status', [...EVENT_STATUSES, 'disputed'].map((t) => [t, t]));
    fillSelect(this.form.elements.source, 'Any source', sources.map((x) => [x.id, x.name || x.id]));
  }

  showFilters(state) {
    for (const key of ['type', 'place', 'status', 'source']) {
      const select = this.form.elements[key];
      if (state[key] && ![...select.options].some((o) => o.value === state[key])) {
        select.appendChild(h('option', { value: state[key] }, state[key]));
      }
      select.value = state[key] || '';
    }
  }

  query(state) {
    return {
      type: state.type,
      province: state.place,
      status: state.status === 'disputed' ? '' : state.status,
      disputed: state.status === 'disputed' ? 'true' : '',
      source: state.source,
    };
  }

  async load(state) {
    this.state = state;
    this.showFilters(state);
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    this.status.textContent = 'Loading events\u2026';
    this.list.setAttribute('aria-busy', 'true');
    try {
      const page = await api.events({ ...this.query(state), limit: 50 }, { signal: this.controller.signal });
      replaceChildren(this.list, page.data.map((e) => eventItem(e)));
      this.cursor = page.next_cursor || null;
      this.report();
    } catch (error) {
      if (isAbort(error)) return;
      replaceChildren(this.list);
      this.status.textContent = `Could not load events: ${error.message}`;
    } finally {
      this.list.removeAttribute('aria-busy');
    }
  }

  async loadMore() {
    if (!this.cursor) return;
    this.more.disabled = true;
    try {
      const page = await api.events({ ...this.query(this.state), limit: 50, cursor: this.cursor });
      for (const event of page.data) {
        if (!this.list.querySelector(`[data-event-id="${CSS.escape(String(event.id))}"]`)) this.list.appendChild(eventItem(event));
      }
      this.cursor = page.next_cursor || null;
      this.report();
    } catch (error) {
      this.status.textContent = `Could not load more events: ${error.message}`;
    } finally {
      this.more.disabled = false;
    }
  }

  report() {
    const shown = this.list.children.length;
    this.status.textContent = shown ? `${plural(shown, 'event')} shown${this.cursor ? ', more available' : ''}.` : 'No events match these filters.';
    this.more.hidden = !this.cursor;
  }

  matches(event) {
    const state = this.state || {};
    if (state.type && event.type !== state.type) return false;
    if (state.place && event.province !== state.place) return false;
    if (state.status === 'disputed' ? !event.disputed : state.status && event.status !== state.status) return false;
    if (state.source && !(Array.isArray(event.sources) && event.sources.includes(state.source))) return false;
    return true;
  }

  /** A new or updated event from the stream. */
  upsert(event) {
    const selector = `[data-event-id="${CSS.escape(String(event.id))}"]`;
    const existing = this.list.querySelector(selector);
    if (existing) existing.remove();
    if (this.matches(event)) {
      const item = eventItem(event);
      item.classList.add('fresh');
      const later = [...this.list.children].find((li) => (li.dataset.date || '') < (event.date || ''));
      if (later) this.list.insertBefore(item, later);
      else if (!this.cursor || existing) this.list.appendChild(item);
    }
    const previous = this.justIn.querySelector(selector);
    if (previous) previous.remove();
    const item = eventItem(event, { idPrefix: 'live' });
    item.dataset.live = '1';
    this.justIn.insertBefore(item, this.justIn.firstChild);
    while (this.justIn.children.length > JUST_IN_MAX) this.justIn.lastChild.remove();
    this.justInSection.hidden = false;
    this.report();
  }

  remove(id) {
    const selector = `[data-event-id="${CSS.escape(String(id))}"]`;
    for (const item of [...this.list.querySelectorAll(selector), ...this.justIn.querySelectorAll(selector)]) item.remove();
    this.justInSection.hidden = this.justIn.children.length === 0;
    this.report();
  }
}

function fillSelect(select, anyLabel, options) {
  const value = select.value;
  replaceChildren(select, h('option', { value: '' }, anyLabel), options.map(([v, label]) => h('option', { value: v }, label)));
  select.value = value;
}
