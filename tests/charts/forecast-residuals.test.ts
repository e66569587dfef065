// The residual plot of the Forecast tab: standardized residuals as bars, ±2 guides, the
// Ljung–Box figure in the subtitle, residuals beyond ±2 in the second colour.
import { describe, expect, it } from 'vitest';
import { residualSpec } from '../../src/charts/forecast';
import { renderSvg, svgTexts } from './render';

describe('residualSpec', () => {
  it('renders bars around zero with the Ljung–Box figure and ±2 guides', async () => {
    const rows = [
      { period: '2011-01-01', residual: -0.4 },
      { period: '2011-02-01', residual: 1.2 },
      { period: '2011-03-01', residual: 2.6 },
      { period: '2011-04-01', residual: Number.NaN },
    ];
    const spec = residualSpec(rows, { grain: 'month', model: 'ARIMA(0,1,0)', ljungBox: 'Ljung–Box p = 0.37 (lag 2)' });
    const svg = await renderSvg(spec);
    const texts = svgTexts(svg);
    expect(texts).toContain('Residuals of ARIMA(0,1,0)');
    expect(texts).toContain('Standardized one-step errors · Ljung–Box p = 0.37 (lag 2)');
    expect(texts).toContain('Standardized residual');
    const layers = (spec as unknown as { layer: { data: { values: { outside?: boolean }[] } }[] }).layer;
    expect(layers[0]?.data.values).toHaveLength(3); // the NaN is left out
    expect(layers[0]?.data.values.map((v) => v.outside)).toEqual([false, false, true]);
    expect(svg.split('aria-roledescription="bar"').length - 1).toBe(3);
  });
});
