// The command line as a scheduler runs it: a child process, exit codes 0 / 1 / 2, JUnit XML
// that parses, the browser's words for unusable input, and sql output.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../helpers/xml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string): string => join(ROOT, 'tests/fixtures/cli', name);

/** Runs bin/basket-lens.mjs with arguments; resolves to exit code, stdout and stderr. */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/basket-lens.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const cases = (root: XmlElement): XmlElement[] => root.children.flatMap((s) => s.children);

describe('basket-lens check', () => {
  it('exits 0 when every test passes, with plain progress lines on stderr (not a terminal)', async () => {
    const r = await cli('check', fixture('pass.csv'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('6 passed, 0 warned, 0 failed');
    expect(r.stderr).toMatch(/^\[\d+\.\d+s\] Reading pass\.csv$/m);
    expect(r.stderr).not.toContain('\r');
  });

  it('exits 0 on warnings; JUnit shows the warning as <skipped>; --warn-error makes it a <failure> and exits 1', async () => {
    const [plain, strict] = await Promise.all([cli('check', fixture('warn.csv'), '--format', 'junit'), cli('check', fixture('warn.csv'), '--format=junit', '--warn-error')]);
    expect(plain.code, plain.stderr).toBe(0);
    const doc = parseXml(plain.stdout);
    expect(doc.name).toBe('testsuites');
    const tcs = cases(doc);
    expect(tcs).toHaveLength(6);
    expect(doc.attrs.tests).toBe('6');
    expect(doc.attrs.failures).toBe('0');
    expect(doc.attrs.skipped).toBe('1');
    const warned = tcs.find((t) => t.attrs.name === 'not_null_date (ts)');
    expect(warned?.children.map((c) => c.name)).toEqual(['skipped']);
    expect(warned?.children[0]?.attrs.message).toContain('1 of 30 rows');
    expect(strict.code, strict.stderr).toBe(1);
    const s = parseXml(strict.stdout);
    expect(s.attrs.failures).toBe('1');
    expect(cases(s).find((t) => t.attrs.name === 'not_null_date (ts)')?.children.map((c) => c.name)).toEqual(['failure']);
  });

  it('exits 1 when a test fails, and says which in JSON', async () => {
    const r = await cli('check', fixture('fail.csv'), '--format', 'json', '--quiet');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as { exit_code: number; checks: { id: string; status: string; failing: number; total: number }[] };
    expect(j.exit_code).toBe(1);
    expect(j.checks.find((c) => c.id === 'not_null_amount')).toMatchObject({ status: 'fail', failing: 6, total: 20 });
    expect(j.checks.filter((c) => c.status === 'fail')).toHaveLength(1);
  });

  it('escapes a file name with XML characters in the JUnit suite name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'basket-cli-'));
    const odd = join(dir, 'shop & "co" <1>.csv');
    copyFileSync(fixture('fail.csv'), odd);
    const r = await cli('check', odd, '--format', 'junit');
    expect(r.code, r.stderr).toBe(1);
    const doc = parseXml(r.stdout);
    expect(doc.children[0]?.attrs.name).toBe('data tests: shop & "co" <1>.csv');
    const failed = cases(doc).filter((t) => t.children.some((c) => c.name === 'failure'));
    expect(failed.map((t) => t.attrs.name)).toEqual(['not_null_amount (amount)']);
  });

  it('exits 2 with the browser’s words for unusable input, a missing file or a wrong option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'basket-cli-'));
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'header-only.csv'), 'customer_id,order_date,amount\n');
    const [empty, header, missing, option] = await Promise.all([
      cli('check', join(dir, 'empty.csv')),
      cli('analyse', join(dir, 'header-only.csv'), '--out', join(dir, 'r.json')),
      cli('check', join(dir, 'nope.csv')),
      cli('check', fixture('pass.csv'), '--format', 'xml'),
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The file is empty');
    expect(empty.stderr).toContain('“empty.csv” has 0 bytes. Export the data again and load the new file.');
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('The file has no data rows');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no file');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--format for check is one of text, json, junit');
  });
});

describe('basket-lens sql', () => {
  it('runs a query on the cleaned sales table, as CSV, over a glob of files', async () => {
    const r = await cli('sql', join(ROOT, 'tests/fixtures/cli/pa*.csv'), 'SELECT customer_id, count(*) AS n, round(sum(amount), 2) AS total FROM sales GROUP BY 1 ORDER BY 1 LIMIT 2', '--format', 'csv', '-q');
    expect(r.code, r.stderr).toBe(0);
    // pass.csv: customers C001…C008 take rows i ≡ 0…7 (mod 8), amount 10 + (7i mod 23) + (i mod 100)/100
    expect(r.stdout).toBe('customer_id,n,total\nC001,3,60.24\nC002,3,58.27\n');
  });

  it('refuses file access from the query and exits 2', async () => {
    const r = await cli('sql', fixture('pass.csv'), "SELECT * FROM read_csv('/etc/passwd')", '-q');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The query failed');
  });
});
