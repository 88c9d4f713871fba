// DOM helpers. Every string from the API comes from news articles: it only ever reaches the page
// as a text node (textContent) or through escapeHTML, never as markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Builds an HTML element; string children become text nodes, attributes are set as attributes. */
export function h(tag, attributes = {}, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

/** Builds an SVG element the same way. */
export function s(tag, attributes = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attributes, children);
}

function fill(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.appendChild(child);
    else element.appendChild(document.createTextNode(String(child)));
  }
}

/** Removes every child and appends the new ones. */
export function replaceChildren(element, ...children) {
  while (element.firstChild) element.removeChild(element.firstChild);
  append(element, children);
  return element;
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHTML(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * A search snippet as HTML: the API wraps matches in <mark>…</mark> and leaves the rest of the
 * article text unescaped, so escape everything, then restore exactly those two tags.
 */
export function markedHTML(snippet) {
  return escapeHTML(snippet).replace(/&lt;(\/?)mark&gt;/g, '<$1mark>');
}

/** An element whose content is a search snippet with its <mark> tags kept. */
export function snippetElement(tag, snippet, attributes = {}) {
  const element = h(tag, attributes);
  element.innerHTML = markedHTML(snippet);
  return element;
}
