// Files of 4 GiB and more on the command line: Node 20's fs.openAsBlob reports their size
// modulo 2^32 and slices them there, so src/cli/files.ts opens them as a FileRangeBlob.
// A sparse file of 5 GiB (a few bytes on disk) stands in for a real one.
import { closeSync, mkdtempSync, openAsBlob, openSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileRangeBlob, LARGE_FILE_BYTES, openSources } from '../../src/cli/files';

const dir = mkdtempSync(join(tmpdir(), 'bl-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files of 4 GiB and more', () => {
  it('keep their true size, and their end reads as the file ends', async () => {
    const path = join(dir, 'big.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    const end = 5 * 2 ** 30;
    truncateSync(path, end);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from('9,9\n'), 0, 4, end);
    closeSync(fd);
    const size = statSync(path).size;
    expect(size).toBe(end + 4);
    const { sources } = await openSources([path]);
    const blob = sources[0]?.blob as Blob;
    expect(blob).toBeInstanceOf(Blob);
    expect(blob).toBeInstanceOf(FileRangeBlob);
    expect(blob.size).toBe(size);
    expect(await blob.slice(0, 8).text()).toBe('a,b\n1,2\n');
    expect(await blob.slice(-4).text()).toBe('9,9\n');
    expect(await blob.slice(size - 6, size).text()).toBe('\0\u00009,9\n');
    expect(new Uint8Array(await blob.slice(size - 4).slice(1, 3).arrayBuffer())).toEqual(new Uint8Array([0x2c, 0x39]));
    // streamed: the bytes of the range, in order
    const chunks: Uint8Array[] = [];
    for await (const c of blob.slice(-10).stream() as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
    expect(Buffer.concat(chunks).toString('latin1')).toBe('\0'.repeat(6) + '9,9\n');
    expect(blob.slice(size + 10).size).toBe(0);
  });

  it('smaller files keep Node’s own Blob; the range Blob reads the same bytes as it does', async () => {
    const path = join(dir, 'small.csv');
    const text = Array.from({ length: 2000 }, (_, i) => `${i},${(i * 7919) % 1000}`).join('\n');
    writeFileSync(path, text);
    const { sources } = await openSources([path]);
    expect(sources[0]?.blob).not.toBeInstanceOf(FileRangeBlob);
    expect(LARGE_FILE_BYTES).toBeLessThanOrEqual(2 ** 32);
    const node = await openAsBlob(path);
    const ours = new FileRangeBlob(path, 0, statSync(path).size);
    expect(ours.size).toBe(node.size);
    for (const [s, e] of [[0, 10], [5, 5], [100, 2000], [-50, undefined], [-50, -10], [undefined, undefined], [3000, 99_999]] as const) {
      expect(await ours.slice(s, e).text(), `${s}..${e}`).toBe(await node.slice(s, e).text());
    }
  });
});
