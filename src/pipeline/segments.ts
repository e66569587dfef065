// Customer segments as customer attributes over the whole data: `customers_all` (the
// unfiltered customers table) and the rule and RFM tables built from it. Filters narrow
// the population the other views show; they never move a customer to another segment.
import type { Connector } from '../engine/connector';
import { rfmSql } from '../sql/rfm';
import { ruleSegmentsSql, type RuleOptions } from '../sql/segments';

/** Copies the (unfiltered) customers table to customers_all. */
export async function snapshotCustomers(conn: Connector, signal?: AbortSignal): Promise<void> {
  await conn.exec('CREATE OR REPLACE TABLE customers_all AS SELECT * FROM customers', signal);
}

/** Makes `customers` the unfiltered table again, from customers_all (the same rows as buildCustomers with no filter, without recomputing them). */
export async function restoreCustomers(conn: Connector, signal?: AbortSignal): Promise<void> {
  await conn.exec('CREATE OR REPLACE TABLE customers AS SELECT * FROM customers_all', signal);
}

/** (Re)builds rule_segments and rfm from customers_all. */
export async function buildSegmentTables(conn: Connector, rules: RuleOptions, signal?: AbortSignal): Promise<void> {
  await conn.exec(ruleSegmentsSql({ ...rules, from: 'customers_all' }), signal);
  await conn.exec(rfmSql({ from: 'customers_all' }), signal);
}
