// The console's refusal of statements that reach outside the tab (src/components/console/guard.ts):
// many ways of writing the same thing, and the read queries that must keep running.
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/components/console/examples';
import { refusal, scriptRefusal, tokenize } from '../../src/components/console/guard';
import { runScript } from '../../src/components/console/run';
import { splitStatements } from '../../src/components/console/statement';

const refusedScripts: string[] = [
  // writing and reading files
  "COPY sales TO 'out.csv'",
  "copy (SELECT * FROM sales) to '/tmp/x.parquet' (FORMAT parquet)",
  "COPY sales FROM 'data.csv'",
  '  \n\t Copy\nsales\nTO\n"x.csv"',
  "/* hello */ COPY sales TO 'x.csv'",
  "-- a comment\nCOPY sales TO 'x.csv'",
  "/* nested /* comment */ still comment */ COPY sales TO 'x.csv'",
  "COPY FROM DATABASE data0 TO data1",
  "EXPORT DATABASE '/tmp/dump'",
  "IMPORT DATABASE '/tmp/dump'",
  // databases, extensions, settings
  "ATTACH 'file.duckdb' AS f",
  "ATTACH ':memory:' AS m",
  "attach database 'https://example.org/x.db' as x (READ_ONLY)",
  'DETACH data0',
  'INSTALL httpfs',
  'FORCE INSTALL httpfs',
  "INSTALL httpfs FROM 'http://evil.example'",
  'LOAD httpfs',
  "LOAD '/tmp/evil.duckdb_extension'",
  'UPDATE EXTENSIONS',
  'SET threads = 1',
  "SET enable_external_access = true",
  "set allowed_directories = ['/']",
  "SET GLOBAL autoinstall_known_extensions = true",
  "SET s3_endpoint = 'evil.example'",
  'RESET ALL',
  'reset threads',
  "PRAGMA enable_profiling",
  "PRAGMA threads = 2",
  "PRAGMA table_info = 'x'",
  "CREATE SECRET (TYPE s3, KEY_ID 'a', SECRET 'b')",
  "CREATE OR REPLACE PERSISTENT SECRET s (TYPE http)",
  // table functions and literals that read a file or a URL
  "SELECT * FROM read_csv('http://127.0.0.1:4332/sample.csv.gz')",
  "SELECT * FROM read_csv_auto('data.csv')",
  "SELECT * FROM READ_CSV('https://example.org/x.csv')",
  "SELECT * FROM read_csv ('x.csv')",
  "SELECT * FROM read_csv/* gap */('x.csv')",
  "SELECT * FROM main.read_csv('x.csv')",
  'SELECT * FROM system.main."read_csv"(\'x.csv\')',
  "SELECT * FROM \"READ_CSV\"('x.csv')",
  "SELECT * FROM read_parquet('s3://bucket/x.parquet')",
  "SELECT * FROM parquet_scan('x.parquet')",
  "SELECT * FROM parquet_metadata('x.parquet')",
  "SELECT * FROM read_json('https://example.org/x.json')",
  "SELECT * FROM read_ndjson_objects('x.ndjson')",
  "SELECT * FROM read_text('/etc/passwd')",
  "SELECT content FROM read_blob('/etc/passwd')",
  "SELECT * FROM glob('/home/*')",
  "SELECT * FROM sniff_csv('x.csv')",
  "SELECT * FROM query('SELECT * FROM read_csv(''x.csv'')')",
  "SELECT * FROM query_table('x.csv')",
  "SELECT * FROM sqlite_scan('x.db', 't')",
  "SELECT * FROM st_read('x.shp')",
  "SELECT * FROM 'https://example.org/data.csv'",
  "SELECT * FROM 'upload-1.csv'",
  "FROM '/basket-lens/upload-1.csv'",
  "FROM '../secret.csv'",
  "SELECT * FROM \"data.csv\"",
  "SELECT * FROM \"/etc/passwd\"",
  "SELECT * FROM E'/tmp/a.csv'",
  'SELECT * FROM $$/tmp/a.csv$$',
  'SELECT * FROM $t$/tmp/a.csv$t$',
  "SELECT * FROM sales, 'other.csv'",
  "SELECT * FROM sales JOIN 'other.csv' USING (customer_id)",
  "SELECT * FROM sales s LEFT JOIN 'other.csv' o ON s.customer_id = o.id",
  "SELECT (SELECT count(*) FROM 'x.csv') AS n",
  "WITH t AS (SELECT * FROM 'x.csv') SELECT * FROM t",
  "SELECT * FROM sales WHERE customer_id IN (SELECT id FROM 'x.csv')",
  "FROM ('x.csv')",
  "DESCRIBE 'x.csv'",
  "SUMMARIZE 'https://example.org/x.csv'",
  "CREATE TABLE t AS SELECT * FROM read_csv('x.csv')",
  "CREATE VIEW v AS FROM 'x.csv'",
  "INSERT INTO sales SELECT * FROM 'x.csv'",
  "EXPLAIN ANALYZE COPY sales TO 'x.csv'",
  "EXPLAIN SELECT * FROM read_csv('x.csv')",
  "PREPARE p AS SELECT * FROM read_csv($1)",
  "CALL read_csv('x.csv')",
  // one bad statement refuses the whole script
  "SELECT 1; COPY sales TO 'x.csv'",
  "SELECT ';'; SET threads = 1",
  "SELECT 'a -- not a comment'; ATTACH 'x.db'",
  "CREATE TABLE ok AS SELECT 1; SELECT * FROM read_text('/etc/passwd'); SELECT 2",
];

