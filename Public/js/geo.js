// Geometry of the map. The API gives each province's capital (lat/lon), not its borders, so each
// province is drawn as the part of the country closer to its capital than to any other capital
// (a Voronoi cell clipped to the national outline). The outline is Natural Earth's 1:110m
// Afghanistan polygon (public domain), [lon, lat] pairs.

export const OUTLINE = [
  [61.21, 35.65], [62.23, 35.27], [62.98, 35.40], [63.19, 35.86], [63.98, 36.01], [64.55, 36.31],
  [64.75, 37.11], [65.59, 37.31], [65.75, 37.66], [66.22, 37.39], [66.52, 37.36], [67.08, 37.36],
  [67.83, 37.14], [68.14, 37.02], [68.86, 37.34], [69.20, 37.15], [69.52, 37.61], [70.12, 37.59],
  [70.27, 37.74], [70.38, 38.14], [70.81, 38.49], [71.35, 38.26], [71.24, 37.95], [71.54, 37.91],
  [71.45, 37.07], [71.84, 36.74], [72.19, 36.95], [72.64, 37.05], [73.26, 37.50], [73.95, 37.42],
  [74.98, 37.42], [75.16, 37.13], [74.58, 37.02], [74.07, 36.84], [72.92, 36.72], [71.85, 36.51],
  [71.26, 36.07], [71.50, 35.65], [71.61, 35.15], [71.12, 34.73], [71.16, 34.35], [70.88, 33.99],
  [69.93, 34.02], [70.32, 33.36], [69.69, 33.11], [69.26, 32.50], [69.32, 31.90], [68.93, 31.62],
  [68.56, 31.71], [67.79, 31.58], [67.68, 31.30], [66.94, 31.30], [66.38, 30.74], [66.35, 29.89],
  [65.05, 29.47], [64.35, 29.56], [64.15, 29.34], [63.55, 29.47], [62.55, 29.32], [60.87, 29.83],
  [61.78, 30.74], [61.70, 31.38], [60.94, 31.55], [60.86, 32.18], [60.54, 32.98], [60.96, 33.53],
  [60.53, 33.68], [60.80, 34.40],
];

const WEST = 60.3;
const EAST = 75.3;
const NORTH = 38.7;
const SOUTH = 29.1;
// Equirectangular, with longitudes shrunk by the cosine of the middle latitude so shapes are not stretched.
const X_SCALE = Math.cos((34 * Math.PI) / 180);
const UNIT = 1000 / ((EAST - WEST) * X_SCALE);

export const WIDTH = 1000;
export const HEIGHT = Math.round((NORTH - SOUTH) * UNIT);

export function project(lon, lat) {
  return [(lon - WEST) * X_SCALE * UNIT, (NORTH - lat) * UNIT];
}

export function hasCoordinates(capital) {
  return capital && Number.isFinite(capital.lon) && Number.isFinite(capital.lat);
}

/** Keeps the part of `polygon` on the side of the line through `m` normal to `n` where (p - m)·n <= 0. */
function clip(polygon, m, n) {
  const output = [];
  const side = (p) => (p[0] - m[0]) * n[0] + (p[1] - m[1]) * n[1];
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i];
    const b = polygon[(i + 1) % polygon.length];
    const sa = side(a);
    const sb = side(b);
    if (sa <= 0) output.push(a);
    if ((sa <= 0) !== (sb <= 0)) {
      const t = sa / (sa - sb);
      output.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return output;
}

/** One clipped Voronoi cell per site (projected points); a cell may be empty. */
export function voronoiCells(sites, outline) {
  return sites.map((site, i) => {
    let cell = outline;
    for (let j = 0; j < sites.length && cell.length > 0; j++) {
      if (j === i) continue;
      const other = sites[j];
      if (other[0] === site[0] && other[1] === site[1]) continue;
      const middle = [(site[0] + other[0]) / 2, (site[1] + other[1]) / 2];
      cell = clip(cell, middle, [other[0] - site[0], other[1] - site[1]]);
    }
    return cell;
  });
}

export function pathData(polygon) {
  if (polygon.length < 3) return '';
  return 'M' + polygon.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join('L') + 'Z';
}

/** Area-weighted centre of a polygon, for placing its label. */
export function centroid(polygon) {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x0, y0] = polygon[i];
    const [x1, y1] = polygon[(i + 1) % polygon.length];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-9) return polygon[0] || [0, 0];
  return [x / (3 * area), y / (3 * area)];
}
