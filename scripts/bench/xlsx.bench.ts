// The Excel reader on a big workbook (scripts/bench/make_big_xlsx.py: 520,000 rows × 16 columns,
// ~46 MB, ~390 MB of sheet XML), generated once into .bench/ with /usr/bin/python3 + openpyxl.
// Times readXlsx (fflate) and readXlsxAsync (native DecompressionStream) in Node; prints rows/s,
// CPU time and heap; asserts only that every row was read.
// Run alone: npx vitest run --config scripts/bench/vitest.config.ts scripts/bench/xlsx.bench.ts
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx, readXlsxAsync } from '../../src/pipeline/read/xlsx';
import { BENCH_DIR, ROOT } from './harness';
import { QUICK } from './figures';

const ROWS = 520_000;
const FILE = resolve(BENCH_DIR, `xlsx-${ROWS}.xlsx`);

function ensureWorkbook(): boolean {
  if (existsSync(FILE)) return true;
  mkdirSync(BENCH_DIR, { recursive: true });
  try {
    execFileSync('/usr/bin/python3', [resolve(ROOT, 'scripts/bench/make_big_xlsx.py'), String(ROWS), FILE], { stdio: 'inherit' });
    return true;
  } catch (e) {
    console.log(`xlsx bench skipped: could not write the workbook with openpyxl (${String(e)})`);
    return false;
  }
}

// not part of --quick
describe.skipIf(QUICK)('Excel reader speed', () => {
  it('reads a 520,000-row workbook', async () => {
    if (!ensureWorkbook()) return;
    const bytes = new Uint8Array(readFileSync(FILE));
    for (const [label, read] of [
      ['readXlsx (fflate)', async () => readXlsx(bytes, { headerRow: 3 })],
      ['readXlsxAsync (native inflate)', () => readXlsxAsync(bytes, { headerRow: 3 })],
    ] as const) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const t = await read();
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      expect(t.rows).toBe(ROWS);
      console.log(
        `${label}: ${t.rows.toLocaleString('en-US')} rows × ${t.columns.length} columns from ${(bytes.length / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s ` +
          `(${Math.round((t.rows / ms) * 1000).toLocaleString('en-US')} rows/s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB)`,
      );
    }
  });
});
