// One conformance suite (tests/engine/conformance.ts) against both connectors: the browser's
// engine (duckdb-wasm's Node build) and the command line's (native @duckdb/node-api).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { openNativeDb, type NativeDb } from '../../src/cli/native-connector';
import { CONFORMANCE, type ConformingConnector } from './conformance';

const engines: { name: string; open: () => Promise<ConformingConnector & { close(): void }> }[] = [
  { name: 'DuckDB-WASM', open: (): Promise<TestDb> => openTestDb() },
  { name: 'native DuckDB', open: (): Promise<NativeDb> => openNativeDb({ threads: 2 }) },
];

for (const engine of engines) {
  describe(`connector conformance: ${engine.name}`, () => {
    let conn: ConformingConnector & { close(): void };
    beforeAll(async () => {
      conn = await engine.open();
    });
    afterAll(() => conn.close());
    for (const c of CONFORMANCE) it(c.name, () => c.run(conn));
  });
}

describe('native DuckDB: interrupt', () => {
  it('an abort during a long query interrupts it (AbortError) and the connection goes on', async () => {
    const db = await openNativeDb({ threads: 1 });
    try {
      const ac = new AbortController();
      const started = performance.now();
      const p = db.query('SELECT count(*) FROM range(100000000000) a, range(10) b', ac.signal);
      setTimeout(() => ac.abort(), 200);
      const e = await p.then(() => null, (x: unknown) => x as Error);
      if (e?.name !== 'AbortError') throw new Error(`expected AbortError, got ${String(e)}`);
      if (performance.now() - started > 20_000) throw new Error('the interrupt took too long');
      const one = await db.query('SELECT 1 AS one');
      if (one.getChild('one')?.get(0) !== 1) throw new Error('connection unusable after interrupt');
    } finally {
      db.close();
    }
  });
});
