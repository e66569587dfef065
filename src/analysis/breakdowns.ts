// Data of the Breakdowns view: leaderboards for every categorical column, demographic
// distributions, and an income vs spending-score scatter where both exist.
import type { Connector } from '../engine/connector';
import { toRows, type Row } from '../engine/rows';
import type { DataContext } from '../pipeline/context';
import { ageGroupsSql, histogramSql, leaderboardSql, scatterSql, serviceLinesSql } from '../sql/breakdowns';
import { cubeCovers, pickTable } from '../pipeline/cube';
import { cubeLeaderboardSql } from '../sql/cube';
import { filtersWhere } from '../sql/filters';
import type { CubeFirst } from './trends';

/** A leaderboard: one column ranked by revenue or by count. */
export interface Board {
  column: string;
  by: 'revenue' | 'count';
  rows: Row[];
}

/** Everything the Breakdowns view shows. */
export interface BreakdownsData {
  boards: Board[];
  /** Service and fees (postage, carriage, fees…): each line and its revenue, kept out of the product board. */
  services: Row[];
  ageGroups: Row[];
  histograms: { column: string; bins: Row[] }[];
  scatter: { x: string; y: string; rows: Row[] } | null;
}

/**
 * Loads the Breakdowns view; `by` decides the ranking of the category/product boards. With
 * `first`, the boards of cube columns come first from the data cube (revenue, lines, items,
 * shares; transactions and customers NULL until the full answer), the rest of `previous`
 * kept meanwhile.
 */
export async function loadBreakdowns(
  conn: Connector,
  ctx: DataContext,
  by: 'revenue' | 'count',
  where = 'TRUE',
  signal?: AbortSignal,
  first?: CubeFirst<BreakdownsData> & { previous: BreakdownsData | null },
): Promise<BreakdownsData> {
  const rows = async (sql: string): Promise<Row[]> => toRows(await conn.query(sql, signal));
  const rank = ctx.hasAmount ? by : 'count';
  const columns = [...(ctx.hasCategory ? ['category'] : []), ...(ctx.hasProduct ? ['product'] : []), ...ctx.dimensions];
  // only over a board already shown (a filter change): a first visit waits for the whole answer
  if (first?.previous && cubeCovers(first.cube, first.filters)) {
    const cube = first.cube;
    const fw = filtersWhere(first.filters);
    const prev = first.previous;
    const early: Board[] = [];
    for (const column of columns) {
      if (cubeCovers(cube, first.filters, [column])) {
        const top = await rows(cubeLeaderboardSql({ column, by: rank, n: column === 'product' ? 15 : 12, where: fw, table: pickTable(cube, first.filters, [column]) }));
        early.push({ column, by: rank, rows: top.map((r) => ({ label: r.label ?? null, revenue: r.revenue ?? null, lines: r.lines ?? null, transactions: null, customers: null, share_revenue: r.share_revenue ?? null, items: r.items ?? null })) });
      } else {
        early.push(prev.boards.find((b) => b.column === column) ?? { column, by: rank, rows: [] });
      }
    }
    first.early({ ...prev, boards: early });
  }
  const boards: Board[] = [];
  for (const column of columns) boards.push({ column, by: rank, rows: await rows(leaderboardSql({ column, by: rank, n: column === 'product' ? 15 : 12, where })) });
  const attributes = ctx.attributes ?? [];
  const histograms: { column: string; bins: Row[] }[] = [];
  for (const column of attributes) {
    histograms.push({ column, bins: await rows(ctx.hasCustomers ? histogramSql({ column, from: 'customers' }) : histogramSql({ column, where })) });
  }
  let scatter: BreakdownsData['scatter'] = null;
  if (attributes.includes('income') && attributes.includes('score')) {
    scatter = { x: 'income', y: 'score', rows: await rows(scatterSql({ x: 'income', y: 'score', from: ctx.hasCustomers ? 'customers' : 'sales', where })) };
  }
  const services = ctx.hasProduct ? await rows(serviceLinesSql({ where })) : [];
  return {
    boards,
    services,
    ageGroups: ctx.hasCustomers && attributes.includes('age') ? await rows(ageGroupsSql({ where })) : [],
    histograms,
    scatter,
  };
}
