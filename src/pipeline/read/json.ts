// STUB until the reader lands.
import type { DecodedTable } from './types';
export function readJson(text: string, ndjson: boolean): DecodedTable {
  void text;
  void ndjson;
  throw new Error('not yet');
}
