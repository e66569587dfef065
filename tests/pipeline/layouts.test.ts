// The real layouts the foundation issue lists must map without manual help. Small CSVs in
// each layout are written here (invented rows, real headers); the two Kaggle files are
// read from ../shared/data when present (they may not be committed: unclear licence).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analytics/random';
import { toRows } from '../../src/engine/rows';
import { adoptStaged, analyse, DatasetError, type Analysis } from '../../src/pipeline/dataset';
import type { Mapping } from '../../src/mapping/detect';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const dir = mkdtempSync(join(tmpdir(), 'layouts-'));
const SHARED = resolve(__dirname, '../../../shared/data');

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

async function load(name: string, csv: string): Promise<{ mapping: Mapping; analysis: Analysis; roles: Record<string, string> }> {
  const path = join(dir, name);
  writeFileSync(path, csv);
  return loadPath(path);
}
async function loadPath(path: string): Promise<{ mapping: Mapping; analysis: Analysis; roles: Record<string, string> }> {
  await db.exec(readCsvSql(path, 'raw_next'));
  const { profile, mapping } = await adoptStaged(db);
  const analysis = await analyse(db, profile, mapping, DEFAULT_RULES);
  return { mapping, analysis, roles: Object.fromEntries(mapping.columns.map((c) => [c.name, c.role])) };
}

const rng = createRandom(11);
const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)] as T;

describe('layouts', () => {
  it('Transaction_ID,User_Name,... with M/D/YYYY dates', async () => {
    const rows = ['Transaction_ID,User_Name,Age,Country,Product_Category,Product_Name,Purchase_Amount,Payment_Method,Transaction_Date'];
    for (let i = 0; i < 300; i++) {
      const user = `user${rng.int(40)}`;
      rows.push(`T${1000 + i},${user},${20 + rng.int(50)},${pick(['USA', 'UK', 'India'])},${pick(['Books', 'Toys'])},${pick(['A', 'B', 'C'])},${(rng.next() * 100 + 1).toFixed(2)},${pick(['Card', 'Cash'])},${1 + rng.int(12)}/${1 + rng.int(28)}/2023 ${rng.int(24)}:${String(rng.int(60)).padStart(2, '0')}`);
    }
    const { roles, mapping, analysis } = await load('layout2.csv', rows.join('\n'));
    expect(roles).toEqual({
      Transaction_ID: 'tx_id', User_Name: 'customer', Age: 'age', Country: 'country', Product_Category: 'category',
      Product_Name: 'product', Purchase_Amount: 'amount', Payment_Method: 'payment', Transaction_Date: 'date',
    });
    expect(mapping.date?.family).toBe('numeric');
    expect(mapping.date?.order).toBe('mdy');
    expect(analysis.clean.quality.bad_date).toBe(0);
    expect(analysis.clean.grain).toBe('transaction');
    expect(analysis.kpis.transactions).toBe(300);
  });

  it('Customer_ID,Age,Gender,Annual_Income,Spending_Score,Purchase_Amount,Purchase_Date,Region with D/M/YYYY', async () => {
    const rows = ['Customer_ID,Age,Gender,Annual_Income,Spending_Score,Purchase_Amount,Purchase_Date,Region'];
    for (let i = 0; i < 200; i++) {
      rows.push(`C${rng.int(60)},${18 + rng.int(60)},${pick(['Male', 'Female'])},${30000 + rng.int(90000)},${1 + rng.int(100)},${(rng.next() * 500).toFixed(2)},${1 + rng.int(28)}/${1 + rng.int(12)}/2024,${pick(['North', 'South', 'East', 'West'])}`);
    }
    const { roles, mapping } = await load('layout3.csv', rows.join('\n'));
    expect(roles).toEqual({
      Customer_ID: 'customer', Age: 'age', Gender: 'gender', Annual_Income: 'income', Spending_Score: 'score',
      Purchase_Amount: 'amount', Purchase_Date: 'date', Region: 'region',
    });
    expect(mapping.date?.order).toBe('dmy');
    expect(mapping.date?.ambiguous).toBe(false);
  });

  it('mall customers header: one row per customer, no dates, no amount', async () => {
    const rows = ['CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100)'];
    for (let i = 1; i <= 50; i++) rows.push(`${i},${pick(['Male', 'Female'])},${18 + rng.int(50)},${15 + rng.int(120)},${1 + rng.int(99)}`);
    const { roles, analysis, mapping } = await load('mall-like.csv', rows.join('\n'));
    expect(roles).toEqual({ CustomerID: 'customer', Gender: 'gender', Age: 'age', 'Annual Income (k$)': 'income', 'Spending Score (1-100)': 'score' });
    expect(mapping.date).toBeNull();
    expect(analysis.clean.grain).toBe('customer');
    expect(analysis.clean.quality.rows_clean).toBe(50);
    expect(analysis.clean.quality.not_applicable).toEqual(['badDates', 'missingAmount', 'zeroAmount']);
    const avg = toRows(await db.query('SELECT avg(income) AS a, count(*) AS n FROM sales'))[0];
    expect(avg?.n).toBe(50);
  });

  it('price already the line total next to quantity is recognised', async () => {
    const unit: Record<string, number> = { Pen: 1.5, Book: 12, Lamp: 30, Mug: 6, Cable: 9, Chair: 80 };
    const rows = ['order_id,customer,order_date,product,quantity,price'];
    const products = Object.keys(unit);
    let total = 0;
    for (let i = 0; i < 300; i++) {
      const p = pick(products);
      const q = 1 + rng.int(5);
      const line = Math.round(q * (unit[p] as number) * 100) / 100;
      total += line;
      rows.push(`O${i},c${rng.int(30)},2024-0${1 + rng.int(9)}-1${rng.int(9)},${p},${q},${line}`);
    }
    const { roles, mapping, analysis } = await load('line-total.csv', rows.join('\n'));
    expect(roles).toMatchObject({ order_id: 'tx_id', customer: 'customer', order_date: 'date', product: 'product', quantity: 'quantity', price: 'unit_price' });
    expect(mapping.priceIsTotal).toBe(true);
    expect(analysis.kpis.gross_sales).toBeCloseTo(total, 6);
    const price = toRows(await db.query(`SELECT max(unit_price) AS p FROM sales WHERE product = 'Chair'`))[0];
    expect(price?.p).toBeCloseTo(80, 6);
  });

  it('price as a unit price stays a unit price', async () => {
    const rows = ['order_id,customer,order_date,product,quantity,price'];
    for (let i = 0; i < 200; i++) rows.push(`O${i},c${rng.int(30)},2024-03-0${1 + rng.int(9)},${pick(['Pen', 'Book', 'Lamp', 'Mug', 'Cable', 'Chair'])},${1 + rng.int(5)},${pick(['1.5', '12', '30'])}`);
    const { mapping } = await load('unit-price.csv', rows.join('\n'));
    expect(mapping.priceIsTotal).toBe(false);
  });

  it('names with spaces, quotes, keywords and unicode go through every step', async () => {
    const csv = ['"Customer ID","order","Größe ""EU""","Amount (€)","date"', 'a,1,M,"1.234,50",2024-01-02', 'b,2,L,"12,00",2024-01-03', 'a,3,M,"7,25",2024-01-05'].join('\n');
    const { roles, analysis } = await load('weird.csv', csv);
    expect(roles).toMatchObject({ 'Customer ID': 'customer', 'Amount (€)': 'amount', date: 'date', 'Größe "EU"': 'dimension' });
    expect(analysis.kpis.gross_sales).toBeCloseTo(1253.75, 6);
    expect(analysis.kpis.customers).toBe(2);
  });
});

