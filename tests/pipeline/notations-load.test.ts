// A hostile export through the whole load (CSV → raw → mapping → cleaning → KPIs): semicolons, decimal
// commas with € signs and space grouping, "n/a" and "—" in the amount column, a date column mixing
// DD.MM.YYYY and ISO, and a column of "1.500" alone whose separator only the other columns decide.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptStaged, analyse } from '../../src/pipeline/dataset';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { dateLabel } from '../../src/mapping/dates';
import { openTestDb, type TestDb } from '../helpers/duckdb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe('a hostile amounts-and-dates export', () => {
  it('loads with every amount and date read, text amounts dropped and counted', async () => {
    // by hand: amounts 2469.00 + 12.50 + 1000.00 + 7.25 + 150.00 + 3.10 = 3641.85 over 6 readable rows
    // (A3 "n/a" and A7 "—" have no amount: dropped as missing); customers K1 K2 K3 K4 K5 = 5;
    // first date 01.12.2010, last 22.12.2010; the ISO rows (A2, A6) read like the others.
    const csv = [
      'Bestellnr;Kunde;Datum;Gewicht;Betrag',
      'A1;K1;01.12.2010 08:26;1.500;2.469,00 €',
      'A2;K2;2010-12-02 09:00;2.250;12,50 €',
      'A3;K1;03.12.2010 10:00;1.000;n/a',
      'A4;K3;15.12.2010 17:45;3.500;1 000,00 €',
      'A5;K2;16.12.2010 11:00;1.750;7,25 €',
      'A6;K4;2010-12-20 12:00;2.000;150,00 €',
      'A7;K1;21.12.2010 13:15;1.250;—',
      'A8;K5;22.12.2010 14:30;4.000;3,10 €',
    ].join('\n');
    const path = join(mkdtempSync(join(tmpdir(), 'notations-')), 'export.csv');
    writeFileSync(path, csv);
    await db.exec(readCsvSql(path, 'raw_next'));
    const { profile, mapping } = await adoptStaged(db);
    const analysis = await analyse(db, profile, mapping, DEFAULT_RULES);
    const col = (n: string) => mapping.columns.find((c) => c.name === n)!;
    expect(col('Betrag').role).toBe('amount');
    expect(col('Betrag').numberFormat).toBe('decimal_comma');
    expect(col('Betrag').numberReading?.label).toBe('decimal comma (read 2.469,00 € as 2469)');
    // "1.500" alone could be 1.5 or 1500: the file's other number column says decimal comma
    expect(col('Gewicht').numberFormat).toBe('decimal_comma');
    expect(col('Gewicht').numberReading?.decidedBy).toBe('other columns');
    expect(dateLabel(mapping.date!)).toBe('D.M.YYYY hh:mm or YYYY-MM-DD hh:mm');
    expect(analysis.clean.quality.bad_date).toBe(0);
    expect(analysis.clean.quality.missing_amount).toBe(2);
    expect(analysis.kpis.gross_sales).toBeCloseTo(3641.85, 6);
    expect(analysis.kpis.transactions).toBe(6);
    expect(analysis.kpis.customers).toBe(5);
    expect(analysis.kpis.first_date).toBe('2010-12-01');
  });
});
