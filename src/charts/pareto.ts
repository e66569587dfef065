// The Lorenz/Pareto curve: cumulative share of revenue against share of customers,
// with the line of equality and the top-20% marker.
import { finish, titleOf, type BaseOptions, type ChartSpec } from './types';

/** A point of the curve, both shares in 0..1. */
export interface ParetoPoint {
  customer_share: number;
  revenue_share: number;
}

/** Lorenz curve of revenue concentration over customers ranked by spend. */
export function paretoSpec(rows: readonly ParetoPoint[], o: BaseOptions & { top20?: number } = {}): ChartSpec {
  const marker = o.top20 !== undefined ? [{ customer_share: 0.2, revenue_share: o.top20, label: `Top 20%: ${(o.top20 * 100).toFixed(1)}% of revenue` }] : [];
  return finish({
    title: titleOf(o.title ?? 'Revenue concentration (Pareto curve)', o.subtitle ?? 'Customers ranked by spend, largest first'),
    height: o.height ?? 260,
    layer: [
      {
        data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: '#9aa3b2' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: rows },
        mark: { type: 'area', opacity: 0.15, line: { strokeWidth: 2.5 } },
        encoding: {
          x: { field: 'customer_share', type: 'quantitative', title: 'Share of customers', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          y: { field: 'revenue_share', type: 'quantitative', title: 'Share of revenue', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          tooltip: [
            { field: 'customer_share', type: 'quantitative', title: 'Top customers', format: '.1%' },
            { field: 'revenue_share', type: 'quantitative', title: 'Their share of revenue', format: '.1%' },
          ],
        },
      },
      {
        data: { values: marker },
        mark: { type: 'point', filled: true, size: 60, color: '#e69f00' },
        encoding: { x: { field: 'customer_share', type: 'quantitative' }, y: { field: 'revenue_share', type: 'quantitative' }, tooltip: { field: 'label' } },
      },
      {
        data: { values: marker },
        mark: { type: 'text', align: 'left', dx: 8, dy: 10, fontSize: 11, color: '#5d6677' },
        encoding: { x: { field: 'customer_share', type: 'quantitative' }, y: { field: 'revenue_share', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  }, o.currency);
}
