// The control map: one cell per province around its capital, filled by a colour AND a pattern per
// status, with the status letter on the capital marker (readable without colour vision).

import { s, replaceChildren } from './dom.js';
import { CONTROL, CONTROL_ORDER, controlOf, shortDate } from './format.js';
import { OUTLINE, WIDTH, HEIGHT, project, hasCoordinates, voronoiCells, pathData } from './geo.js';

const COLOURS = {
  government: '#0072b2',
  contested: '#e69f00',
  taliban: '#d55e00',
  unknown: '#9a9a9a',
};

function patterns() {
  const defs = s('defs');
  defs.appendChild(s('pattern', { id: 'fill-government', width: 10, height: 10, patternUnits: 'userSpaceOnUse' },
    s('rect', { width: 10, height: 10, fill: COLOURS.government })));
  defs.appendChild(s('pattern', { id: 'fill-contested', width: 10, height: 10, patternUnits: 'userSpaceOnUse' },
    s('rect', { width: 10, height: 10, fill: COLOURS.contested }),
    s('circle', { cx: 5, cy: 5, r: 1.8, fill: '#000', 'fill-opacity': 0.55 })));
  defs.appendChild(s('pattern', { id: 'fill-taliban', width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    s('rect', { width: 8, height: 8, fill: COLOURS.taliban }),
    s('rect', { width: 3, height: 8, fill: '#000', 'fill-opacity': 0.45 })));
  defs.appendChild(s('pattern', { id: 'fill-unknown', width: 12, height: 12, patternUnits: 'userSpaceOnUse' },
    s('rect', { width: 12, height: 12, fill: COLOURS.unknown }),
    s('path', { d: 'M0,6H12M6,0V12', stroke: '#fff', 'stroke-opacity': 0.6, 'stroke-width': 1 })));
  return defs;
}

export function fillFor(status) {
  return `url(#fill-${controlOf(status)})`;
}

export function swatch(status) {
  return s('svg', { class: 'swatch', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true' },
    s('rect', { width: 16, height: 16, fill: fillFor(status), stroke: '#222', 'stroke-width': 1 }));
}

export class ControlMap {
  /** @param {SVGSVGElement} svg  @param {(id: string) => void} onSelect */
  constructor(svg, onSelect) {
    this.svg = svg;
    this.onSelect = onSelect;
    this.groups = new Map();
    this.svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  }

  /** Draws the provinces' geometry once; statuses are applied by `update`. */
  build(provinces) {
    const placed = provinces.filter((p) => hasCoordinates(p.capital));
    const sites = placed.map((p) => project(p.capital.lon, p.capital.lat));
    const cells = voronoiCells(sites, OUTLINE.map(([lon, lat]) => project(lon, lat)));
    const cellLayer = s('g', { class: 'cells' });
    const markerLayer = s('g', { class: 'markers', 'aria-hidden': 'true' });
    this.groups.clear();
    placed.forEach((province, i) => {
      const [x, y] = sites[i];
      const title = s('title');
      const cell = s('path', { class: 'cell', d: pathData(cells[i]) });
      const group = s('g', {
        class: 'province', 'data-id': province.id, role: 'button', tabindex: 0,
        onclick: () => this.onSelect(province.id),
        onkeydown: (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            this.onSelect(province.id);
          }
        },
      }, title, cell);
      // Keyboard focus is drawn above every cell too (a cell's own stroke hides under its neighbours).
      group.addEventListener('focus', () => this.ring(cell.getAttribute('d')));
      group.addEventListener('blur', () => this.ring(''));
      const letter = s('text', { class: 'letter', x, y: y + 4, 'text-anchor': 'middle' });
      const marker = s('g', { class: 'capital', 'data-id': province.id },
        s('circle', { cx: x, cy: y, r: 9 }), letter,
        s('text', { class: 'label', x, y: y + 24, 'text-anchor': 'middle' }, province.name));
      // The marker belongs to the province for clicks too; it sits in its own layer so labels stay on top of every cell.
      marker.addEventListener('click', () => this.onSelect(province.id));
      cellLayer.appendChild(group);
      markerLayer.appendChild(marker);
      this.groups.set(province.id, { group, cell, title, letter, marker, province });
    });
    replaceChildren(this.svg,
      s('title', {}, 'Control of Afghanistan\u2019s provinces'),
      patterns(),
      s('path', { class: 'outline', d: pathData(OUTLINE.map(([lon, lat]) => project(lon, lat))) }),
      cellLayer, this.highlight = s('g', { class: 'highlight', 'aria-hidden': 'true' }),
      this.focusRing = s('g', { class: 'focus-ring', 'aria-hidden': 'true' }), markerLayer);
    this.svg.dataset.provinces = String(placed.length);
    relaxLabels([...markerLayer.querySelectorAll('.label')]);
    return provinces.length - placed.length;
  }

  /** Applies each province's status on day `at`. */
  update(provinces, at) {
    const counts = Object.fromEntries(CONTROL_ORDER.map((k) => [k, 0]));
    for (const province of provinces) {
      const entry = this.groups.get(province.id);
      const status = controlOf(province.status);
      counts[status] += 1;
      if (!entry) continue;
      entry.group.dataset.status = status;
      entry.cell.setAttribute('fill', fillFor(status));
      entry.letter.textContent = CONTROL[status].letter;
      entry.marker.dataset.status = status;
      const since = province.since ? ` since ${shortDate(province.since)}` : '';
      const capital = province.capital && province.capital.name ? `, capital ${province.capital.name}` : '';
      const label = `${province.name}: ${CONTROL[status].label}${since}${capital}`;
      entry.title.textContent = label;
      entry.group.setAttribute('aria-label', label);
    }
    this.svg.dataset.at = at || '';
    return counts;
  }

  ring(d) {
    if (this.focusRing) replaceChildren(this.focusRing, d ? [s('path', { class: 'halo', d }), s('path', { class: 'edge', d })] : []);
  }

  select(id) {
    const chosen = this.groups.get(id);
    // A white-and-black outline on top of every cell: visible on any fill, under no neighbour.
    if (this.highlight) {
      const d = chosen ? chosen.cell.getAttribute('d') : '';
      replaceChildren(this.highlight, d ? [s('path', { class: 'halo', d }), s('path', { class: 'edge', d })] : []);
    }
    for (const [key, entry] of this.groups) {
      entry.group.classList.toggle('selected', key === id);
      entry.marker.classList.toggle('selected', key === id);
      entry.group.setAttribute('aria-pressed', key === id ? 'true' : 'false');
    }
  }
}

/**
 * Capitals around Kabul sit close together: nudge overlapping labels apart vertically, a few
 * passes, keeping each near its capital. Needs the SVG in the document (getBBox).
 */
function relaxLabels(labels) {
  const boxes = labels.map((label) => {
    let box;
    try {
      box = label.getBBox();
    } catch {
      return null;
    }
    return { label, x: box.x, y: box.y, w: box.width, h: box.height, dy: 0 };
  }).filter((b) => b && b.w > 0);
  for (let pass = 0; pass < 40; pass++) {
    let moved = false;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const overlapX = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const overlapY = Math.min(a.y + a.dy + a.h, b.y + b.dy + b.h) - Math.max(a.y + a.dy, b.y + b.dy);
        if (overlapX <= 1 || overlapY <= 0) continue;
        const [upper, lower] = a.y + a.dy <= b.y + b.dy ? [a, b] : [b, a];
        const push = Math.min(overlapY / 2 + 0.5, 6);
        if (Math.abs(upper.dy - push) <= 28) upper.dy -= push;
        if (Math.abs(lower.dy + push) <= 28) lower.dy += push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  for (const box of boxes) {
    if (box.dy) box.label.setAttribute('y', String(Number(box.label.getAttribute('y')) + box.dy));
  }
}
