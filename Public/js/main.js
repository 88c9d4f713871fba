// Wires the dashboard together: the URL state drives every panel, panels write back to it.

import { api, isAbort } from './api.js';
import { h, replaceChildren } from './dom.js';
import { CONTROL, CONTROL_ORDER, controlOf, daysBetween, learnSources, places } from './format.js';
import { getState, setState, subscribe } from './state.js';
import { ControlMap, swatch } from './map.js';
import { DateSlider } from './slider.js';
import { TimelineChart } from './timeline.js';
import { EventFeed } from './feed.js';
import { ProvincePanel } from './province-panel.js';
import { ArticleSearch } from './search.js';
import { renderSources } from './sources.js';
import { connectLive } from './live.js';

const $ = (selector) => document.querySelector(selector);
const REFRESH_DELAY_MS = 600;
const MAX_NEWS_TAIL_DAYS = 15;

const map = new ControlMap($('#map'), (id) => setState({ province: id }, { push: true }));
const chart = new TimelineChart($('#timeline'), $('#timeline-table'), (date) => setState({ date }));
const slider = new DateSlider({
  range: $('#date-range'), output: $('#date-output'), play: $('#play'), previous: $('#day-previous'), next: $('#day-next'),
}, (date) => {
  setState({ date });
  return dayLoaded;
});
const feed = new EventFeed({
  form: $('#filters'), list: $('#feed'), more: $('#feed-more'), status: $('#feed-status'),
  justIn: $('#just-in'), justInSection: $('#just-in-section'),
});
const panel = new ProvincePanel($('#province-panel'), () => setState({ province: '' }, { push: true }));
const search = new ArticleSearch({ form: $('#search'), results: $('#search-results'), status: $('#search-status'), more: $('#search-more') });

const dayCache = new Map();
let dayController = null;
let dayLoaded = Promise.resolve();
let days = [];

function notice(text) {
  const box = $('#notice');
  box.textContent = text;
  box.hidden = !text;
}

async function provincesOn(date) {
  if (dayCache.has(date)) return dayCache.get(date);
  if (dayController) dayController.abort();
  dayController = new AbortController();
  const body = await api.provinces(date, { signal: dayController.signal });
  dayCache.set(date, body);
  return body;
}

async function showDay(date) {
  slider.show(date);
  chart.mark(date);
  try {
    const body = await provincesOn(date);
    if (getState().date !== date) return;
    const counts = map.update(body.data || [], body.at || date);
    renderLegend(counts);
    renderProvinceList(body.data || []);
  } catch (error) {
    if (!isAbort(error)) notice(`Could not load the map for ${date}: ${error.message}`);
  }
}

function renderLegend(counts) {
  replaceChildren($('#legend'), CONTROL_ORDER.map((key) => h('li', { 'data-status': key, 'data-count': counts[key] },
    swatch(key), h('span', { class: 'control-letter', 'aria-hidden': 'true' }, CONTROL[key].letter),
    `${CONTROL[key].label}: `, h('strong', {}, String(counts[key])))));
}

/** The map's content as text: readable on any screen, by screen readers, and without colour. */
function renderProvinceList(provinces) {
  const groups = CONTROL_ORDER.map((key) => [key, provinces.filter((p) => controlOf(p.status) === key)]).filter(([, list]) => list.length);
  replaceChildren($('#province-list'), groups.map(([key, list]) => h('div', { class: 'province-group', 'data-status': key },
    h('h3', {}, h('span', { class: 'control-letter', 'aria-hidden': 'true' }, CONTROL[key].letter), ` ${CONTROL[key].label} (${list.length})`),
    h('ul', {}, list.map((p) => h('li', {}, h('button', {
      type: 'button', class: 'link-button', onclick: () => setState({ province: p.id }, { push: true }),
    }, p.name)))))));
}

// The replay runs from the first event day to the last day with news: the last event may come
// a day or two before the last articles, and the map on those days is what readers last saw.
let lastNewsDay = '';