describe('refused files leave the loaded data alone', () => {
  it('header only', async () => {
    await load('ok.csv', 'customer,date,amount\na,2024-01-01,5\n');
    writeFileSync(join(dir, 'header.csv'), 'customer,date,amount\n');
    await db.exec(readCsvSql(join(dir, 'header.csv'), 'raw_next'));
    await expect(adoptStaged(db)).rejects.toThrow(/header/);
    expect(toRows(await db.query('SELECT count(*)::INT AS n FROM raw'))[0]?.n).toBe(1);
  });
  it('no customer, date or amount', async () => {
    writeFileSync(join(dir, 'pets.csv'), 'name,colour\nRex,brown\nTom,grey\n');
    await db.exec(readCsvSql(join(dir, 'pets.csv'), 'raw_next'));
    const err = await adoptStaged(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).title).toBe('No customer, date or amount column found');
    expect((err as DatasetError).message).toContain('“name”, “colour”');
    expect(toRows(await db.query('SELECT count(*)::INT AS n FROM raw'))[0]?.n).toBe(1);
  });
});

describe('Kaggle customer-level files (../shared/data)', () => {
  const mall = join(SHARED, 'mall_customers.csv');
  const trends = join(SHARED, 'shopping_trends.csv');
  it.skipIf(!existsSync(mall))('mall_customers.csv maps and is one row per customer', async () => {
    const { roles, analysis } = await loadPath(mall);
    expect(roles).toEqual({ CustomerID: 'customer', Gender: 'gender', Age: 'age', 'Annual Income (k$)': 'income', 'Spending Score (1-100)': 'score' });
    expect(analysis.clean.grain).toBe('customer');
    expect(analysis.clean.quality.rows_clean).toBe(200);
  });
  it.skipIf(!existsSync(trends))('shopping_trends.csv maps its 18 columns', async () => {
    const { roles, analysis } = await loadPath(trends);
    expect(roles).toMatchObject({
      'Customer ID': 'customer', Age: 'age', Gender: 'gender', 'Item Purchased': 'product', Category: 'category',
      'Purchase Amount (USD)': 'amount', Location: 'region', 'Payment Method': 'payment', 'Previous Purchases': 'attribute',
      'Review Rating': 'attribute', Size: 'dimension', Season: 'dimension',
    });
    expect(analysis.clean.grain).toBe('customer');
    expect(analysis.clean.quality.rows_clean).toBe(3900);
    // total of Purchase Amount (USD) over 3,900 rows, summed independently with pandas
    expect(analysis.kpis.gross_sales).toBe(233081);
  });
  if (!existsSync(mall) || !existsSync(trends)) console.warn(`[layouts] ${SHARED} not found: the two Kaggle-file tests are skipped`);
});

