// Reading a byte range of a Blob (a File is read from disk by the browser, slice by slice).

/** Bytes `start`..`end` of a Blob. */
export async function bytesOf(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}
