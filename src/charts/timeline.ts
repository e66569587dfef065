// One customer's purchases over time: a lollipop per transaction and the running spend.
import { finish, titleOf, type BaseOptions, type ChartSpec } from './types';

/** A purchase on the timeline. */
export interface TimelinePoint {
  date: string;
  amount: number;
  running: number;
}

/** Purchases as points sized by amount, with the running spend as a step line. */
export function timelineSpec(rows: readonly TimelinePoint[], o: BaseOptions = {}): ChartSpec {
  return finish(
    {
      title: titleOf(o.title ?? 'Purchase timeline', o.subtitle ?? 'Each dot is a transaction (size: amount); line: running spend'),
      height: o.height ?? 200,
      data: { values: rows },
      encoding: { x: { field: 'date', type: 'temporal', title: 'Date', axis: { format: '%b %Y', labelOverlap: true } } },
      layer: [
        { mark: { type: 'line', interpolate: 'step-after', color: '#e69f00' }, encoding: { y: { field: 'running', type: 'quantitative', title: 'Running spend', axis: { format: '$~s' } } } },
        {
          mark: { type: 'point', filled: true, color: '#2f6fdf', opacity: 0.8 },
          encoding: {
            y: { field: 'running', type: 'quantitative' },
            size: { field: 'amount', type: 'quantitative', title: 'Amount', legend: null, scale: { range: [20, 300] } },
            tooltip: [
              { field: 'date', type: 'temporal', title: 'Date', format: '%-d %b %Y' },
              { field: 'amount', type: 'quantitative', title: 'Amount', format: '$,.2f' },
              { field: 'running', type: 'quantitative', title: 'Running spend', format: '$,.2f' },
            ],
          },
        },
      ],
    },
    o.currency,
  );
}