const allowed: string[] = [
  'SELECT * FROM sales',
  'FROM sales SELECT DISTINCT category ORDER BY 1',
  "SELECT * FROM sales WHERE product = 'read_csv(''x.csv'')'",
  "SELECT * FROM sales WHERE product = 'COPY sales TO x'",
  "SELECT 'https://example.org/x.csv' AS link",
  "SELECT * FROM sales WHERE category IN ('a.csv', 'b')",
  "SELECT trim(both 'x' FROM 'xabcx') AS t",
  "SELECT extract(year FROM ts) AS y FROM sales",
  "SELECT substring(product FROM 2) FROM sales",
  'SELECT "customer_id", "<img src=x onerror=alert(1)>" FROM sales',
  'SELECT * FROM "sales"',
  'SELECT * FROM data0.main.sales',
  'DESCRIBE sales',
  'SUMMARIZE sales',
  'SHOW TABLES',
  "PRAGMA table_info('sales')",
  'PRAGMA show_tables',
  "CALL pragma_table_info('sales')",
  "SELECT * FROM duckdb_tables()",
  "SELECT current_setting('threads') AS t",
  'CREATE OR REPLACE TABLE scratch AS SELECT 1 AS a',
  'INSERT INTO scratch VALUES (2)',
  "UPDATE scratch SET a = 3 WHERE a = 2",
  'DROP TABLE scratch',
  'CHECKPOINT',
  "SELECT * FROM sales s JOIN customers c USING (customer_id)",
  "SELECT * FROM sales -- FROM 'x.csv'",
  "SELECT * FROM sales /* COPY sales TO 'x.csv' */",
  "SELECT 'a'';COPY sales TO ''x.csv' AS s",
  'PIVOT sales ON category USING sum(amount)',
  ...EXAMPLES.map((e) => e.sql),
];

describe('console guard', () => {
  it.each(refusedScripts)('refuses %s', (text) => {
    const why = scriptRefusal(splitStatements(text));
    expect(why).toMatch(/not available in this console|cannot be used as a table/);
    expect(why).toMatch(/Nothing was run\.$/);
  });

  it.each(allowed)('lets through %s', (text) => {
    expect(scriptRefusal(splitStatements(text))).toBeNull();
  });

  it('names the statement in a script and the thing refused', () => {
    expect(scriptRefusal(splitStatements("SELECT 1; SELECT * FROM read_csv('x.csv')"))).toMatch(/^Statement 2 of 2: read_csv\(…\) is not available/);
    expect(refusal("FROM 'https://example.org/x.csv'")).toMatch(/^“https:\/\/example\.org\/x\.csv” cannot be used as a table/);
    expect(refusal('set threads=1')).toMatch(/^SET is not available/);
  });

  it('checks every statement of a piece, should the text hold several', () => {
    expect(refusal("SELECT 1; COPY sales TO 'x.csv'")).toMatch(/^COPY is not available/);
    expect(refusal("SELECT 1 /* ; */; SET threads = 1")).toMatch(/^SET is not available/);
    expect(refusal("SELECT ';'")).toBeNull();
  });

  it('tokenizes strings, quoted names and nested comments as DuckDB does', () => {
    expect(tokenize("/* a /* b */ c */ SELECT 'it''s', \"a\"\"b\", E'x\\'y' -- z").map((t) => `${t.kind}:${t.text}`)).toEqual(['word:select', "string:it's", 'symbol:,', 'quoted:a"b', 'symbol:,', "string:x\\'y"]);
  });

  it('refuses before anything is sent to the engine', async () => {
    const sent: string[] = [];
    const send = async (sql: string): Promise<never> => {
      sent.push(sql);
      throw new Error('should not run');
    };
    await expect(runScript(send, "CREATE TABLE a AS SELECT 1; COPY a TO 'a.csv'", new AbortController().signal)).rejects.toMatchObject({ name: 'RefusedError', message: expect.stringMatching(/^Statement 2 of 2: COPY is not available/) });
    expect(sent).toEqual([]);
  });
});
