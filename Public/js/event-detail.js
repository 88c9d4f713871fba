// One event's reports: who said what, when, in which words (the evidence sentence, highlighted),
// with a link to each article.

import { h } from './dom.js';
import { api } from './api.js';
import { humanize, safeLink, shortDate, sourceName } from './format.js';

export async function eventDetail(id) {
  const event = await api.event(id);
  const reports = Array.isArray(event.reports) ? event.reports : [];
  const parts = [];
  if (event.disputed && event.dispute) parts.push(disputeNote(event.dispute));
  if (Array.isArray(event.date_range) && event.date_range.length === 2 && event.date_range[0] !== event.date_range[1]) {
    parts.push(h('p', { class: 'muted' }, `Reported dates range from ${shortDate(event.date_range[0])} to ${shortDate(event.date_range[1])}.`));
  }
  parts.push(reports.length
    ? h('ol', { class: 'reports' }, reports.map(reportItem))
    : h('p', { class: 'muted' }, 'No reports.'));
  return parts;
}

function disputeNote(dispute) {
  const sides = Array.isArray(dispute.sides) ? dispute.sides : [];
  return h('div', { class: 'dispute' },
    h('strong', {}, 'Disputed: '), humanize(dispute.reason || 'sources disagree'),
    sides.length ? h('ul', {}, sides.map((side) => h('li', {},
      side.date ? shortDate(side.date) : humanize(side.status || side.claim || 'other'), ' \u2014 ',
      (side.sources || []).map(sourceName).join(', ')))) : null);
}

function reportItem(report) {
  const article = report.article || {};
  const source = article.source || {};
  const link = safeLink(article.url);
  const title = article.title || `Article ${report.article_id ?? ''}`;
  const evidence = report.evidence && report.evidence.sentence;
  const meta = [
    source.name || source.id || 'unknown source',
    article.published_at ? `published ${shortDate(article.published_at)}` : null,
    report.status ? `status ${report.status}` : null,
    attribution(report.attributed_to),
    report.date ? `date ${report.date}${report.date_text ? ` (\u201c${report.date_text}\u201d)` : ''}` : (report.date_text ? `\u201c${report.date_text}\u201d` : null),
  ].filter(Boolean).join(' \u00b7 ');
  return h('li', { class: 'report', 'data-report-id': report.id },
    h('div', { class: 'report-meta' }, meta),
    evidence ? h('blockquote', { class: 'evidence' }, h('mark', {}, evidence)) : null,
    numbersLine(report.numbers),
    h('div', { class: 'report-links' },
      link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, title) : h('span', {}, title),
      report.article_id != null ? [' ', h('a', { class: 'json-link', href: `/api/articles/${encodeURIComponent(report.article_id)}` }, '(JSON)')] : null));
}

function numbersLine(numbers) {
  if (!numbers || typeof numbers !== 'object') return null;
  const parts = Object.entries(numbers).map(([kind, range]) => {
    if (!range || typeof range !== 'object') return null;
    const value = range.best ?? (range.low != null && range.high != null ? `${range.low}\u2013${range.high}` : range.low != null ? `at least ${range.low}` : range.high != null ? `up to ${range.high}` : null);
    return value == null ? null : `${humanize(kind)}: ${value}`;
  }).filter(Boolean);
  return parts.length ? h('div', { class: 'numbers' }, parts.join(' \u00b7 ')) : null;
}

/** "according to local officials"; stray leading punctuation from the extractor is dropped. */
function attribution(text) {
  const clean = String(text ?? '').replace(/^[\s,;:.\-]+/, '').trim();
  return clean ? `according to ${clean}` : null;
}
