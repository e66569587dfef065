// Choosing k: the elbow (inertia) and the silhouette for k = 2..10, the chosen k marked.
import { PALETTE } from './theme';
import { finish, titleOf, type BaseOptions, type ChartSpec } from './types';

/** One scanned k. */
export interface KRow {
  k: number;
  inertia: number;
  silhouette: number | null;
}

/** Inertia (elbow) or silhouette against k as a line with points; the chosen k highlighted. */
export function kScanSpec(rows: readonly KRow[], o: BaseOptions & { measure: 'inertia' | 'silhouette'; chosen: number; auto: number }): ChartSpec {
  const field = o.measure;
  const values = rows.filter((r) => r[field] !== null && Number.isFinite(r[field] as number)).map((r) => ({ ...r, chosen: r.k === o.chosen ? 'chosen k' : r.k === o.auto ? 'best silhouette' : 'other' }));
  return finish(
    {
      title: titleOf(o.title ?? (field === 'inertia' ? 'Elbow: inertia by k' : 'Silhouette by k'), o.subtitle ?? (field === 'inertia' ? 'Within-cluster sum of squares (standardised units); look for the bend' : `Higher is better; automatic choice: k = ${o.auto}`)),
      height: o.height ?? 200,
      data: { values },
      encoding: {
        x: { field: 'k', type: 'ordinal', title: 'Number of clusters k', axis: { labelAngle: 0 } },
        y: { field, type: 'quantitative', title: field === 'inertia' ? 'Inertia' : 'Mean silhouette', scale: { zero: field === 'inertia' }, axis: { format: field === 'inertia' ? '~s' : '.2f' } },
        tooltip: [
          { field: 'k', title: 'k' },
          { field: 'inertia', type: 'quantitative', title: 'Inertia', format: ',.2f' },
          { field: 'silhouette', type: 'quantitative', title: 'Silhouette', format: '.3f' },
        ],
      },
      layer: [
        { mark: { type: 'line', color: '#9aa3b2' } },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: { color: { field: 'chosen', type: 'nominal', title: null, scale: { domain: ['chosen k', 'best silhouette', 'other'], range: [PALETTE[5], PALETTE[2], PALETTE[0]] }, legend: { orient: 'top' } } },
        },
      ],
    },
    o.currency,
  );
}
