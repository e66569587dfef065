// Transcoding to UTF-8: characters split across the 4 MB read slices stay whole; windows-1252's
// 0x80–0x9F are € ‚ … (latin-1 would make them control codes); Cancel stops it.
import { describe, expect, test } from 'vitest';
import { transcodeToUtf8 } from '../../../src/pipeline/read/transcode';
import { cp1252, utf16be, utf16le } from './csv-helpers';

const blob = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('transcodeToUtf8', () => {
  test('UTF-16 LE/BE with BOM: BOM dropped, text kept', async () => {
    expect(dec(await transcodeToUtf8(blob(utf16le('a\tb\r\nCafé €\t1\r\n')), 'utf-16le'))).toBe('a\tb\r\nCafé €\t1\r\n');
    expect(dec(await transcodeToUtf8(blob(utf16be('Grüße £\n')), 'utf-16be'))).toBe('Grüße £\n');
  });
  test('a surrogate pair split by the 4 MB slice boundary survives', async () => {
    const pad = 'x'.repeat((4 * 1024 * 1024) / 2 - 2); // BOM (2 bytes) + pad puts the emoji's halves on both sides of 4 MB
    const text = pad + '🛒' + 'é\n';
    const out = dec(await transcodeToUtf8(blob(utf16le(text)), 'utf-16le'));
    expect(out.length).toBe(text.length);
    expect(out.endsWith('🛒é\n')).toBe(true);
  });
  test('windows-1252: € ’ Œ – are not latin-1 control codes', async () => {
    const out = dec(await transcodeToUtf8(blob(cp1252('€ ’ Œ – £ é ü\n')), 'windows-1252'));
    expect(out).toBe('€ ’ Œ – £ é ü\n');
  });
  test('an aborted signal stops it', async () => {
    const c = new AbortController();
    c.abort();
    await expect(transcodeToUtf8(blob(utf16le('a\n')), 'utf-16le', c.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
