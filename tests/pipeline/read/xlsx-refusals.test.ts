// Files the Excel reader refuses, each with a ReadRefusal naming the problem and what to do: a
// password-protected workbook and an old .xls (Compound Files built by hand below), zips that are
// not workbooks, a truncated download, a zip bomb, an empty workbook, a header without rows.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { isEncryptedOffice, readXlsx, readXlsxAsync, ReadRefusal, sniffOffice } from '../../../src/pipeline/read/xlsx';
import { ZIP_LIMITS } from '../../../src/pipeline/read/xlsx/zip';
import { isReadRefusal } from '../../../src/pipeline/read/refusal';

const fixture = (name: string) => new Uint8Array(readFileSync(resolve(__dirname, '../../fixtures/formats', name)));

/** The refusal readXlsx throws for these bytes (fails the test when it does not throw one). */
function refusal(bytes: Uint8Array, options = {}): ReadRefusal {
  try {
    readXlsx(bytes, options);
  } catch (e) {
    expect(isReadRefusal(e)).toBe(true);
    return e as ReadRefusal;
  }
  throw new Error('readXlsx did not refuse the file');
}

/**
 * A minimal Compound File (version 3, 512-byte sectors): header, one FAT sector (sector 0), one
 * directory sector (sector 1) holding a root entry and one stream entry per name.
 */
function compoundFile(streams: string[]): Uint8Array {
  const b = new Uint8Array(512 * 3);
  const v = new DataView(b.buffer);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  v.setUint16(24, 0x3e, true); // minor version
  v.setUint16(26, 3, true); // major version 3
  v.setUint16(28, 0xfffe, true); // byte order
  v.setUint16(30, 9, true); // sector shift: 512
  v.setUint16(32, 6, true); // mini sector shift: 64
  v.setUint32(44, 1, true); // one FAT sector
  v.setUint32(48, 1, true); // directory starts at sector 1
  v.setUint32(56, 4096, true); // mini stream cutoff
  v.setUint32(60, 0xfffffffe, true); // no mini FAT
  v.setUint32(68, 0xfffffffe, true); // no DIFAT sectors
  for (let i = 0; i < 109; i++) v.setUint32(76 + 4 * i, i === 0 ? 0 : 0xffffffff, true);
  const fat = 512;
  for (let i = 0; i < 128; i++) v.setUint32(fat + 4 * i, 0xffffffff, true);
  v.setUint32(fat, 0xfffffffd, true); // sector 0 is the FAT
  v.setUint32(fat + 4, 0xfffffffe, true); // sector 1 (directory) ends its chain
  const dir = 1024;
  ['Root Entry', ...streams].forEach((name, k) => {
    const e = dir + 128 * k;
    for (let i = 0; i < name.length; i++) v.setUint16(e + 2 * i, name.charCodeAt(i), true);
    v.setUint16(e + 64, (name.length + 1) * 2, true);
    b[e + 66] = k === 0 ? 5 : 2; // root storage, then streams
  });
  return b;
}