describe('other languages', () => {
  it('a German shop export (semicolons, decimal comma, DD.MM.YYYY, a cancellation with its own number)', async () => {
    // by hand: K1 buys 2 × 9,50 + 1 × 4,95 postage on 03.02.2025 (B1 = 23.95) and cancels the 2 mugs the same day (S1);
    // K2 buys 3 × 12,00 on 10.02.2025 (B2 = 36.00) and 1 × 1.250,00 on 11.02.2025 (B3).
    // gross 23.95 + 36 + 1250 = 1,309.95; returns −19.00, all matched; net 1,290.95; transactions B1 B2 B3 = 3
    const csv = [
      'Bestellnr;Kundennr;Artikel;Menge;Einzelpreis;Datum;Land',
      'B1;K1;Tasse;2;9,50;03.02.2025;Deutschland',
      'B1;K1;Versandkosten;1;4,95;03.02.2025;Deutschland',
      'S1;K1;Tasse;-2;9,50;03.02.2025;Deutschland',
      'B2;K2;Teller;3;12,00;10.02.2025;Österreich',
      'B3;K2;Sofa;1;1.250,00;11.02.2025;Österreich',
    ].join('\n');
    const { roles, analysis } = await load('bestellungen.csv', csv);
    expect(roles).toEqual({ Bestellnr: 'tx_id', Kundennr: 'customer', Artikel: 'product', Menge: 'quantity', Einzelpreis: 'unit_price', Datum: 'date', Land: 'country' });
    expect(analysis.kpis.gross_sales).toBeCloseTo(1309.95, 6);
    expect(analysis.kpis.returns).toBeCloseTo(-19, 6);
    expect(analysis.kpis.net_sales).toBeCloseTo(1290.95, 6);
    expect(analysis.kpis.transactions).toBe(3);
    expect(analysis.kpis.customers).toBe(2);
    expect(analysis.kpis.first_date).toBe('2025-02-03');
  });

  it('French, Spanish and Turkish headers take their roles', async () => {
    const fr = await load('commandes.csv', ['Numéro de commande,Client,Produit,Quantité,Prix unitaire,Date de commande,Pays', 'C1,A,Pain,2,1.20,2025-01-02,France', 'C2,B,Lait,1,0.90,2025-01-03,France'].join('\n'));
    expect(fr.roles).toEqual({ 'Numéro de commande': 'tx_id', Client: 'customer', Produit: 'product', Quantité: 'quantity', 'Prix unitaire': 'unit_price', 'Date de commande': 'date', Pays: 'country' });
    expect(fr.analysis.kpis.gross_sales).toBeCloseTo(3.3, 6);
    const es = await load('pedidos.csv', ['Pedido,Cliente,Producto,Cantidad,Precio,Fecha,Forma de pago', 'P1,A,Pan,2,1.5,2025-01-02,Tarjeta', 'P2,B,Leche,4,1,2025-01-03,Efectivo'].join('\n'));
    expect(es.roles).toEqual({ Pedido: 'tx_id', Cliente: 'customer', Producto: 'product', Cantidad: 'quantity', Precio: 'unit_price', Fecha: 'date', 'Forma de pago': 'payment' });
    expect(es.analysis.kpis.gross_sales).toBeCloseTo(7, 6);
    const tr = await load('siparisler.csv', ['Sipariş No,Müşteri,Ürün,Adet,Fiyat,Tarih,Cinsiyet,Yaş', 'S1,A,Çay,2,10,2025-01-02,Kadın,30', 'S2,B,Kahve,1,25,2025-01-03,Erkek,41'].join('\n'));
    expect(tr.roles).toEqual({ 'Sipariş No': 'tx_id', Müşteri: 'customer', Ürün: 'product', Adet: 'quantity', Fiyat: 'unit_price', Tarih: 'date', Cinsiyet: 'gender', Yaş: 'age' });
    expect(tr.analysis.kpis.gross_sales).toBeCloseTo(45, 6);
  });
});
