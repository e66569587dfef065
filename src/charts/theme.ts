// Shared look of every chart: fonts, colours, title and axis style. Spec builders merge
// this config; they never set fonts or colours themselves.
import type { Config } from 'vega-lite';

/**
 * The categorical palette for every nominal colour (clusters, segments, series): Okabe–Ito's
 * seven colours plus dark grey, violet and dark red, yellow last (faint on white). Any two
 * stay at least ΔE 16 apart (CIE76) under simulated protanopia, deuteranopia and tritanopia
 * (Machado 2009, full severity); Vega's tableau10 drops to 1.7 (tests/charts/palette.test.ts).
 */
export const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#8800ee', '#880000', '#333333', '#f0e442'];

/** The accent colour for single-series charts. */
export const ACCENT = '#2f6fdf';

/** Vega-Lite config applied to every spec. */
export const CHART_CONFIG: Config = {
  font: 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif',
  background: '#ffffff',
  padding: 8,
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 14, fontWeight: 600, color: '#1d2330', subtitleColor: '#5d6677', subtitleFontSize: 12, offset: 10 },
  axis: { labelColor: '#5d6677', titleColor: '#5d6677', gridColor: '#eef1f5', domainColor: '#cfd5de', tickColor: '#cfd5de', labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500 },
  legend: { labelColor: '#5d6677', titleColor: '#5d6677', labelFontSize: 11, titleFontSize: 12 },
  range: { category: PALETTE },
  bar: { color: ACCENT },
  line: { color: ACCENT },
  point: { color: ACCENT },
  area: { color: ACCENT },
  numberFormat: ',.0f',
};
