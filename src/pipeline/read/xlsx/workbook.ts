// The workbook around the sheets: which sheets there are (in tab order, hidden ones too), where
// each sheet's part is, the date system, the shared strings and which cell styles show dates.
import { ReadRefusal } from '../refusal';
import { attr, detach, elements, stringItemText, tagName } from './xml';
import { formatKind, type FormatKind } from './dates';
import type { ZipEntry, ZipReader } from './zip';

/** One sheet tab of the workbook. */
export interface SheetInfo {
  name: string;
  /** 'worksheet' holds cells; chart, dialog and macro sheets do not hold a table. */
  kind: 'worksheet' | 'chartsheet' | 'other';
  hidden: boolean;
  entry: ZipEntry | undefined;
}

/** What a sheet parser needs from the workbook. */
export interface WorkbookParts {
  sheets: SheetInfo[];
  date1904: boolean;
  /** How each cell style (the s attribute, an index into cellXfs) shows a number. */
  styleKinds: FormatKind[];
  /** Lazily read shared strings (read once, on first use). */
  sharedStrings: () => string[];
  /** Reads the shared strings ahead with the native inflater where there is one. */
  preloadSharedStrings: () => Promise<void>;
}

/** Resolves a relationship target against the folder of the part that holds the relationship. */
function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

