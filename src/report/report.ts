// report.json: everything the app computed, in one documented shape. Numbers are JSON
// numbers, dates ISO. Later features add their own top-level sections.
import type { Mapping } from '../mapping/detect';
import type { PriceReading } from '../mapping/price-reading';
import { dateLabel } from '../mapping/dates';
import type { Analysis } from '../pipeline/dataset';
import type { RawProfile } from '../pipeline/profile';
import type { ReadReport } from '../pipeline/read/load';

/** The exported report; `sections` from later features are merged in at top level. */
export interface Report {
  app: { version: string; generated_at: string };
  dataset: {
    name: string;
    rows_in: number;
    /** The currency symbol money is shown with ('' when the data does not say). */
    currency: string;
    columns: { name: string; type: string; role: string }[];
    grain: 'transaction' | 'customer';
    date_format: string | null;
    /** How the price column was read (null without a price column). */
    price_reading: PriceReadingReport | null;
    /** How each file was read: format, guesses, lines skipped, rows rejected (null when not known). */
    read: ReadSection | null;
  };
  quality: Analysis['clean']['quality'];
  kpis: Analysis['kpis'];
  [section: string]: unknown;
}

/** The price convention in use, who chose it, and the evidence from the values. */
export interface PriceReadingReport {
  column: string;
  used: 'unit_price' | 'line_total';
  chosen_by: 'values' | 'you';
  verdict: PriceReading['verdict'] | null;
  basis: PriceReading['basis'] | null;
  evidence: string | null;
  figures: PriceReading['figures'];
  /** Revenue, items, orders and AOV under each reading (rows with positive price and quantity, before cleaning). */
  both: PriceReading['both'];
}

/** The report's price-reading entry for a mapping; null without a price column. */
export function priceReadingReport(m: Mapping): PriceReadingReport | null {
  const col = m.columns.find((c) => c.role === 'unit_price');
  if (!col) return null;
  const r = m.priceReading ?? null;
  const money = (x: number): number => round(x);
  const h = (x: NonNullable<PriceReading['both']>['unit']) => ({ revenue: money(x.revenue), items: x.items, orders: x.orders, aov: money(x.aov) });
  return {
    column: col.name,
    used: m.priceIsTotal ? 'line_total' : 'unit_price',
    chosen_by: r && r.isTotal !== m.priceIsTotal ? 'you' : 'values',
    verdict: r?.verdict ?? null,
    basis: r?.basis ?? null,
    evidence: r?.evidence ?? null,
    figures: r?.figures ?? {},
    both: r?.both ? { unit: h(r.both.unit), total: h(r.both.total) } : null,
  };
}

/** The report's account of reading the files. */
export interface ReadSection {
  files: { name: string; format: string; bytes: number; rows: number; rejected: number; skipped_lines: number[]; notes: { topic: string; decision: string; why: string }[]; sheet?: string; truncated?: boolean }[];
  rows: number;
  rejected: number;
  columns_not_in_every_file: { column: string; files: string[] }[];
}

/** The report's read section from a read report. */
export function readSection(r: ReadReport): ReadSection {
  return {
    files: r.sources.map((s) => ({
      name: s.name,
      format: s.format,
      bytes: s.size,
      rows: s.rows,
      rejected: s.rejected,
      skipped_lines: s.skipped.map((k) => k.line),
      notes: s.notes,
      ...(s.sheet !== undefined ? { sheet: s.sheet } : {}),
      ...(s.truncated ? { truncated: true } : {}),
    })),
    rows: r.rows,
    rejected: r.rejected,
    columns_not_in_every_file: r.unmatched,
  };
}

/** Inputs of the core report. */
export interface ReportInput {
  version: string;
  name: string;
  profile: RawProfile;
  mapping: Mapping;
  analysis: Analysis;
  read?: ReadReport | null;
  sections?: Record<string, unknown>;
  now?: Date;
  /** The currency symbol of the money figures ('' when unknown). */
  currency?: string;
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
      currency: input.currency ?? '',
      columns: mapping.columns.map((c) => ({ name: c.name, type: c.kind, role: c.role })),
      grain: analysis.clean.grain,
      date_format: mapping.date ? dateLabel(mapping.date) : null,
      price_reading: priceReadingReport(mapping),
      read: input.read ? readSection(input.read) : null,
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