const tinySheet = (rowsXml: string) =>
  zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${rowsXml}</sheetData></worksheet>`),
  });

describe('xlsx refusals', () => {
  afterEach(() => {
    ZIP_LIMITS.ratioFrom = 64 * 1024 ** 2;
    ZIP_LIMITS.maxTotal = 1.5 * 1024 ** 3;
  });

  it('a password-protected workbook (Compound File with an EncryptedPackage stream)', () => {
    const enc = compoundFile(['EncryptionInfo', 'EncryptedPackage']);
    expect(isEncryptedOffice(enc)).toBe(true);
    const r = refusal(enc);
    expect(r.title).toBe('Password-protected workbook');
    expect(r.message).toMatch(/password/);
  });

  it('an old Excel 97-2003 workbook (.xls: a Compound File with a Workbook stream)', () => {
    const xls = compoundFile(['Workbook', '\u0005SummaryInformation']);
    expect(isEncryptedOffice(xls)).toBe(false);
    expect(refusal(xls).title).toBe('Old Excel format (.xls)');
  });

  it('a Word document renamed .xlsx', () => {
    expect(refusal(compoundFile(['WordDocument'])).title).toBe('Not an Excel workbook');
  });

  it('a zip that is not a workbook, and bytes that are not a zip at all', () => {
    const r = refusal(zipSync({ 'data.csv': strToU8('a,b\n1,2\n') }));
    expect(r.title).toBe('Not an Excel workbook');
    expect(r.message).toMatch(/zip archive but not an Excel workbook/);
    expect(refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])).title).toBe('Not an Excel workbook');
    expect(refusal(strToU8('InvoiceNo,Amount\n1,2\n')).title).toBe('Not an Excel workbook');
    expect(isEncryptedOffice(strToU8('InvoiceNo'))).toBe(false);
  });

  it('an .xlsb and an .ods are named as such', () => {
    expect(refusal(zipSync({ 'xl/workbook.bin': new Uint8Array(10) })).title).toMatch(/xlsb/);
    expect(refusal(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') })).title).toBe('OpenDocument spreadsheet');
  });

  it('a truncated download (the first half of a workbook)', () => {
    const whole = fixture('uci_slice.xlsx');
    expect(refusal(whole.subarray(0, whole.length >> 1)).message).toMatch(/incomplete or damaged/);
  });

  it('a zip bomb: an entry inflating past the ratio limit is stopped while inflating', () => {
    ZIP_LIMITS.ratioFrom = 1024 * 1024;
    const zeros = new Uint8Array(8 * 1024 * 1024).fill(0x20);
    const bomb = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': zeros,
    });
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusal(bomb).title).toBe('Suspicious workbook');
  });

  it('a workbook inflating past the total limit', () => {
    ZIP_LIMITS.maxTotal = 100_000;
    expect(refusal(fixture('uci_slice.xlsx')).title).toBe('Workbook too large');
  });

  it('an empty workbook, and a sheet with a header but no rows', () => {
    expect(refusal(fixture('xlsx_empty.xlsx')).title).toBe('No data in the workbook');
    const headerOnly = tinySheet('<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>');
    expect(refusal(headerOnly).title).toBe('No data rows');
  });

  it('entities are never expanded beyond the predefined five (no DTD tricks)', () => {
    const t = readXlsx(tinySheet('<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;&amp;&#65;&#x42;</t></is></c></row>'));
    expect(t.columns[0].values).toEqual(['&lol9;&AB']);
  });

  it('cells beyond Excel\u2019s last column are ignored, not allocated', () => {
    const t = readXlsx(tinySheet('<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="ZZZZ1"><v>1</v></c></row><row r="2"><c r="A2"><v>5</v></c></row>'));
    expect(t.columns.map((c) => c.name)).toEqual(['a']);
    expect(t.notes.find((n) => n.topic === 'Cells out of range')?.decision).toMatch(/^1 cells/);
  });
});

describe('readXlsxAsync (native inflater) gives what readXlsx gives', () => {
  afterEach(() => {
    ZIP_LIMITS.ratioFrom = 64 * 1024 ** 2;
  });
  const names = ['xlsx_dates_1900.xlsx', 'xlsx_dates_1904.xlsx', 'xlsx_multi_sheet.xlsx', 'xlsx_title_rows.xlsx', 'xlsx_header_first.xlsx', 'xlsx_handmade.xlsx', 'uci_slice.xlsx'];
  it.each(names)('%s', async (name) => {
    const bytes = fixture(name);
    expect(await readXlsxAsync(bytes)).toEqual(readXlsx(bytes));
  });
  it('refuses the same files with the same words', async () => {
    const whole = fixture('uci_slice.xlsx');
    // the directory is intact but a sheet's data is cut: the inflater reports the end
    const cut = whole.slice();
    const sheetAt = new TextDecoder('latin1').decode(cut).indexOf('xl/worksheets/sheet1.xml');
    cut.fill(0, sheetAt + 40, sheetAt + 2000);
    await expect(readXlsxAsync(cut)).rejects.toMatchObject({ name: 'ReadRefusal' });
    expect(() => readXlsx(cut)).toThrow(ReadRefusal);
    await expect(readXlsxAsync(fixture('xlsx_empty.xlsx'))).rejects.toMatchObject({ title: 'No data in the workbook' });
    ZIP_LIMITS.ratioFrom = 1024 * 1024;
    const bomb = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': new Uint8Array(8 * 1024 * 1024).fill(0x20),
    });
    await expect(readXlsxAsync(bomb)).rejects.toMatchObject({ title: 'Suspicious workbook' });
  });
});

describe('sniffOffice: what the first bytes say', () => {
  it('tells zips, encrypted and old Office files, and anything else apart', () => {
    expect(sniffOffice(fixture('uci_slice.xlsx'))).toBe('zip');
    expect(sniffOffice(compoundFile(['EncryptionInfo', 'EncryptedPackage']))).toBe('encrypted');
    expect(sniffOffice(compoundFile(['Workbook']))).toBe('xls');
    expect(sniffOffice(compoundFile(['WordDocument']))).toBe('other-office');
    expect(sniffOffice(strToU8('a,b\n'))).toBe('unknown');
  });
});
