// STUB until the reader lands.
import type { DecodedTable } from './types';
export async function readParquet(file: Blob): Promise<DecodedTable> {
  void file;
  throw new Error('not yet');
}
