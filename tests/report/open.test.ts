// Telling a dropped report.json from a data file, and reading a report from an address.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportFromFiles, reportFromUrl } from '../../src/report/open';

const SAMPLE = readFileSync(new URL('../fixtures/report/sample-report.json', import.meta.url), 'utf8');
const file = (body: string, name = 'report.json'): File => new File([body], name, { type: 'application/json' });

describe('reportFromFiles', () => {
  it('opens a single report file', async () => {
    const r = await reportFromFiles([file(SAMPLE)]);
    expect(r?.ok && r.report.dataset.name).toBe('Built-in sample (generated shop data)');
  });
  it('leaves data files to the loader: CSV, JSON records, several files', async () => {
    expect(await reportFromFiles([file('CustomerID,Amount\n1,2\n', 'a.csv')])).toBeNull();
    expect(await reportFromFiles([file('[{"CustomerID": 1, "app": 2}]', 'rows.json')])).toBeNull();
    expect(await reportFromFiles([file('{"orders": [{"app": {}}]}', 'orders.json')])).toBeNull();
    expect(await reportFromFiles([file(SAMPLE), file(SAMPLE, 'b.json')])).toBeNull();
  });
  it('a cut-short report gives the damaged message, not a data load', async () => {
    const r = await reportFromFiles([file(SAMPLE.slice(0, 3000))]);
    expect(r?.ok).toBe(false);
    expect(r && !r.ok && r.title).toBe('This report is damaged');
  });
});

describe('reportFromUrl', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('reads a report, and names the status of a failed download', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(SAMPLE, { status: 200 })));
    expect((await reportFromUrl('/r.json')).ok).toBe(true);
    vi.stubGlobal('fetch', vi.fn(async () => new Response('nope', { status: 404, statusText: 'Not Found' })));
    const r = await reportFromUrl('/missing.json');
    expect(!r.ok && r.message).toMatch(/answered 404 Not Found/);
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<!doctype html><title>Shop</title>', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } })));
    const html = await reportFromUrl('/not-there.json');
    expect(!html.ok && html.title).toBe('The address did not give a report');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const e = await reportFromUrl('https://elsewhere.example/r.json');
    expect(!e.ok && e.title).toBe('The report could not be downloaded');
  });
});
