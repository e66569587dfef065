// Builds src/geo/world-countries.json, the world map the app draws: world-atlas's
// countries-110m shapes (coarse: the map's drawing cost is in its points) plus, from
// countries-50m, every country 110m leaves out (small ones real exports sell to: Bahrain,
// Hong Kong, Malta, Singapore, …), re-quantised onto 110m's grid. Every id of 50m is then
// drawn, at about a sixth of 50m's points (a filter change redrew the 50m map in 350–590 ms).
// Run after upgrading world-atlas: node scripts/geo/build-world.mjs
// Data: Natural Earth (public domain) via world-atlas (ISC, Mike Bostock).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const read = (name) => JSON.parse(readFileSync(require.resolve(`world-atlas/${name}`), 'utf8'));
const coarse = read('countries-110m.json');
const fine = read('countries-50m.json');
const OUT = resolve(import.meta.dirname, '../../src/geo/world-countries.json');

/** The absolute coordinates of every arc of a quantised topology. */
function decode(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

/** An arc in absolute coordinates, quantised and delta-encoded onto `transform`'s grid (at least two points). */
function encode(points, transform) {
  const [sx, sy] = transform.scale;
  const [tx, ty] = transform.translate;
  const q = [];
  for (const [x, y] of points) {
    const p = [Math.round((x - tx) / sx), Math.round((y - ty) / sy)];
    const last = q[q.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) q.push(p);
  }
  if (q.length === 1) q.push([...q[0]]);
  return q.map((p, i) => (i === 0 ? p : [p[0] - q[i - 1][0], p[1] - q[i - 1][1]]));
}

const have = new Set(coarse.objects.countries.geometries.filter((g) => g.id !== undefined).map((g) => String(g.id)));
const extra = fine.objects.countries.geometries.filter((g) => g.id !== undefined && !have.has(String(g.id)));
const fineArcs = decode(fine);
const arcs = [...coarse.arcs];
const moved = new Map();
/** The index in `arcs` of 50m's arc i (~i when reversed), copied over once. */
const arcIndex = (i) => {
  const j = i < 0 ? ~i : i;
  if (!moved.has(j)) {
    moved.set(j, arcs.length);
    arcs.push(encode(fineArcs[j], coarse.transform));
  }
  const k = moved.get(j);
  return i < 0 ? ~k : k;
};
const remap = (a) => (typeof a === 'number' ? arcIndex(a) : a.map(remap));
const geometries = [...coarse.objects.countries.geometries, ...extra.map((g) => ({ ...g, arcs: remap(g.arcs) }))];
const out = { type: 'Topology', bbox: coarse.bbox, transform: coarse.transform, objects: { countries: { type: 'GeometryCollection', geometries } }, arcs };
writeFileSync(OUT, JSON.stringify(out));
const points = (t) => t.arcs.reduce((n, a) => n + a.length, 0);
console.log(`wrote ${OUT}: ${geometries.length} shapes (${coarse.objects.countries.geometries.length} from 110m, ${extra.length} from 50m: ${extra.map((g) => g.properties?.name).join(', ')}); ${points(out)} points against ${points(fine)} in 50m; ${(JSON.stringify(out).length / 1024).toFixed(0)} KB`);
