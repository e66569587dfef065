// What kind of file the user gave us, from its first bytes: CSV (plain or gzip) goes on
// to DuckDB; anything else gets a message that says what it is and what to do.

/** The verdict on a file's first bytes. */
export type FileKind = { kind: 'csv'; gzip: boolean } | { kind: 'rejected'; title: string; message: string };

const startsWith = (b: Uint8Array, sig: number[]): boolean => sig.every((v, i) => b[i] === v);

/** Decides from the first few KB (and the size) whether the file can be read as CSV. */
export function sniffFileKind(head: Uint8Array, name: string, size: number): FileKind {
  const lower = name.toLowerCase();
  if (size === 0) return { kind: 'rejected', title: 'The file is empty', message: `“${name}” has 0 bytes. Export the data again and load the new file.` };
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'csv', gzip: true };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]))
    return {
      kind: 'rejected',
      title: 'This is a spreadsheet or zip archive, not a CSV',
      message: `“${name}” is a zip container (Excel .xlsx files are). Open it in your spreadsheet program and use “Save as → CSV (comma separated)”, then load the CSV.`,
    };
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31]))
    return { kind: 'rejected', title: 'Parquet files are not supported yet', message: `“${name}” is a Parquet file. For now, convert it to CSV (e.g. with DuckDB: COPY (FROM 'file.parquet') TO 'file.csv') and load the CSV.` };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46]))
    return { kind: 'rejected', title: 'This is a PDF, not a data file', message: `“${name}” is a PDF document. Load the CSV export of your transactions instead.` };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0]))
    return { kind: 'rejected', title: 'This is an old Excel (.xls) workbook', message: `Open “${name}” in your spreadsheet program, save it as CSV, and load the CSV.` };
  let zeros = 0;
  let controls = 0;
  for (const b of head) {
    if (b === 0) zeros++;
    else if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (!utf16 && (zeros > 0 || controls > head.length * 0.05))
    return {
      kind: 'rejected',
      title: 'This is not a text file',
      message: `“${name}” contains binary data (${zeros ? 'NUL bytes' : 'control characters'} in its first bytes). Load a CSV file: plain text with one row per line and a header row.`,
    };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).trimStart();
  if ((text.startsWith('{') || text.startsWith('[')) && !lower.endsWith('.csv'))
    return { kind: 'rejected', title: 'JSON files are not supported yet', message: `“${name}” looks like JSON. Convert it to CSV (one object per row, one column per field) and load the CSV.` };
  if (/^<(!doctype|html|\?xml)/i.test(text))
    return { kind: 'rejected', title: 'This is a web page or XML, not a CSV', message: `“${name}” starts with “${text.slice(0, 15)}”. If you downloaded it, make sure you saved the CSV itself, not the page that links to it.` };
  return { kind: 'csv', gzip: false };
}
