// The province panel: opened by a click (or Enter) on the map, it shows the capital, the status
// now and on the slider's day, the control timeline and the province's events.

import { h, replaceChildren } from './dom.js';
import { api, isAbort } from './api.js';
import { controlBadge, shortDate } from './format.js';
import { eventItem } from './feed.js';

export class ProvincePanel {
  constructor(section, onClose) {
    this.section = section;
    this.body = section.querySelector('.panel-body');
    this.heading = section.querySelector('h2');
    this.controller = null;
    section.querySelector('.close').addEventListener('click', onClose);
    section.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') onClose();
    });
  }

  close() {
    if (this.controller) this.controller.abort();
    this.section.hidden = true;
    this.section.dataset.province = '';
    this.shown = null;
  }

  /** Shows province `id` as of `date`; moves focus to the panel when `focus` is set. */
  async show(id, date, { focus = false } = {}) {
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    const { signal } = this.controller;
    this.section.hidden = false;
    if (this.shown !== id) {
      this.heading.textContent = 'Loading\u2026';
      replaceChildren(this.body);
    }
    this.section.setAttribute('aria-busy', 'true');
    try {
      const [onDay, now] = await Promise.all([api.province(id, date, { signal }), api.province(id, undefined, { signal })]);
      this.render(onDay, now, date);
      this.shown = id;
      this.section.dataset.province = id;
      this.section.dataset.at = date || '';
      if (focus) this.heading.focus();
    } catch (error) {
      if (isAbort(error)) return;
      this.heading.textContent = 'Province';
      replaceChildren(this.body, h('p', { class: 'error' }, error.status === 404 ? `No province \u201c${id}\u201d.` : `Could not load the province: ${error.message}`));
    } finally {
      this.section.removeAttribute('aria-busy');
    }
  }

  render(onDay, now, date) {
    this.heading.textContent = onDay.name;
    const capital = onDay.capital || {};
    const timeline = Array.isArray(now.timeline) ? now.timeline : (onDay.timeline || []);
    const events = Array.isArray(now.events) ? now.events : (onDay.events || []);
    replaceChildren(this.body,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Capital'),
        h('dd', {}, capital.name || 'unknown',
          Number.isFinite(capital.lat) && Number.isFinite(capital.lon) ? h('span', { class: 'muted' }, ` (${capital.lat.toFixed(2)}\u00b0N, ${capital.lon.toFixed(2)}\u00b0E)`) : null),
        onDay.iso_code ? [h('dt', {}, 'ISO code'), h('dd', {}, onDay.iso_code)] : null,
        h('dt', {}, `On ${shortDate(date || onDay.at)}`),
        h('dd', { class: 'status-on-day' }, controlBadge(onDay.status), since(onDay)),
        h('dt', {}, 'Now'),
        h('dd', { class: 'status-now' }, controlBadge(now.status), since(now))),
      h('h3', {}, 'Control timeline'),
      timeline.length
        ? h('ol', { class: 'control-timeline' }, timeline.map((period) => h('li', { 'data-status': period.status, class: covers(period, date) ? 'current' : null },
          controlBadge(period.status), ' ',
          h('span', {}, `${period.since ? shortDate(period.since) : 'from the start'} \u2013 ${period.until ? shortDate(period.until) : 'now'}`),
          period.event_id != null ? h('span', { class: 'muted' }, ` (event ${period.event_id})`) : null)))
        : h('p', { class: 'muted' }, 'No change of control recorded.'),
      h('h3', {}, 'Events'),
      events.length
        ? h('ul', { class: 'events panel-events' }, events.map((e) => eventItem(e, { idPrefix: 'panel' })))
        : h('p', { class: 'muted' }, 'No events recorded for this province.'));
  }
}

function since(province) {
  return province.since ? h('span', { class: 'muted' }, ` since ${shortDate(province.since)}`) : null;
}

/** Whether a control period (since inclusive, until exclusive; null = open) contains `date`. */
function covers(period, date) {
  if (!date) return false;
  return (!period.since || period.since <= date) && (!period.until || date < period.until);
}
