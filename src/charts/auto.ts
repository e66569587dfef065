// A chart for any query result, chosen from the column types: a date and a number → a
// line over time; a label and a number → ranked bars (top 30); two numbers → a scatter
// (at most 5,000 points, evenly sampled); one number → a histogram. Repeated x values are
// summed, so a raw (unaggregated) result still draws an honest chart. Dates are epoch ms
// or ISO strings and are shown in UTC (DuckDB-WASM has no time zones). The chart's rows use
// fixed keys (x, y); the result's column names are titles only, so any name draws — Vega-Lite
// would read `a.b`, `a[0]` or `"><svg …` in a field as a path (issue 16).
import { barSpec } from './bars';
import { scatterSpec } from './distribution';
import { finish, titleOf, type ChartSpec } from './types';

/** A result column as the chart sees it. */
export interface AutoColumn {
  name: string;
  type: 'number' | 'text' | 'date';
}

/** A result row: numbers, strings (dates as ISO strings or epoch ms), booleans or null. */
export type AutoRow = Record<string, number | string | boolean | null>;

/** The chart kinds autoChartSpec draws. */
export type AutoKind = 'line' | 'bar' | 'scatter' | 'histogram';

/** Choices of the caller; anything left out is picked from the columns. */
export interface AutoOptions {
  /** The x column (a date, label or number). */
  x?: string;
  /** The numeric y column; null asks for a histogram of x. */
  y?: string | null;
  title?: string;
  /** Currency symbol for money-looking measures. */
  currency?: string;
  /** Most bars of a ranked bar chart (the rest are left out and the subtitle says so). */
  maxBars?: number;
  /** Most points of a scatter. */
  maxPoints?: number;
  /** Roughly how many histogram bins. */
  bins?: number;
}

/** A chart, or the reason there is none. */
export type AutoChart = { spec: ChartSpec; kind: AutoKind; x: string; y: string | null } | { spec: null; reason: string };

// a measure whose name says money gets the currency on its axis
const MONEY = /revenue|amount|spend|sales|price|value|income|profit|cost|atv|aov|ticket/i;

/** Picks the chart for a result and builds its Vega-Lite spec. */
export function autoChartSpec(columns: readonly AutoColumn[], rows: readonly AutoRow[], options: AutoOptions = {}): AutoChart {
  if (!rows.length) return { spec: null, reason: 'The result has no rows to chart.' };
  const pick = choose(columns, options);
  if ('reason' in pick) return { spec: null, reason: pick.reason };
  const { x, y } = pick;
  const o = { ...options, maxBars: options.maxBars ?? 30, maxPoints: options.maxPoints ?? 5000, bins: options.bins ?? 20 };
  if (!y) return histogram(rows, x.name, o);
  if (x.type === 'date') return line(rows, x.name, y.name, o);
  if (x.type === 'text') return bars(rows, x.name, y.name, o);
  return scatter(rows, x.name, y.name, o);
}

/** The columns a chart can use as x (any) and as y (numbers). */
export function chartChoices(columns: readonly AutoColumn[]): { xs: AutoColumn[]; ys: AutoColumn[] } {
  return { xs: [...columns], ys: columns.filter((c) => c.type === 'number') };
}

type Pick = { x: AutoColumn; y: AutoColumn | null } | { reason: string };

function choose(columns: readonly AutoColumn[], o: AutoOptions): Pick {
  const find = (name: string): AutoColumn | undefined => columns.find((c) => c.name === name);
  const numbers = columns.filter((c) => c.type === 'number');
  if (!numbers.length) return { reason: 'A chart needs a numeric column; this result has none.' };
  let x: AutoColumn | undefined;
  if (o.x !== undefined) {
    x = find(o.x);
    if (!x) return { reason: `There is no column “${o.x}” in the result.` };
  } else {
    x = columns.find((c) => c.type === 'date') ?? columns.find((c) => c.type === 'text') ?? numbers[0];
  }
  if (!x) return { reason: 'A chart needs a numeric column; this result has none.' };
  if (o.y === null) return x.type === 'number' ? { x, y: null } : { reason: 'A histogram needs a numeric column on x.' };
  if (o.y !== undefined) {
    const y = find(o.y);
    if (!y) return { reason: `There is no column “${o.y}” in the result.` };
    if (y.type !== 'number') return { reason: `“${y.name}” is not numeric; the y axis needs a number.` };
    if (y.name === x.name) return { x, y: null };
    return { x, y };
  }
  const y = numbers.find((c) => c.name !== x.name);
  // a lone number: its distribution
  return { x, y: y ?? null };
}

