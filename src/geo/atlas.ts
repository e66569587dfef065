// The bundled map topologies, loaded on demand: the world file (~120 KB) becomes its own
// chunk that is fetched from our own origin only when a map is shown; nothing comes from
// a CDN. The world is world-countries.json (scripts/geo/build-world.mjs): world-atlas's
// coarse countries-110m shapes plus the small countries 110m drops and real exports sell to
// (Bahrain, Singapore, Malta, Hong Kong, …) from countries-50m: every country of 50m, at an
// eighth of its points (the map is redrawn on every filter change).
import { KOSOVO_ID } from './countries';
import type { GeoKind } from './match';

/** One geometry of a TopoJSON collection: `id` is the join key (ISO numeric / FIPS). */
export interface TopoGeometry {
  type: string;
  id?: string | number;
  properties?: { name?: string };
  arcs?: unknown;
}

/** A TopoJSON topology, as much of it as the app reads (vega reads the rest). */
export interface Topology {
  type: 'Topology';
  objects: Record<string, { type: 'GeometryCollection'; geometries: TopoGeometry[] }>;
  arcs: unknown[];
  bbox?: number[];
  transform?: { scale: [number, number]; translate: [number, number] };
}

/** The TopoJSON object holding the shapes of an atlas ('countries' in world-atlas, 'states' in us-atlas). */
export function atlasFeature(kind: GeoKind): 'countries' | 'states' {
  return kind === 'world' ? 'countries' : 'states';
}

// world-atlas leaves Kosovo without an id; give it the key countries.ts matches "Kosovo" to
// (in place: each load parses a fresh object).
function withIds(topology: Topology): Topology {
  for (const g of topology.objects['countries']?.geometries ?? []) if (g.id === undefined && g.properties?.name === 'Kosovo') g.id = KOSOVO_ID;
  return topology;
}

const loads = new Map<GeoKind, Promise<Topology>>();

/** The topology of an atlas, loaded once per kind (a rejected load is forgotten so a retry can succeed). */
export function loadAtlas(kind: GeoKind): Promise<Topology> {
  let p = loads.get(kind);
  if (!p) {
    // Literal specifiers so Vite emits one lazy chunk per atlas. `?raw` (the file as a string,
    // parsed here) rather than a JSON import: the same bytes and parse cost at run time (Vite
    // turns large JSON into JSON.parse("…") anyway), but tsc never infers a type for 750 KB
    // of coordinates, which added ~6 s and ~90 MB to every type check.
    p = (kind === 'world' ? import('./world-countries.json?raw') : import('us-atlas/states-10m.json?raw')).then((m) => {
      const t = JSON.parse(m.default) as Topology;
      return kind === 'world' ? withIds(t) : t;
    });
    p.catch(() => loads.delete(kind));
    loads.set(kind, p);
  }
  return p;
}

/**
 * The ids the map actually draws: every world shape with an id; for the US only FIPS < 60,
 * because albersUsa projects the territories (Puerto Rico, Guam, …) to nothing.
 */
export function shapeIds(topology: Topology, kind: GeoKind): Set<string> {
  const ids = new Set<string>();
  for (const g of topology.objects[atlasFeature(kind)]?.geometries ?? []) {
    if (g.id === undefined) continue;
    const id = String(g.id);
    if (kind === 'us' && id >= '60') continue;
    ids.add(id);
  }
  return ids;
}