async function loadTimeline() {
  let timeline = await api.timeline();
  if (timeline.from && timeline.to && lastNewsDay > timeline.to && daysBetween(timeline.to, lastNewsDay).length <= MAX_NEWS_TAIL_DAYS) {
    timeline = await api.timeline(timeline.from, lastNewsDay);
  }
  const data = Array.isArray(timeline.data) ? timeline.data : [];
  const from = timeline.from || (data[0] && data[0].date);
  const to = timeline.to || (data.length && data[data.length - 1].date);
  days = from && to ? daysBetween(from, to) : [];
  slider.setDays(days);
  chart.render(data);
  return timeline;
}

function onStateChange(state, changed) {
  if (changed.has('date')) {
    dayLoaded = showDay(state.date);
    if (state.province) panel.show(state.province, state.date);
  }
  if (changed.has('province')) {
    map.select(state.province);
    if (state.province) panel.show(state.province, state.date, { focus: true });
    else panel.close();
  }
  if (['type', 'place', 'status', 'source'].some((k) => changed.has(k))) feed.load(state);
  if (changed.has('q')) search.run(state.q);
}

// Live events can come in bursts (a bulk ingest): refresh at most once per REFRESH_DELAY_MS,
// always after the latest event of a burst, never once per event.
let refreshTimer = null;
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(async () => {
    refreshTimer = null;
    dayCache.clear();
    try {
      await loadTimeline();
    } catch (error) {
      notice(`Could not refresh the timeline: ${error.message}`);
    }
    const state = getState();
    dayLoaded = showDay(state.date);
    if (state.province) panel.show(state.province, state.date);
    const sources = await renderSources($('#sources-body'), $('#sources-status'));
    learnSources(sources);
  }, REFRESH_DELAY_MS);
}

function wireForms() {
  $('#filters').addEventListener('change', (event) => {
    const name = event.target.name;
    if (['type', 'place', 'status', 'source'].includes(name)) setState({ [name]: event.target.value }, { push: true });
  });
  $('#filters-reset').addEventListener('click', () => setState({ type: '', place: '', status: '', source: '' }, { push: true }));
  $('#search').addEventListener('submit', (event) => {
    event.preventDefault();
    setState({ q: event.target.elements.q.value.trim() }, { push: true });
  });
  document.addEventListener('keydown', (event) => {
    const typing = event.target.closest('input, select, textarea');
    if (event.key === '/' && !typing) {
      event.preventDefault();
      $('#q').focus();
    }
  });
}

async function start() {
  wireForms();
  // On a phone the map's labels are small: the list is open from the start there.
  if (window.matchMedia('(max-width: 600px)').matches) $('.province-list-box').open = true;
  const state = getState();
  const [provinces, sources] = await Promise.all([
    api.provinces().then((body) => body.data || []),
    renderSources($('#sources-body'), $('#sources-status')),
  ]);
  places.learn(provinces);
  learnSources(sources);
  lastNewsDay = sources.map((source) => String(source.last_seen || '').slice(0, 10)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().pop() || '';
  const missing = map.build(provinces);
  if (missing) notice(`${missing} province(s) have no capital coordinates and are not on the map.`);
  let timeline = { data: [] };
  try {
    timeline = await loadTimeline();
  } catch (error) {
    notice(`Could not load the timeline: ${error.message}`);
  }
  const types = [...new Set((timeline.data || []).flatMap((d) => Object.keys(d.events || {})))];
  feed.setOptions({ provinces, sources, types });

  // A shared link's day is honoured even outside the replay's span (the map can show any day).
  const date = state.date || days[days.length - 1] || new Date().toISOString().slice(0, 10);
  subscribe(onStateChange);
  if (date !== state.date) setState({ date });
  else onStateChange(state, new Set(['date']));
  // The date handler above has opened the panel of a province named in the URL.
  map.select(state.province);
  feed.load(getState());
  if (state.q) search.run(state.q);
  connectLive({
    indicator: $('#live'),
    onEvent: (event) => {
      feed.upsert(event);
      scheduleRefresh();
    },
    onDeleted: (id) => {
      feed.remove(id);
      scheduleRefresh();
    },
  });
  document.body.dataset.ready = '1';
}

start().catch((error) => {
  notice(`The dashboard could not start: ${error.message}`);
  document.body.dataset.ready = 'error';
});
