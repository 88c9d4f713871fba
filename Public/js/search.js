// Full-text article search. The API's snippet marks matches with <mark>…</mark> and leaves the
// article text unescaped; snippetElement escapes it and restores only the mark tags.

import { h, replaceChildren, snippetElement } from './dom.js';
import { api, isAbort } from './api.js';
import { plural, safeLink, shortDate } from './format.js';

export class ArticleSearch {
  constructor({ form, results, status, more }) {
    Object.assign(this, { form, results, status, more });
    this.controller = null;
    this.cursor = null;
    this.more.addEventListener('click', () => this.page());
  }

  async run(q) {
    this.form.elements.q.value = q || '';
    this.q = q;
    if (this.controller) this.controller.abort();
    replaceChildren(this.results);
    this.cursor = null;
    this.more.hidden = true;
    this.results.closest('section').hidden = !q;
    if (!q) {
      this.status.textContent = '';
      return;
    }
    this.status.textContent = `Searching for \u201c${q}\u201d\u2026`;
    await this.page();
  }

  async page() {
    this.controller = new AbortController();
    try {
      const page = await api.search(this.q, this.cursor, { signal: this.controller.signal });
      for (const article of page.data || []) this.results.appendChild(resultItem(article));
      this.cursor = page.next_cursor || null;
      this.more.hidden = !this.cursor;
      const count = this.results.children.length;
      this.status.textContent = count
        ? `${plural(count, 'article')} match \u201c${this.q}\u201d${this.cursor ? ' (more available)' : ''}.`
        : `No article matches \u201c${this.q}\u201d.`;
    } catch (error) {
      if (isAbort(error)) return;
      this.status.textContent = error.code === 'invalid_parameter'
        ? `The search \u201c${this.q}\u201d is not valid: ${error.message}`
        : `Search failed: ${error.message}`;
    }
  }
}

function resultItem(article) {
  const link = safeLink(article.url);
  const source = article.source || {};
  const title = article.title || `Article ${article.id}`;
  return h('li', { class: 'article', 'data-article-id': article.id },
    h('div', { class: 'article-title' }, link
      ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, title)
      : h('span', {}, title)),
    h('div', { class: 'muted' }, [source.name || source.id || 'unknown source',
      article.published_at ? shortDate(article.published_at) : 'undated',
      plural(Number(article.report_count) || 0, 'report')].join(' \u00b7 ')),
    article.snippet ? snippetElement('p', article.snippet, { class: 'snippet' }) : null);
}
