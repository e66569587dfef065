// The categorical palette must stay tellable apart for colour-blind readers: every pair of
// colours at least ΔE 15 (CIE76, Lab) apart in normal vision and under full-severity
// protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009 matrices on
// linear sRGB). Vega's tableau10 fails this (1.7 under deuteranopia), so the test can fail.
import { describe, expect, it } from 'vitest';
import { histogramSpec, scatterSpec } from '../../src/charts/distribution';
import { CHART_CONFIG, PALETTE } from '../../src/charts/theme';

const MACHADO: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protan: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deutan: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritan: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
const lin = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function lab(hex: string, m: number[][]): number[] {
  const rgb = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255));
  const sim = m.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])));
  const xyz = [
    (0.4124 * sim[0] + 0.3576 * sim[1] + 0.1805 * sim[2]) / 0.95047,
    0.2126 * sim[0] + 0.7152 * sim[1] + 0.0722 * sim[2],
    (0.0193 * sim[0] + 0.1192 * sim[1] + 0.9505 * sim[2]) / 1.08883,
  ];
  const f = xyz.map((t) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29));
  return [116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])];
}
function minDistance(palette: readonly string[], vision: string): number {
  let min = Infinity;
  const labs = palette.map((c) => lab(c, MACHADO[vision]));
  for (let i = 0; i < labs.length; i++) for (let j = i + 1; j < labs.length; j++) min = Math.min(min, Math.hypot(...labs[i].map((v, t) => v - labs[j][t])));
  return min;
}

describe('categorical palette', () => {
  it('keeps every pair of its 10 colours apart in all four visions', () => {
    expect(PALETTE).toHaveLength(10);
    for (const vision of Object.keys(MACHADO)) expect(minDistance(PALETTE, vision), vision).toBeGreaterThanOrEqual(15);
  });

  it('would reject tableau10 (the check can fail)', () => {
    const tableau10 = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];
    expect(minDistance(tableau10, 'deutan')).toBeLessThan(3);
  });

  it('is what every chart uses for nominal colours', () => {
    expect(CHART_CONFIG.range).toMatchObject({ category: PALETTE });
    const spec = scatterSpec([{ x: 1, y: 2, cluster: 'A' }], { x: 'x', y: 'y', xTitle: 'X', yTitle: 'Y', colour: 'cluster' }) as { config?: { range?: { category?: unknown } } };
    expect(spec.config?.range?.category).toEqual(PALETTE);
    expect(JSON.stringify(histogramSpec([], { valueTitle: 'Age' }))).not.toMatch(/tableau|category10|category20/);
  });
});
