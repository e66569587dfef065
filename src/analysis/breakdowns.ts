// Data of the Breakdowns view: leaderboards for every categorical column, demographic
// distributions, and an income vs spending-score scatter where both exist.
import type { Connector } from '../engine/connector';
import { toRows, type Row } from '../engine/rows';
import type { DataContext } from '../pipeline/context';
import { ageGroupsSql, histogramSql, leaderboardSql, leaderboardsSql, scatterSql, serviceLinesSql } from '../sql/breakdowns';
import { cubeCovers, pickTable } from '../pipeline/cube';
import { cubeLeaderboardsSql } from '../sql/cube';
import { filtersWhere } from '../sql/filters';
import type { CubeFirst } from './trends';
import { salesAnswers } from './sales-answers';

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
  /** What the parts read from `sales` were computed for (see loadBreakdowns' `first.key`). */
  key?: string;
}

/**
 * Loads the Breakdowns view; `by` decides the ranking of the category/product boards. With
 * `first` holding a cube and `early`, the boards of cube columns come first from the data
 * cube (revenue, lines, items, shares; transactions and customers NULL until the full
 * answer), the rest of `previous` kept meanwhile. `first.key` names the state of `sales`
 * (e.g. its revision; a new key whenever `sales` or the tables a filter reads change): when
 * `previous` was loaded with the same key, ranking and filter, its parts read from `sales`
 * are kept and only those read from `customers` are queried again; answers read from
 * `sales` are also remembered by key and SQL (the last few dozen), so a filter set again or
 * cleared is answered without a query.
 */
export async function loadBreakdowns(
  conn: Connector,
  ctx: DataContext,
  by: 'revenue' | 'count',
  where = 'TRUE',
  signal?: AbortSignal,
  first?: Partial<CubeFirst<BreakdownsData>> & { previous: BreakdownsData | null; key?: string },
): Promise<BreakdownsData> {
  const rows = async (sql: string): Promise<Row[]> => toRows(await conn.query(sql, signal));
  // with a key (the state of `sales`), answers read from `sales` alone are remembered: a
  // filter set again, or cleared ("Clear all" back to the whole data), is answered at once
  const sales = salesAnswers(conn, first, signal);
  const rank = ctx.hasAmount ? by : 'count';
  const columns = [...(ctx.hasCategory ? ['category'] : []), ...(ctx.hasProduct ? ['product'] : []), ...ctx.dimensions];
  const n = (column: string): number => (column === 'product' ? 15 : 12);
  const attributes = ctx.attributes ?? [];
  // the parts read from `sales` (boards, service lines, age groups) depend on the data, the
  // ranking and the filter only: a reload for the customers table alone (it is rebuilt after
  // each filter change) keeps them and reads the parts built from `customers` again
  const key = sales.keeps ? JSON.stringify([first?.key, rank, where, columns, attributes]) : undefined;
  const prev = first?.previous ?? null;
  const reuse = key !== undefined && prev?.key === key;
  const boardSql = columns.map((column) => leaderboardSql({ column, by: rank, n: n(column), where }));
  const cached = boardSql.every((sql) => sales.known(sql) !== undefined);
  // only over a board already shown (a filter change): a first visit waits for the whole answer
  if (!reuse && !cached && prev && first?.early && first.filters && cubeCovers(first.cube, first.filters)) {
    const cube = first.cube;
    const filters = first.filters;
    const inCube = columns.filter((column) => cubeCovers(cube, filters, [column]));
    // every cube board in one statement: one trip through the queue
    const found = inCube.length ? toRows(await conn.query(cubeLeaderboardsSql(inCube.map((column) => ({ column, by: rank, n: n(column), table: pickTable(cube, filters, [column]) })), filtersWhere(filters)), signal)) : [];
    found.sort((a, b) => Number(a.board) - Number(b.board) || Number(a.rank) - Number(b.rank));
    const early: Board[] = columns.map((column) => {
      const i = inCube.indexOf(column);
      if (i < 0) return prev.boards.find((b) => b.column === column) ?? { column, by: rank, rows: [] };
      const top = found.filter((r) => Number(r.board) === i);
      return { column, by: rank, rows: top.map((r) => ({ label: r.label ?? null, revenue: r.revenue ?? null, lines: r.lines ?? null, transactions: null, customers: null, share_revenue: r.share_revenue ?? null, items: r.items ?? null })) };
    });
    // not a complete answer for any key: a later load must not keep its boards
    first.early({ ...prev, boards: early, key: undefined });
  }
  const boards: Board[] = [];
  if (reuse) boards.push(...prev.boards);
  else {
    // the boards not remembered, in one statement (one read of the filtered sales); each is
    // remembered under its own statement (leaderboardSql's, the same rows), so a board seen under
    // this filter before is not read again
    const known = boardSql.map((sql) => sales.known(sql));
    const missing = columns.flatMap((_, i) => (known[i] ? [] : [i]));
    const found = missing.length ? await rows(leaderboardsSql(missing.map((i) => ({ column: columns[i]!, by: rank, n: n(columns[i]!) })), where)) : [];
    for (const [i, column] of columns.entries()) {
      let got = known[i];
      if (!got) {
        const board = missing.indexOf(i);
        got = found
          .filter((r) => Number(r.board) === board)
          .sort((a, b) => Number(a.rank) - Number(b.rank))
          .map(({ label, revenue, lines, transactions, customers, share_revenue, items }) => ({ label, revenue, lines, transactions, customers, share_revenue, items }));
        sales.remember(boardSql[i]!, got);
      }
      boards.push({ column, by: rank, rows: got });
    }
  }
  // boards remembered for this filter (set again, or cleared): shown at once, complete, before
  // the parts read from the customers table (rebuilt for the filter after the views)
  if (cached && !reuse && prev && first?.early) first.early({ ...prev, boards, key: undefined });
  const histograms: { column: string; bins: Row[] }[] = [];
  for (const column of attributes) {
    histograms.push({ column, bins: ctx.hasCustomers ? await rows(histogramSql({ column, from: 'customers' })) : await sales.rows(histogramSql({ column, where })) });
  }
  let scatter: BreakdownsData['scatter'] = null;
  if (attributes.includes('income') && attributes.includes('score')) {
    const sql = scatterSql({ x: 'income', y: 'score', from: ctx.hasCustomers ? 'customers' : 'sales', where });
    scatter = { x: 'income', y: 'score', rows: ctx.hasCustomers ? await rows(sql) : await sales.rows(sql) };
  }
  const services = reuse ? prev.services : ctx.hasProduct ? await sales.rows(serviceLinesSql({ where })) : [];
  return {
    boards,
    services,
    ageGroups: reuse ? prev.ageGroups : ctx.hasCustomers && attributes.includes('age') ? await sales.rows(ageGroupsSql({ where })) : [],
    histograms,
    scatter,
    key,
  };
}
