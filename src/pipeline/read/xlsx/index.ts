// STUB until the reader lands.
import type { DecodedTable } from '../types';
export function readXlsx(bytes: Uint8Array, options: { sheet?: string; headerRow?: number } = {}): DecodedTable {
  void bytes;
  void options;
  throw new Error('not yet');
}
