// Labels shared by the map, the feed and the panels. Status is always shown with a word or a
// letter next to its colour, so nothing depends on telling colours apart.

import { h } from './dom.js';

export const CONTROL = {
  government: { label: 'Government', letter: 'G' },
  contested: { label: 'Contested', letter: 'C' },
  taliban: { label: 'Taliban', letter: 'T' },
  unknown: { label: 'Unknown', letter: '?' },
};
export const CONTROL_ORDER = ['government', 'contested', 'taliban', 'unknown'];

export function controlOf(status) {
  return CONTROL[status] ? status : 'unknown';
}

export const EVENT_TYPES = ['capture', 'assault', 'repelled', 'surrender', 'withdrawal', 'casualties', 'visit', 'deployment'];
export const EVENT_STATUSES = ['confirmed', 'claimed', 'denied', 'expected'];

/** The badge an event shows: disputed wins over its status, because that is what needs attention. */
export function eventBadge(event) {
  const kind = event.disputed ? 'disputed' : event.status || 'unknown';
  const badge = h('span', { class: `badge badge-${safeClass(kind)}` }, kind);
  if (event.disputed && event.dispute && event.dispute.reason) {
    badge.title = 'Disputed: ' + humanize(event.dispute.reason);
  }
  return badge;
}

export function controlBadge(status) {
  const key = controlOf(status);
  return h('span', { class: `control control-${key}` },
    h('span', { class: 'control-letter', 'aria-hidden': 'true' }, CONTROL[key].letter),
    CONTROL[key].label);
}

/** Only letters, digits and dashes survive into a class name. */
export function safeClass(text) {
  return String(text).toLowerCase().replace(/[^a-z0-9-]/g, '');
}

/** `dates_disagree` -> `dates disagree`, `mazar-i-sharif` -> `Mazar-i-Sharif`-ish. */
export function humanize(slug) {
  return String(slug ?? '').replace(/_/g, ' ');
}

export function titleFromSlug(slug) {
  if (!slug) return '';
  return String(slug).split('-').map((part) => (['i', 'e', 'al', 'ul'].includes(part) ? part : part.charAt(0).toUpperCase() + part.slice(1))).join('-');
}

/** `ashraf-ghani` -> `Ashraf Ghani` (the API gives actors as slugs only). */
export function actorName(slug) {
  return String(slug ?? '').split('-').filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** Names of places: provinces and their capitals from /api/provinces, the rest from the slug. */
export class PlaceNames {
  constructor() {
    this.provinces = new Map();
    this.cities = new Map();
  }

  learn(provinces) {
    for (const province of provinces) {
      this.provinces.set(province.id, province.name);
      if (province.capital && province.capital.id) this.cities.set(province.capital.id, province.capital.name);
    }
  }

  province(id) {
    return id ? this.provinces.get(id) || titleFromSlug(id) : '';
  }

  city(id) {
    return id ? this.cities.get(id) || titleFromSlug(id) : '';
  }

  /** "Mazar-i-Sharif, Balkh", "Balkh", or "Afghanistan" when the event names no place. */
  of(event) {
    const city = this.city(event.city);
    const province = this.province(event.province);
    if (city && province && city !== province) return `${city}, ${province}`;
    return city || province || 'Afghanistan';
  }
}

export const places = new PlaceNames();

/** Outlet names by slug, from /api/sources; unknown slugs are shown title-cased. */
const sourceNameMap = new Map();
export function learnSources(sources) {
  for (const source of sources) sourceNameMap.set(source.id, source.name || source.id);
}
export function sourceName(id) {
  return sourceNameMap.get(id) || titleFromSlug(id);
}

/** Days between two ISO dates, inclusive of both ends: ['2021-08-01', ..., '2021-08-03']. */
export function daysBetween(from, to) {
  const days = [];
  const end = Date.parse(to + 'T00:00:00Z');
  for (let t = Date.parse(from + 'T00:00:00Z'); t <= end && days.length < 5000; t += 86400000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

export function shortDate(iso) {
  if (!iso) return 'undated';
  const date = new Date(iso.slice(0, 10) + 'T00:00:00Z');
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function plural(count, one, many = one + 's') {
  return `${count} ${count === 1 ? one : many}`;
}

/** Only http(s) links from articles become clickable. */
export function safeLink(href) {
  try {
    const parsed = new URL(href, window.location.origin);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
