// report.json: everything the app computed, in one documented shape. Numbers are JSON
// numbers, dates ISO. Later features add their own top-level sections.
import type { Mapping } from '../mapping/detect';
import { dateLabel } from '../mapping/dates';
import type { Analysis } from '../pipeline/dataset';
import type { RawProfile } from '../pipeline/profile';

/** The exported report; `sections` from later features are merged in at top level. */
export interface Report {
  app: { version: string; generated_at: string };
  dataset: {
    name: string;
    rows_in: number;
    columns: { name: string; type: string; role: string }[];
    grain: 'transaction' | 'customer';
    date_format: string | null;
  };
  quality: Analysis['clean']['quality'];
  kpis: Analysis['kpis'];
  [section: string]: unknown;
}

/** Inputs of the core report. */
export interface ReportInput {
  version: string;
  name: string;
  profile: RawProfile;
  mapping: Mapping;
  analysis: Analysis;
  sections?: Record<string, unknown>;
  now?: Date;
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Builds report.json from a loaded dataset (money rounded to cents, AOV included). */
export function buildReport(input: ReportInput): Report {
  const { analysis, mapping } = input;
  const k = analysis.kpis;
  return {
    app: { version: input.version, generated_at: (input.now ?? new Date()).toISOString() },
    dataset: {
      name: input.name,
      rows_in: analysis.clean.quality.rows_in,
      columns: mapping.columns.map((c) => ({ name: c.name, type: c.kind, role: c.role })),
      grain: analysis.clean.grain,
      date_format: mapping.date ? dateLabel(mapping.date) : null,
    },
    quality: {
      ...analysis.clean.quality,
      returns_value: round(analysis.clean.quality.returns_value),
      returns_matched_value: round(analysis.clean.quality.returns_matched_value),
      returns_unmatched_value: round(analysis.clean.quality.returns_unmatched_value),
      purchases_returned_value: round(analysis.clean.quality.purchases_returned_value),
    },
    kpis: {
      ...k,
      gross_sales: round(k.gross_sales),
      returns: round(k.returns),
      returns_matched: round(k.returns_matched),
      sales_value: round(k.sales_value),
      net_sales: round(k.net_sales),
      aov: round(k.aov),
    },
    ...(input.sections ?? {}),
  };
}
