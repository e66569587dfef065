// Which product names are service lines (src/sql/products.ts), on the real engine: the
// UCI Online Retail service names are caught, merchandise with look-alike words is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { isProductSql } from '../../src/sql/products';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const SERVICES = [
  'POSTAGE', 'DOTCOM POSTAGE', 'Manual', 'CARRIAGE', 'Discount', 'SAMPLES', 'samples', 'Bank Charges', 'AMAZON FEE',
  'adjustment', 'Adjust bad debt', 'CRUK Commission', 'Dotcomgiftshop Gift Voucher £20.00', 'Shipping', 'Delivery charge', ' manual ',
  'Versandkosten', 'Versand', 'Porto', 'Frais de port', 'Gastos de envío', 'Envío', 'Spedizione', 'Verzendkosten', 'Kargo',
];
const PRODUCTS = [
  'WHITE HANGING HEART T-LIGHT HOLDER', 'BIRD FEEDER', 'MANUAL COFFEE GRINDER', 'COFFEE', 'DISCOUNTED CANDLE SET', 'POSTCARD SET',
  'SAMPLER CROSS STITCH', 'CARRIAGE CLOCK', 'PORTOBELLO MUG', 'Versandtasche', 'Café crème', 'order', "it's \"quoted\"",
];

describe('isProductSql', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('tells service lines from merchandise', async () => {
    const names = [...SERVICES, ...PRODUCTS, null];
    const values = names.map((n) => (n === null ? '(NULL)' : `('${n.replaceAll("'", "''")}')`)).join(', ');
    const rows = toRows(await db.query(`SELECT product, ${isProductSql()} AS is_product FROM (VALUES ${values}) t(product)`));
    const verdict = new Map(rows.map((r) => [r.product as string | null, r.is_product]));
    for (const s of SERVICES) expect(verdict.get(s), s).toBe(false);
    for (const p of PRODUCTS) expect(verdict.get(p), p).toBe(true);
    expect(verdict.get(null)).toBe(false);
  });
});
