// Choropleth maps of revenue or customers by country (world-atlas) or US state (us-atlas).
//
// Colour scale: logarithmic. Place revenue is extremely skewed (the UK is ~85% of the UCI
// file, the next country ~3%), so a linear scale paints everything but the leader in the
// palest shade. A quantile scale would spread the colours but throw away magnitude (rank 2
// and rank 20 can be 100× apart yet one step apart in colour) and its class breaks change with
// every filter. A log scale keeps order and magnitude (each shade step is a constant factor),
// stays continuous, and reads naturally on the legend (1k, 10k, 100k…). Log needs positive
// values: places with zero or net-negative revenue (refunds) are drawn in the no-data grey
// and the tooltip still gives their figures.
import { atlasFeature, type Topology } from '../geo/atlas';
import type { GeoKind, GeoRow } from '../geo/match';
import { fmtInt, fmtMoney } from '../format';
import { finish, titleOf, type BaseOptions, type ChartSpec } from './types';

/** Fill of shapes with no data (or a value the log scale cannot place); lighter than the palest data shade. */
export const NO_DATA_FILL = '#e9ecf1';

// blues from 25% so the lowest data shade is visibly darker than NO_DATA_FILL
const SCHEME = { name: 'blues', extent: [0.25, 1] };
const ANTARCTICA = '010';

/** Options of a choropleth. */
export interface ChoroplethOptions extends BaseOptions {
  kind: GeoKind;
  measure: 'revenue' | 'customers';
  /** Tooltip title of the place ('Country', or the column's label); defaults by kind. */
  placeTitle?: string;
}

/** The lookup rows joined to the shapes: a GeoRow plus the coloured value and preformatted tooltip text. */
interface Joined {
  id: string;
  label: string;
  name: string;
  revenue: number;
  customers: number | null;
  value: number | null;
  revenue_text: string;
  customers_text: string;
}

/** Log-scale domain of the positive values; a single value gets a decade below it so it still takes a colour. */
function logDomain(values: readonly number[]): [number, number] | null {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return null;
  const hi = Math.max(...pos);
  const lo = Math.min(...pos);
  return lo < hi ? [lo, hi] : [hi / 10, hi];
}

/** Legend labels: the powers of ten inside the domain (£1k, £10k, …; at most ~6), or its ends when fewer than two fit. */
function legendValues([lo, hi]: [number, number]): number[] {
  const decades: number[] = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); k <= Math.floor(Math.log10(hi) + 1e-9); k++) decades.push(10 ** k);
  if (decades.length < 2) return [lo, hi];
  const step = Math.ceil(decades.length / 6);
  return decades.filter((_, i) => i % step === 0);
}

/**
 * A choropleth of `rows` (matchRows output) over `topology` (loadAtlas(kind)): shapes joined
 * by id, log colour scale of the measure, grey where there is no data, equalEarth (world,
 * Antarctica dropped unless it has data) or albersUsa (US). A clicked shape's datum carries
 * `label`, the original label to filter by (absent on no-data shapes).
 */
export function choroplethSpec(topology: Topology, rows: readonly GeoRow[], o: ChoroplethOptions): ChartSpec {
  if (o.kind !== 'world' && o.kind !== 'us') throw new Error(`invalid map kind: ${String(o.kind)} (expected 'world' or 'us')`);
  if (o.measure !== 'revenue' && o.measure !== 'customers') throw new Error(`invalid map measure: ${String(o.measure)} (expected 'revenue' or 'customers')`);
  const feature = atlasFeature(o.kind);
  if (!topology.objects[feature]) throw new Error(`invalid topology: no '${feature}' object for a ${o.kind} map`);
  const currency = o.currency ?? '';
  const joined: Joined[] = rows.map((r) => {
    const v = o.measure === 'revenue' ? r.revenue : r.customers;
    return {
      id: r.id,
      label: r.label,
      name: r.name,
      revenue: r.revenue,
      customers: r.customers,
      value: v !== null && v > 0 ? v : null,
      revenue_text: fmtMoney(r.revenue, currency),
      customers_text: r.customers === null ? '—' : fmtInt(r.customers),
    };
  });
  const domain = logDomain(joined.map((r) => r.value ?? 0));
  const measureTitle = o.measure === 'revenue' ? 'Revenue' : 'Customers';
  const placeTitle = o.placeTitle ?? (o.kind === 'world' ? 'Country' : 'State');
  // files without customer ids: leave customers out of the tooltip rather than print "—" everywhere
  const withCustomers = o.measure === 'customers' || rows.some((r) => r.customers !== null);
  const keepAntarctica = joined.some((r) => r.id === ANTARCTICA);
  const hidden = o.kind === 'world' ? (keepAntarctica ? [] : [{ filter: `datum.id !== '${ANTARCTICA}'` }]) : [{ filter: `datum.id < '60'` }];
  const fields = ['label', 'name', 'revenue', 'customers', 'value', 'revenue_text', 'customers_text'];
  const color = domain
    ? {
        field: 'value',
        type: 'quantitative',
        scale: { type: 'log', domain, scheme: SCHEME, clamp: true },
        legend: { title: measureTitle, values: legendValues(domain), format: `${o.measure === 'revenue' ? '$' : ''}.3~s`, gradientLength: 160 },
      }
    : { value: NO_DATA_FILL };
  const spec = finish(
    {
      title: titleOf(o.title ?? `${measureTitle} by ${o.kind === 'world' ? 'country' : 'state'}`, o.subtitle),
      height: o.height ?? (o.kind === 'world' ? 340 : 380),
      data: { values: topology, format: { type: 'topojson', feature } },
      transform: [
        // the US territories fall outside albersUsa; Antarctica would take a fifth of the world map
        ...hidden,
        { lookup: 'id', from: { data: { values: joined }, key: 'id', fields } },
        { calculate: 'isValid(datum.name) ? datum.name : datum.properties.name', as: 'place' },
        { calculate: `isValid(datum.revenue_text) ? datum.revenue_text : 'no data'`, as: 'tip_revenue' },
        { calculate: `isValid(datum.customers_text) ? datum.customers_text : 'no data'`, as: 'tip_customers' },
        // the screen-reader label says what the tooltip says (by default it would lead with "value: null")
        { calculate: `${JSON.stringify(placeTitle + ': ')} + datum.place + '; Revenue: ' + datum.tip_revenue${withCustomers ? ` + '; Customers: ' + datum.tip_customers` : ''}`, as: 'aria' },
      ],
      projection: { type: o.kind === 'world' ? 'equalEarth' : 'albersUsa' },
      mark: { type: 'geoshape', stroke: '#ffffff', strokeWidth: 0.5 },
      encoding: {
        color,
        tooltip: [
          { field: 'place', type: 'nominal', title: placeTitle },
          { field: 'tip_revenue', type: 'nominal', title: 'Revenue' },
          ...(withCustomers ? [{ field: 'tip_customers', type: 'nominal', title: 'Customers' }] : []),
        ],
        description: { field: 'aria', type: 'nominal' },
      },
    },
    currency,
  ) as ChartSpec & { config: Record<string, unknown> };
  // null values (no data, or ≤ 0 on the log scale) keep their shape and take the no-data grey
  // instead of being filtered out (Vega-Lite's default) or painted as the lowest shade ('show')
  spec.config = { ...spec.config, scale: { invalid: { color: { value: NO_DATA_FILL } } } };
  return spec;
}
