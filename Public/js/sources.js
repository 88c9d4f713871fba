// The sources table: each outlet's articles, citations and track record (how often its reports
// agree with the consensus, how often it reported first, its median lag).

import { h, replaceChildren } from './dom.js';
import { api } from './api.js';
import { humanize, shortDate } from './format.js';

const TRACK_RECORD_LIMIT = 60;

export async function renderSources(tbody, status) {
  status.textContent = 'Loading sources\u2026';
  let sources;
  try {
    sources = (await api.sources()).data || [];
  } catch (error) {
    status.textContent = `Could not load sources: ${error.message}`;
    return [];
  }
  sources.sort((a, b) => (b.article_count || 0) - (a.article_count || 0) || (b.cited_count || 0) - (a.cited_count || 0));
  const rows = sources.map((source) => {
    const record = h('td', { class: 'track', colspan: 4 }, h('span', { class: 'muted' }, '\u2026'));
    const row = h('tr', { 'data-source-id': source.id },
      h('th', { scope: 'row' }, source.name || source.id),
      h('td', {}, humanize(source.kind || '')),
      h('td', { class: 'num' }, String(source.article_count ?? 0)),
      h('td', { class: 'num' }, String(source.cited_count ?? 0)),
      h('td', {}, source.first_seen ? shortDate(source.first_seen) : '\u2014'),
      h('td', {}, source.last_seen ? shortDate(source.last_seen) : '\u2014'),
      record);
    return { row, record, source };
  });
  replaceChildren(tbody, rows.map((r) => r.row));
  status.textContent = sources.length ? '' : 'No sources yet.';
  // Track records are one request each; the busiest outlets first, a bounded number of them.
  await Promise.all(rows.slice(0, TRACK_RECORD_LIMIT).map(async ({ record, source }) => {
    try {
      const detail = await api.source(source.id);
      fillRecord(record, detail.track_record);
    } catch {
      replaceChildren(record, h('span', { class: 'muted' }, 'unavailable'));
    }
  }));
  for (const { record } of rows.slice(TRACK_RECORD_LIMIT)) replaceChildren(record, h('span', { class: 'muted' }, 'not loaded'));
  return sources;
}

function fillRecord(record, track) {
  if (!track) {
    replaceChildren(record, h('span', { class: 'muted' }, 'none'));
    return;
  }
  record.removeAttribute('colspan');
  const reports = track.reports ?? 0;
  const agree = track.agree_with_consensus ?? 0;
  const share = reports ? ` (${Math.round((agree / reports) * 100)}%)` : '';
  const cells = [
    h('td', { class: 'num' }, String(reports)),
    h('td', { class: 'num' }, `${agree}${share}`),
    h('td', { class: 'num' }, String(track.first_to_report ?? 0)),
    h('td', { class: 'num' }, track.median_lag_days == null ? '\u2014' : `${Number(track.median_lag_days).toFixed(1).replace(/\.0$/, '')} d`),
  ];
  record.replaceWith(...cells);
}