function readRels(zip: ZipReader, path: string): Rel[] {
  const e = zip.get(path);
  if (!e) return [];
  return elements(zip.text(e), 'Relationship').map((r) => ({
    id: attr(r.tag, 'Id') ?? '',
    type: (attr(r.tag, 'Type') ?? '').replace(/.*\//, ''),
    target: attr(r.tag, 'Target') ?? '',
  }));
}

/** Opens the workbook part of an .xlsx zip; refuses zips that are not Excel workbooks. */
export function openWorkbook(zip: ZipReader): WorkbookParts {
  let wbPath = readRels(zip, '_rels/.rels').find((r) => r.type === 'officeDocument')?.target;
  wbPath = wbPath ? resolve('', wbPath) : 'xl/workbook.xml';
  let wbEntry = zip.get(wbPath) ?? zip.get('xl/workbook.xml');
  if (!wbEntry) {
    if (zip.get('xl/workbook.bin'))
      throw new ReadRefusal('Excel binary workbook (.xlsb)', 'This is an Excel binary workbook (.xlsb), which cannot be read here. Open it in Excel and save it as .xlsx (Excel Workbook) or export the sheet as CSV.');
    if (zip.get('content.xml') && zip.get('mimetype'))
      throw new ReadRefusal('OpenDocument spreadsheet', 'This looks like an OpenDocument file (.ods), which cannot be read here. Save it as .xlsx or CSV from LibreOffice or Excel and load that.');
    throw new ReadRefusal('Not an Excel workbook', 'This file is a zip archive but not an Excel workbook (it has no workbook inside). Unzip it and load the CSV or .xlsx file it holds, or export your data as .xlsx or CSV.');
  }
  wbPath = wbEntry.name;
  const folder = wbPath.includes('/') ? wbPath.slice(0, wbPath.lastIndexOf('/')) : '';
  const relsPath = (folder ? folder + '/' : '') + '_rels/' + wbPath.slice(wbPath.lastIndexOf('/') + 1) + '.rels';
  const rels = readRels(zip, relsPath);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const xml = zip.text(wbEntry);

  const pr = elements(xml, 'workbookPr')[0];
  const d1904 = pr ? attr(pr.tag, 'date1904') : undefined;
  const date1904 = d1904 === '1' || d1904 === 'true';

  const sheets: SheetInfo[] = elements(xml, 'sheet').map((s) => {
    const rel = byId.get(attr(s.tag, 'id') ?? '');
    const type = rel?.type ?? '';
    const kind: SheetInfo['kind'] = type === 'worksheet' ? 'worksheet' : type === 'chartsheet' ? 'chartsheet' : rel ? 'other' : 'worksheet';
    const entry = rel ? zip.get(resolve(folder, rel.target)) : undefined;
    const state = attr(s.tag, 'state');
    return { name: attr(s.tag, 'name') ?? '', kind, hidden: state === 'hidden' || state === 'veryHidden', entry };
  });

  const stylesRel = rels.find((r) => r.type === 'styles');
  const stylesEntry = stylesRel ? zip.get(resolve(folder, stylesRel.target)) : zip.get(folder + '/styles.xml');
  const styleKinds = stylesEntry ? readStyles(zip.text(stylesEntry)) : [];

  const ssRel = rels.find((r) => r.type === 'sharedStrings');
  const ssEntry = ssRel ? zip.get(resolve(folder, ssRel.target)) : zip.get(folder + '/sharedStrings.xml');
  let shared: string[] | undefined;
  const sharedStrings = () => (shared ??= ssEntry ? readSharedStrings(zip, ssEntry) : []);
  const preloadSharedStrings = async () => {
    if (shared || !ssEntry) return;
    const s = sharedStringsSink();
    await zip.streamAsync(ssEntry, s.push);
    shared = s.end();
  };

  return { sheets, date1904, styleKinds, sharedStrings, preloadSharedStrings };
}

/** For each cellXfs entry, how its number format shows numbers (custom codes from <numFmts>, else built-in ids). */
export function readStyles(xml: string): FormatKind[] {
  const codes = new Map<number, string>();
  for (const f of elements(xml, 'numFmt')) {
    const id = Number(attr(f.tag, 'numFmtId'));
    const code = attr(f.tag, 'formatCode');
    if (Number.isFinite(id) && code !== undefined) codes.set(id, code);
  }
  const xfs = elements(xml, 'cellXfs')[0];
  if (!xfs) return [];
  const kinds: FormatKind[] = [];
  const cache = new Map<number, FormatKind>();
  // <xf> may be self-closing or hold <alignment/>; walk the start tags only
  let p = 0;
  const inner = xfs.inner;
  for (;;) {
    const lt = inner.indexOf('<', p);
    if (lt < 0) break;
    const gt = inner.indexOf('>', lt);
    if (gt < 0) break;
    if (tagName(inner, lt) === 'xf') {
      const id = Number(attr(inner.slice(lt, gt + 1), 'numFmtId') ?? 0);
      let k = cache.get(id);
      if (k === undefined) cache.set(id, (k = formatKind(id, codes.get(id))));
      kinds.push(k);
    }
    p = gt + 1;
  }
  return kinds;
}

/** The shared string table: each <si> as its text (rich-text runs joined, phonetic runs left out). */
export function readSharedStrings(zip: ZipReader, entry: ZipEntry): string[] {
  const s = sharedStringsSink();
  zip.stream(entry, s.push);
  return s.end();
}

/** Collects <si> items from inflated chunks of sharedStrings.xml. */
function sharedStringsSink(): { push: (chunk: Uint8Array) => void; end: () => string[] } {
  const out: string[] = [];
  const dec = new TextDecoder('utf-8');
  let buf = '';
  let nextTake = 1 << 20; // doubles while one item stays incomplete, so a giant item costs no quadratic rescans
  const take = (final: boolean) => {
    let p = 0;
    for (;;) {
      const open = buf.indexOf('<', p);
      if (open < 0) break;
      const gt = buf.indexOf('>', open);
      if (gt < 0) break;
      const name = tagName(buf, open);
      if (name !== 'si') {
        p = gt + 1;
        continue;
      }
      if (buf.charCodeAt(gt - 1) === 47) {
        out.push('');
        p = gt + 1;
        continue;
      }
      // the closing </si> (or </x:si>)
      let q = gt + 1;
      let closeLt = -1;
      let closeGt = -1;
      for (;;) {
        const l2 = buf.indexOf('</', q);
        if (l2 < 0) break;
        const g2 = buf.indexOf('>', l2);
        if (g2 < 0) break;
        if (tagName(buf, l2) === '/si') {
          closeLt = l2;
          closeGt = g2;
          break;
        }
        q = g2 + 1;
      }
      if (closeLt < 0) {
        p = open;
        break;
      }
      out.push(detach(stringItemText(buf.slice(gt + 1, closeLt))));
      p = closeGt + 1;
    }
    buf = final ? '' : buf.slice(p);
  };
  return {
    push(chunk: Uint8Array) {
      buf += dec.decode(chunk, { stream: true });
      if (buf.length <= nextTake) return;
      take(false);
      nextTake = Math.max(1 << 20, buf.length * 2);
    },
    end() {
      buf += dec.decode();
      take(true);
      return out;
    },
  };
}
