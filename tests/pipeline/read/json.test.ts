// The JSON reader: the three layouts, flattening, types, rejected lines and refusals.
import { describe, expect, it } from 'vitest';
import { readJson } from '../../../src/pipeline/read/json';
import { ReadRefusal } from '../../../src/pipeline/read/refusal';
import type { DecodedTable } from '../../../src/pipeline/read/types';

const col = (t: DecodedTable, name: string) => {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name} in ${t.columns.map((x) => x.name).join(', ')}`);
  return c;
};
const refusal = async (src: string | Uint8Array): Promise<ReadRefusal> => {
  try {
    await readJson(src);
  } catch (e) {
    if (e instanceof ReadRefusal) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('readJson', () => {
  it('reads an array of objects, flattening nested fields and keeping arrays as JSON text', async () => {
    const t = await readJson(
      JSON.stringify([
        { id: 'A1', customer: { id: 13085, address: { city: 'Lyon' } }, total: 12.5, qty: 2, paid: true, tags: ['x', 1], when: '2010-12-01 08:26:00' },
        { id: 'A2', customer: { id: 17850, address: null }, total: 3, qty: 1, paid: false, tags: [], extra: 'late' },
      ]),
    );
    expect(t.rows).toBe(2);
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'customer.id', 'customer.address.city', 'total', 'qty', 'paid', 'tags', 'when', 'customer.address', 'extra']);
    expect(col(t, 'customer.id')).toEqual({ name: 'customer.id', type: 'bigint', values: [13085, 17850] });
    expect(col(t, 'customer.address.city').values).toEqual(['Lyon', null]);
    expect(col(t, 'total')).toMatchObject({ type: 'double', values: [12.5, 3] });
    expect(col(t, 'qty').type).toBe('bigint');
    expect(col(t, 'paid')).toMatchObject({ type: 'boolean', values: [true, false] });
    expect(col(t, 'tags')).toMatchObject({ type: 'text', values: ['["x",1]', '[]'] });
    // a field first seen on row 2 is null on row 1, and the other way round
    expect(col(t, 'extra').values).toEqual([null, 'late']);
    expect(col(t, 'when')).toMatchObject({ type: 'text', values: ['2010-12-01 08:26:00', null] });
    expect(t.notes[0]?.decision).toBe('an array of records');
  });

  it('keeps a column with numbers and text as text, numbers written out', async () => {
    const t = await readJson('[{"zip": 75001}, {"zip": "SW1A 1AA"}, {"zip": null}, {"zip": true}]');
    expect(col(t, 'zip')).toEqual({ name: 'zip', type: 'text', values: ['75001', 'SW1A 1AA', null, 'true'] });
  });

  it('keeps ids of 16 digits and more exact (as text), in both layouts', async () => {
    const lines = '{"order": 12345678901234567890, "n": 1, "note": "x: 1234567890123456789, y"}\n{"order": 98765432109876543, "n": 2}\n';
    const t = await readJson(lines);
    expect(col(t, 'order')).toEqual({ name: 'order', type: 'text', values: ['12345678901234567890', '98765432109876543'] });
    expect(col(t, 'note').values).toEqual(['x: 1234567890123456789, y', null]);
    expect(col(t, 'n').type).toBe('bigint');
    const a = await readJson('[{"order": 12345678901234567890}, {"order": 1}]');
    expect(col(a, 'order').values).toEqual(['12345678901234567890', '1']);
  });

  it('reads NDJSON line by line: blank lines are fine, a bad line is rejected with its line number', async () => {
    const text = ['{"a": 1, "b": "x"}', '', '{"a": 2.5}', '{"a": 3, "b": "y"', '[1, 2]', '   ', '{"b": "z"}', ''].join('\r\n');
    const t = await readJson(new TextEncoder().encode(text));
    expect(t.rows).toBe(3);
    expect(col(t, 'a')).toMatchObject({ type: 'double', values: [1, 2.5, null] });
    expect(col(t, 'b').values).toEqual(['x', null, 'z']);
    expect(t.skipped).toEqual([
      { line: 4, text: '{"a": 3, "b": "y"', reason: 'not valid JSON' },
      { line: 5, text: '[1, 2]', reason: 'not an object (a record with named fields)' },
    ]);
    expect(t.notes.map((n) => n.topic)).toEqual(['JSON layout', 'Rejected lines']);
  });

  it('picks the largest array of objects inside a wrapping object, and says so', async () => {
    const doc = { meta: { exported: '2011-12-10', pages: [{ n: 1 }] }, data: [{ id: 1 }, { id: 2 }, { id: 3 }], note: 'x' };
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2)]) {
      const t = await readJson(text);
      expect(t.rows).toBe(3);
      expect(col(t, 'id').values).toEqual([1, 2, 3]);
      expect(t.notes[0]?.decision).toBe('the records in “data” (3 records)');
      expect(t.notes[0]?.why).toContain('“meta.pages” (1 record)');
    }
  });

  it('reads a Blob as a stream, UTF-8 with a byte order mark and UTF-16', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ i, name: `ünïcode ${i}` })).join('\n');
    const t = await readJson(new Blob(['\uFEFF' + lines]));
    expect(t.rows).toBe(20_000);
    expect(col(t, 'name').values[19_999]).toBe('ünïcode 19999');
    const u16 = new Uint8Array(2 + 2 * 24);
    u16.set([0xff, 0xfe]);
    const s = '[{"é": "€", "n": 1.25}]';
    for (let i = 0; i < s.length; i++) u16.set([s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8], 2 + 2 * i);
    const w = await readJson(u16.subarray(0, 2 + 2 * s.length));
    expect(col(w, 'é').values).toEqual(['€']);
  });

  it('refuses what holds no records, with a title and what to do', async () => {
    expect((await refusal('InvoiceNo,Qty\n1,2\n')).title).toBe('This is not a JSON file');
    expect((await refusal('')).title).toBe('The file is empty');
    expect((await refusal('  \n ')).title).toBe('The file is empty');
    expect((await refusal('42')).title).toBe('This is not a JSON file');
    expect((await refusal('"text"')).title).toBe('This is not a JSON file');
    expect((await refusal('[1, 2, 3]')).title).toBe('No records found in this JSON');
    expect((await refusal('{"name": "config", "version": 2}')).title).toBe('No records found in this JSON');
    expect((await refusal('{\n "name": "config"\n}')).title).toBe('No records found in this JSON');
    expect((await refusal('[{"a": 1},\n{"a": 2}')).title).toBe('The JSON file ends early');
    expect((await refusal('[{"a": 1},\n{"a": 2,,}]')).message).toContain('near line 2');
    expect((await refusal('not json\n{"a":1}')).title).toBe('This is not a JSON file');
    expect((await refusal('{"a": x}\n{"a": y}\n')).title).toBe('The JSON is not valid');
    const log = await refusal('{"level": "info"}\nserver started\nGET /index 200\nGET /a 404\n');
    expect(log.title).toBe('Most lines are not JSON records');
    expect(log.message).toContain('3 other lines are not (the first at line 2)');
  });

  it('reads a 50 MB array of objects', async () => {
    const item = (i: number): string => JSON.stringify({ id: i, customer: { id: 17850 + (i % 4000), country: 'United Kingdom' }, amount: (i % 1000) / 4, when: '2010-12-01 08:26:00' });
    const n = Math.ceil(50e6 / (item(0).length + 1));
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(item(i));
    const blob = new Blob(['[', parts.join(','), ']']);
    parts.length = 0;
    const t0 = performance.now();
    const t = await readJson(blob);
    console.log(`50 MB JSON array: ${n.toLocaleString('en-US')} rows in ${Math.round(performance.now() - t0)} ms`);
    expect(t.rows).toBe(n);
    expect(col(t, 'customer.id').values[n - 1]).toBe(17850 + ((n - 1) % 4000));
  }, 60_000);

  it('reads a 50 MB NDJSON Blob', async () => {
    const line = (i: number): string => JSON.stringify({ InvoiceNo: String(536365 + (i >> 3)), Description: 'WHITE HANGING HEART T-LIGHT HOLDER', Quantity: 6, UnitPrice: 2.55, CustomerID: 17850 + (i % 4000), Country: 'United Kingdom' });
    const n = Math.ceil(50e6 / (line(0).length + 1));
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(line(i));
    const blob = new Blob([parts.join('\n')]);
    parts.length = 0;
    expect(blob.size).toBeGreaterThan(50e6);
    const t0 = performance.now();
    const t = await readJson(blob);
    const ms = performance.now() - t0;
    console.log(`50 MB NDJSON: ${n.toLocaleString('en-US')} rows in ${Math.round(ms)} ms (${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rows/s)`);
    expect(t.rows).toBe(n);
    expect(col(t, 'CustomerID').type).toBe('bigint');
  }, 60_000);
});
