// Data of the Segments view's rule and RFM parts: summaries of the segment tables built
// over the whole data (src/pipeline/segments.ts).
import type { Connector } from '../engine/connector';
import { toRows, type Row } from '../engine/rows';
import { rfmGridSql, rfmSummarySql } from '../sql/rfm';
import { ruleSummarySql, ruleThresholdsSql, segmentsReport, type RuleOptions } from '../sql/segments';

/** Rule and RFM summaries. */
export interface SegmentsData {
  thresholds: Row;
  rules: Row[];
  rfm: Row[] | null;
  grid: Row[];
}

/** Loads the rule summary (with thresholds) and, when dates exist, the RFM summary and grid. */
export async function loadSegments(conn: Connector, o: RuleOptions, hasDates: boolean, signal?: AbortSignal): Promise<SegmentsData> {
  const rows = async (sql: string): Promise<Row[]> => toRows(await conn.query(sql, signal));
  const opts = { ...o, from: 'customers_all' as const };
  return {
    thresholds: (await rows(ruleThresholdsSql(opts)))[0] ?? {},
    rules: await rows(ruleSummarySql(opts)),
    rfm: hasDates ? await rows(rfmSummarySql()) : null,
    grid: hasDates ? await rows(rfmGridSql()) : [],
  };
}

/** report.json `segments` section. */
export function segmentsSection(d: SegmentsData): Record<string, unknown> {
  return segmentsReport(d.thresholds as never, d.rules as never, d.rfm as never) as unknown as Record<string, unknown>;
}
