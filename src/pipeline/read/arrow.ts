// STUB until the reader lands.
import type { DecodedTable } from './types';
export function decodedToIpc(t: DecodedTable): Uint8Array {
  void t;
  throw new Error('not yet');
}
