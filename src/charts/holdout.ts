// Calibration/holdout check of the purchase model, as lifetimes plots it: mean holdout
// purchases by number of repeat purchases in the calibration period, actual vs predicted.
import { PALETTE } from './theme';
import { finish, titleOf, type BaseOptions, type ChartSpec } from './types';

/** A group of the holdout comparison. */
export interface HoldoutRow {
  label: string;
  frequency: number;
  customers: number;
  actual: number;
  predicted: number;
}

/** Two lines (actual, model) over calibration-period repeat purchases. */
export function holdoutSpec(rows: readonly HoldoutRow[], o: BaseOptions & { unit: string; duration: number }): ChartSpec {
  const long = rows.flatMap((r) => [
    { label: r.label, frequency: r.frequency, customers: r.customers, series: 'Actual', value: r.actual },
    { label: r.label, frequency: r.frequency, customers: r.customers, series: 'Model (BG/NBD)', value: r.predicted },
  ]);
  return finish(
    {
      title: titleOf(o.title ?? 'Does the model predict the holdout period?', o.subtitle ?? `Mean purchases in the ${Math.round(o.duration)}-${o.unit.replace(/s$/, '')} holdout, by purchases in the calibration period`),
      height: o.height ?? 240,
      data: { values: long },
      mark: { type: 'line', point: true, strokeWidth: 2 },
      encoding: {
        x: { field: 'label', type: 'ordinal', sort: rows.map((r) => r.label), title: 'Repeat purchases in the calibration period', axis: { labelAngle: 0 } },
        y: { field: 'value', type: 'quantitative', title: 'Mean purchases in the holdout', axis: { format: '.1f' } },
        color: { field: 'series', type: 'nominal', title: null, scale: { range: [PALETTE[0], PALETTE[1]] }, legend: { orient: 'top' } },
        tooltip: [
          { field: 'label', title: 'Calibration purchases' },
          { field: 'series', title: 'Series' },
          { field: 'value', type: 'quantitative', title: 'Mean holdout purchases', format: '.2f' },
          { field: 'customers', type: 'quantitative', title: 'Customers', format: ',' },
        ],
      },
    },
    o.currency,
  );
}