type Opts = AutoOptions & { maxBars: number; maxPoints: number; bins: number };

const num = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '' || typeof v === 'boolean') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

const time = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || !v) return null;
  // "2024-01-05 13:45:00" (DuckDB's text form) is read as UTC, like a bare ISO date
  const t = Date.parse(/\d:\d\d(:\d\d(\.\d+)?)?$/.test(v) && !/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? `${v.replace(' ', 'T')}Z` : v);
  return Number.isFinite(t) ? t : null;
};

/** Sums y per distinct key; `dropped` counts rows without a usable x or y. */
function sumBy<K>(rows: readonly AutoRow[], key: (r: AutoRow) => K | null, y: string): { sums: Map<K, number>; repeated: boolean; dropped: number } {
  const sums = new Map<K, number>();
  let repeated = false;
  let dropped = 0;
  for (const r of rows) {
    const k = key(r);
    const v = num(r[y]);
    if (k === null || v === null) {
      dropped++;
      continue;
    }
    const prev = sums.get(k);
    if (prev !== undefined) repeated = true;
    sums.set(k, (prev ?? 0) + v);
  }
  return { sums, repeated, dropped };
}

function note(parts: (string | false | null)[]): string | undefined {
  const s = parts.filter(Boolean).join(' · ');
  return s || undefined;
}

const fmtCount = (n: number): string => n.toLocaleString('en-US');

/** Axis labels: SI-compact (40k, 1.2M) only for large values, where a shared prefix reads well; plain below. */
function axisFormat(values: Iterable<number>, money: boolean): string {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return `${money ? '$' : ''}${max >= 10_000 ? '~s' : ',~f'}`;
}

function line(rows: readonly AutoRow[], x: string, y: string, o: Opts): AutoChart {
  const { sums, repeated, dropped } = sumBy(rows, (r) => time(r[x]), y);
  if (!sums.size) return { spec: null, reason: `No row has both a date in “${x}” and a number in “${y}”.` };
  const values = [...sums].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ x: t, y: v }));
  const unit = timeUnitOf([...sums.keys()]);
  const money = MONEY.test(y);
  const spec = finish({
    title: titleOf(o.title ?? `${y} by ${x}`, note([repeated && `${y} summed per ${x}`, dropped > 0 && `${fmtCount(dropped)} rows without a value left out`])),
    height: 280,
    data: { values },
    mark: { type: 'line', point: values.length <= 60, interpolate: 'linear' },
    encoding: {
      x: { field: 'x', type: 'temporal', timeUnit: unit.timeUnit, title: x, axis: { labelOverlap: true } },
      y: { field: 'y', type: 'quantitative', title: y, axis: { format: axisFormat(sums.values(), money) } },
      tooltip: [
        { field: 'x', type: 'temporal', timeUnit: unit.timeUnit, title: x, format: unit.format },
        { field: 'y', type: 'quantitative', title: y, format: money ? '$,.2f' : ',.4~f' },
      ],
    },
  }, money ? (o.currency ?? '') : '');
  return { spec, kind: 'line', x, y };
}

/** The coarsest UTC time unit that loses nothing: months, days, minutes or seconds. */
function timeUnitOf(times: number[]): { timeUnit: string; format: string } {
  const dates = times.map((t) => new Date(t));
  if (dates.every((d) => d.getUTCDate() === 1 && d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0)) {
    return { timeUnit: 'utcyearmonth', format: '%b %Y' };
  }
  if (dates.every((d) => d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0)) {
    return { timeUnit: 'utcyearmonthdate', format: '%Y-%m-%d' };
  }
  if (dates.every((d) => d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0)) {
    return { timeUnit: 'utcyearmonthdatehoursminutes', format: '%Y-%m-%d %H:%M' };
  }
  return { timeUnit: 'utcyearmonthdatehoursminutesseconds', format: '%Y-%m-%d %H:%M:%S' };
}

