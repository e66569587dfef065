// Unpacking gzip in JS with the platform's DecompressionStream (browsers and Node 18+): the
// first megabytes to see what a .gz file holds (CSV, JSON lines), or the whole of it for the
// readers that need the text in JS (JSON). DuckDB reads gzip-compressed CSV by itself.

/** The first `max` bytes of a gzip file's content (fewer when it is shorter or cut off). */
export async function gunzipHead(blob: Blob, max: number): Promise<Uint8Array> {
  const reader = blob.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  try {
    while (n < max) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
      n += value.byteLength;
    }
  } catch {
    // a cut-off or corrupt stream: what came out before the damage is still the head
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(Math.min(n, max));
  let at = 0;
  for (const c of chunks) {
    const take = Math.min(c.byteLength, out.byteLength - at);
    out.set(c.subarray(0, take), at);
    at += take;
    if (at >= out.byteLength) break;
  }
  return out;
}

/** The whole content of a gzip file as a Blob (throws when the stream is cut off or corrupt). */
export async function gunzipBlob(blob: Blob): Promise<Blob> {
  return new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
}

/** What a gzip file unpacks to, up to where it breaks (the whole content when it is intact). */
export async function gunzipUpToDamage(blob: Blob): Promise<Blob> {
  const reader = blob.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
    }
  } catch {
    // cut off or damaged: keep what came out before
  }
  return new Blob(chunks);
}
