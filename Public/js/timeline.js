// The timeline chart: provinces held per party per day (stacked columns) over events per day,
// with a cursor on the slider's day. A table of the same numbers follows for screen readers.

import { s, h, replaceChildren } from './dom.js';
import { CONTROL, CONTROL_ORDER, places, shortDate } from './format.js';
import { fillFor } from './map.js';

const W = 1000;
const LEFT = 34;
const HELD_TOP = 10;
const HELD_HEIGHT = 170;
const EVENTS_TOP = 200;
const EVENTS_HEIGHT = 60;
const H = 290;

export class TimelineChart {
  constructor(svg, table, onPick) {
    this.svg = svg;
    this.table = table;
    this.onPick = onPick;
    this.days = [];
    this.svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  }

  render(days) {
    this.days = days;
    const n = Math.max(days.length, 1);
    const step = (W - LEFT) / n;
    const totalProvinces = Math.max(1, ...days.map((d) => CONTROL_ORDER.reduce((sum, k) => sum + ((d.held || {})[k] || 0), 0)));
    const maxEvents = Math.max(1, ...days.map((d) => eventTotal(d)));
    const columns = s('g', { class: 'columns' });
    days.forEach((day, i) => {
      const x = LEFT + i * step;
      const column = s('g', { class: 'day', 'data-date': day.date, onclick: () => this.onPick(day.date) });
      let y = HELD_TOP + HELD_HEIGHT;
      for (const key of CONTROL_ORDER) {
        const count = (day.held || {})[key] || 0;
        if (!count) continue;
        const height = (count / totalProvinces) * HELD_HEIGHT;
        y -= height;
        column.appendChild(s('rect', { x, y, width: Math.max(step - 1, 0.5), height, fill: fillFor(key), class: `held held-${key}` }));
      }
      const events = eventTotal(day);
      const eventHeight = (events / maxEvents) * EVENTS_HEIGHT;
      column.appendChild(s('rect', { class: 'events-bar', x, y: EVENTS_TOP + EVENTS_HEIGHT - eventHeight, width: Math.max(step - 1, 0.5), height: eventHeight }));
      column.appendChild(s('rect', { class: 'hit', x, y: 0, width: step, height: H - 20, fill: 'transparent' }));
      column.appendChild(s('title', {}, describe(day)));
      columns.appendChild(column);
    });
    const ticks = s('g', { class: 'ticks' });
    const every = Math.max(1, Math.ceil(n / 8));
    days.forEach((day, i) => {
      if (i % every !== 0) return;
      const x = LEFT + i * step + step / 2;
      ticks.appendChild(s('text', { x, y: H - 4, 'text-anchor': 'middle' }, day.date.slice(5)));
    });
    this.cursor = s('line', { class: 'cursor', x1: 0, x2: 0, y1: 0, y2: H - 18 });
    replaceChildren(this.svg,
      s('title', {}, 'Provinces held per party per day, and events per day'),
      s('text', { class: 'axis', x: 0, y: HELD_TOP + 10 }, String(totalProvinces)),
      s('text', { class: 'axis', x: 0, y: HELD_TOP + HELD_HEIGHT }, '0'),
      s('text', { class: 'axis', x: 0, y: EVENTS_TOP + 10 }, String(maxEvents)),
      s('text', { class: 'axis-title', x: LEFT, y: EVENTS_TOP - 4 }, 'events per day'),
      columns, ticks, this.cursor);
    this.renderTable(days);
  }

  renderTable(days) {
    const head = h('tr', {}, h('th', { scope: 'col' }, 'Day'),
      CONTROL_ORDER.map((k) => h('th', { scope: 'col' }, CONTROL[k].label)), h('th', { scope: 'col' }, 'Events'));
    const rows = days.map((day) => h('tr', {}, h('th', { scope: 'row' }, day.date),
      CONTROL_ORDER.map((k) => h('td', {}, String((day.held || {})[k] || 0))), h('td', {}, String(eventTotal(day)))));
    replaceChildren(this.table, h('thead', {}, head), h('tbody', {}, rows));
  }

  mark(date) {
    if (!this.cursor) return;
    const i = this.days.findIndex((d) => d.date === date);
    const step = (W - LEFT) / Math.max(this.days.length, 1);
    const x = i < 0 ? -10 : LEFT + i * step + step / 2;
    this.cursor.setAttribute('x1', x);
    this.cursor.setAttribute('x2', x);
  }
}

function eventTotal(day) {
  return Object.values(day.events || {}).reduce((sum, n) => sum + (Number(n) || 0), 0);
}

function describe(day) {
  const held = CONTROL_ORDER.map((k) => `${CONTROL[k].label} ${(day.held || {})[k] || 0}`).join(', ');
  const events = Object.entries(day.events || {}).map(([type, n]) => `${type} ${n}`).join(', ') || 'none';
  const changes = (day.changes || []).map((c) => `${places.province(c.province)} ${c.from || '?'} \u2192 ${c.to || '?'}`).join(', ');
  return `${shortDate(day.date)} \u2014 held: ${held}; events: ${events}${changes ? `; changed hands: ${changes}` : ''}`;
}