function bars(rows: readonly AutoRow[], x: string, y: string, o: Opts): AutoChart {
  const { sums, repeated, dropped } = sumBy(rows, (r) => (r[x] === null || r[x] === undefined ? '(null)' : String(r[x])), y);
  if (!sums.size) return { spec: null, reason: `No row has a number in “${y}”.` };
  const ranked = [...sums].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = ranked.slice(0, o.maxBars).map(([k, v]) => ({ x: k, y: v }));
  const spec = barSpec(top, {
    label: 'x',
    value: 'y',
    labelTitle: x,
    valueTitle: y,
    ranked: true,
    money: MONEY.test(y),
    currency: o.currency ?? '',
    title: o.title ?? `${y} by ${x}`,
    subtitle: note([ranked.length > top.length && `top ${o.maxBars} of ${fmtCount(ranked.length)}`, repeated && `${y} summed per ${x}`, dropped > 0 && `${fmtCount(dropped)} rows without a value left out`]),
  });
  return { spec, kind: 'bar', x, y };
}

function scatter(rows: readonly AutoRow[], x: string, y: string, o: Opts): AutoChart {
  const points = rows.filter((r) => num(r[x]) !== null && num(r[y]) !== null);
  if (!points.length) return { spec: null, reason: `No row has numbers in both “${x}” and “${y}”.` };
  // evenly spaced rows: deterministic, and keeps the result's own order (often meaningful) visible
  const step = points.length / o.maxPoints;
  const sample = points.length <= o.maxPoints ? points : Array.from({ length: o.maxPoints }, (_, i) => points[Math.floor(i * step)] as AutoRow);
  const values = sample.map((r) => ({ x: num(r[x]), y: num(r[y]) }));
  const spec = scatterSpec(values, {
    x: 'x',
    y: 'y',
    xTitle: x,
    yTitle: y,
    title: o.title ?? `${y} vs ${x}`,
    xFormat: ',.4~f',
    yFormat: ',.4~f',
    subtitle: note([sample.length < points.length && `${fmtCount(sample.length)} of ${fmtCount(points.length)} points (evenly sampled)`]),
  });
  return { spec, kind: 'scatter', x, y };
}

function histogram(rows: readonly AutoRow[], x: string, o: Opts): AutoChart {
  const values: number[] = [];
  for (const r of rows) {
    const v = num(r[x]);
    if (v !== null) values.push(v);
  }
  if (!values.length) return { spec: null, reason: `“${x}” has no numbers to count.` };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const step = niceStep(lo, hi, o.bins);
  const start = Math.floor(lo / step) * step;
  const n = Math.max(1, Math.floor((hi - start) / step) + 1);
  const counts = new Array<number>(n).fill(0);
  for (const v of values) counts[Math.min(n - 1, Math.floor((v - start) / step))] += 1;
  const bins = counts.map((count, i) => ({ bin_start: round(start + i * step), bin_end: round(start + (i + 1) * step), count }));
  const money = MONEY.test(x);
  const fmt = money ? '$,.2~f' : ',.4~f';
  const spec = finish({
    title: titleOf(o.title ?? `Distribution of ${x}`, note([`${fmtCount(values.length)} values`, values.length < rows.length && `${fmtCount(rows.length - values.length)} NULL`])),
    height: 240,
    data: { values: bins },
    mark: { type: 'bar', binSpacing: 1 },
    encoding: {
      x: { field: 'bin_start', type: 'quantitative', bin: { binned: true, step }, title: x, axis: { format: axisFormat([lo, hi], money) } },
      x2: { field: 'bin_end' },
      y: { field: 'count', type: 'quantitative', title: 'Rows' },
      tooltip: [
        { field: 'bin_start', type: 'quantitative', title: 'From', format: fmt },
        { field: 'bin_end', type: 'quantitative', title: 'To', format: fmt },
        { field: 'count', type: 'quantitative', title: 'Rows', format: ',' },
      ],
    },
  }, money ? (o.currency ?? '') : '');
  return { spec, kind: 'histogram', x, y: null };
}

/** A 1-2-5 step giving about `target` bins over [lo, hi]; 1 for a single value. */
export function niceStep(lo: number, hi: number, target: number): number {
  const span = hi - lo;
  if (!(span > 0)) return Math.abs(lo) > 0 ? 10 ** Math.floor(Math.log10(Math.abs(lo))) : 1;
  const raw = span / Math.max(1, target);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const m = raw / pow;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow;
}

// bin edges like 0.30000000000000004 would show in tooltips
const round = (v: number): number => Number(v.toPrecision(12));
