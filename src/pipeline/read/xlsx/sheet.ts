// The hot path: one worksheet's XML, streamed in inflated chunks and scanned with indexOf (no
// DOM, no object per cell), into column stores: per column a value array (number, string,
// boolean or null) and a kind byte per row (number, date, time, text, …). Only rows holding a
// value are kept, each with its row number in the sheet (for "row 4" messages).
import { serialToEpochMs, isoToEpochMs, type FormatKind } from './dates';
import { stringItemText, decodeText, attr, TextPool } from './xml';
import type { ZipEntry, ZipReader } from './zip';

/** What a stored cell holds; the value array holds epoch ms for DATE and TIME. */
export const Kind = {
  EMPTY: 0,
  NUMBER: 1,
  DATE: 2,
  /** A time of day only (serial below 1 in a time format): epoch ms within 1970-01-01. */
  TIME: 3,
  TEXT: 4,
  BOOL: 5,
} as const;
/** One of the Kind codes. */
export type Kind = (typeof Kind)[keyof typeof Kind];

/**
 * One column of a sheet, for stored row i: kinds[i], and the value in nums[i] (NUMBER, DATE, TIME: no
 * boxed number per cell) or in strs[i] (TEXT, BOOL; allocated when the column first holds one).
 */
export interface ColumnStore {
  kinds: Uint8Array;
  nums: Float64Array;
  strs: (string | boolean | undefined)[] | undefined;
}

/** The value of stored row i of a column (epoch ms for dates and times), null when empty. */
export function valueAt(cs: ColumnStore, i: number): string | number | boolean | null {
  const k = i < cs.kinds.length ? cs.kinds[i] : 0;
  if (k === 0) return null;
  if (k === Kind.TEXT || k === Kind.BOOL) return cs.strs?.[i] ?? null;
  return cs.nums[i];
}

/** A parsed sheet: stored (non-blank) rows, their sheet row numbers, columns by 0-based index, merged ranges. */
export interface SheetCells {
  rows: number;
  rowNumbers: number[];
  cols: (ColumnStore | undefined)[];
  merges: string[];
  /** Error cells (#N/A, #DIV/0! …), read as empty. */
  errors: number;
  /** Cells beyond Excel's last column (XFD), ignored. */
  outOfRange: number;
  /** Rows that had cells but no value (formatting only). */
  blankRows: number;
  /** Formula cells without a saved result (written by a program that does not calculate), read as empty. */
  noResult: number;
}

/** Size of a sheet's table without keeping its cells: rows with a value and the span of used columns. */
export interface SheetSize {
  rows: number;
  minCol: number;
  maxCol: number;
}

export interface SheetContext {
  shared: () => string[];
  styleKinds: FormatKind[];
  date1904: boolean;
}

const MAX_COLS = 16_384;
const MS_PER_DAY = 86_400_000;

/** Reads a worksheet part into column stores. */
export function readSheet(zip: ZipReader, entry: ZipEntry, ctx: SheetContext): SheetCells {
  const p = new SheetParser(ctx, false);
  const f = feeder(p);
  zip.stream(entry, f.push);
  f.end();
  return p.result();
}

/** readSheet with the native inflater where there is one (a browser worker). */
export async function readSheetAsync(zip: ZipReader, entry: ZipEntry, ctx: SheetContext): Promise<SheetCells> {
  const p = new SheetParser(ctx, false);
  const f = feeder(p);
  await zip.streamAsync(entry, f.push);
  f.end();
  return p.result();
}

const NO_CONTEXT: SheetContext = { shared: () => [], styleKinds: [], date1904: false };

/** Measures a worksheet part (rows with a value × used columns) without storing its cells. */
export function measureSheet(zip: ZipReader, entry: ZipEntry): SheetSize {
  const p = new SheetParser(NO_CONTEXT, true);
  const f = feeder(p);
  zip.stream(entry, f.push);
  f.end();
  return { rows: p.rows, minCol: p.minCol, maxCol: p.maxCol };
}

/** measureSheet with the native inflater where there is one. */
export async function measureSheetAsync(zip: ZipReader, entry: ZipEntry): Promise<SheetSize> {
  const p = new SheetParser(NO_CONTEXT, true);
  const f = feeder(p);
  await zip.streamAsync(entry, f.push);
  f.end();
  return { rows: p.rows, minCol: p.minCol, maxCol: p.maxCol };
}

/**
 * Inflated bytes gather until a few MB, are cut after the last complete </row> (an ASCII '>', so
 * never inside a UTF-8 sequence), decoded in one go and scanned; the tail waits for the next chunk.
 */
function feeder(parser: SheetParser): { push: (chunk: Uint8Array) => void; end: () => void } {
  const dec = new TextDecoder('utf-8');
  let pending: Uint8Array[] = [];
  let pendingLen = 0;
  let nextTry = 1 << 22; // retried only after the pending bytes doubled, so one giant row costs no quadratic copying
  const joined = (): Uint8Array => {
    if (pending.length === 1) return pending[0];
    const all = new Uint8Array(pendingLen);
    let o = 0;
    for (const c of pending) {
      all.set(c, o);
      o += c.length;
    }
    return all;
  };
  return {
    push(chunk: Uint8Array) {
      pending.push(chunk);
      pendingLen += chunk.length;
      if (pendingLen < nextTry) return;
      const buf = joined();
      const cut = lastRowEnd(buf);
      if (cut < 0) {
        pending = [buf];
        nextTry = pendingLen * 2;
        return;
      }
      const text = dec.decode(buf.subarray(0, cut));
      parser.scan(text, text.length);
      pending = [buf.slice(cut)];
      pendingLen = pending[0].length;
      nextTry = pendingLen + (1 << 22);
    },
    end() {
      const text = pending.length ? dec.decode(joined()) : '';
      pending = [];
      parser.scan(text, text.length);
    },
  };
}

/** Index just after the last complete end tag of a row (</row> or </x:row>) in UTF-8 bytes, or -1. */
function lastRowEnd(b: Uint8Array): number {
  for (let i = b.length - 1; i >= 5; i--) {
    // '>' 'w' 'o' 'r'
    if (b[i] !== 62 || b[i - 1] !== 119 || b[i - 2] !== 111 || b[i - 3] !== 114) continue;
    const before = b[i - 4];
    if (before === 47 && b[i - 5] === 60) return i + 1;
    if (before === 58) {
      let k = i - 5;
      while (k > 0 && b[k] !== 60 && b[k] !== 62 && b[k] !== 32) k--;
      if (b[k] === 60 && b[k + 1] === 47) return i + 1;
    }
  }
  return -1;
}

class SheetParser {
  rows = 0;
  rowNumbers: number[] = [];
  cols: (ColumnStore | undefined)[] = [];
  merges: string[] = [];
  errors = 0;
  outOfRange = 0;
  blankRows = 0;
  noResult = 0;
  minCol = Infinity;
  maxCol = -1;
  private rowNum = 0;
  private rowHasValue = false;
  private rowHadCells = false;
  private inRow = false;
  private sharedCache: string[] | undefined;
  private readonly pool = new TextPool();

  constructor(
    private readonly ctx: SheetContext,
    private readonly measure: boolean,
  ) {}

  result(): SheetCells {
    return { rows: this.rows, rowNumbers: this.rowNumbers, cols: this.cols, merges: this.merges, errors: this.errors, outOfRange: this.outOfRange, blankRows: this.blankRows, noResult: this.noResult };
  }

  private endRow(): void {
    if (!this.inRow) return;
    this.inRow = false;
    if (this.rowHasValue) {
      this.rowNumbers.push(this.rowNum);
      this.rows++;
    } else if (this.rowHadCells) this.blankRows++;
  }

  private column(col: number): ColumnStore {
    const i = this.rows;
    let cs = this.cols[col];
    if (!cs) {
      const cap = Math.max(64, i + 1); // small first: a sheet may have 16,384 columns
      cs = this.cols[col] = { kinds: new Uint8Array(cap), nums: new Float64Array(cap), strs: undefined };
    } else if (i >= cs.kinds.length) {
      const cap = Math.max(i + 1, cs.kinds.length * 2);
      const k = new Uint8Array(cap);
      k.set(cs.kinds);
      const n = new Float64Array(cap);
      n.set(cs.nums);
      cs.kinds = k;
      cs.nums = n;
    }
    return cs;
  }

  private mark(col: number): boolean {
    this.rowHasValue = true;
    if (col < this.minCol) this.minCol = col;
    if (col > this.maxCol) this.maxCol = col;
    return !this.measure;
  }

  private putNum(col: number, value: number, kind: Kind): void {
    if (!this.mark(col)) return;
    const cs = this.column(col);
    cs.kinds[this.rows] = kind;
    cs.nums[this.rows] = value;
  }

  private put(col: number, value: string | boolean | null, kind: Kind): void {
    if (!this.mark(col)) return;
    const cs = this.column(col);
    const i = this.rows;
    cs.kinds[i] = kind;
    const strs = (cs.strs ??= []);
    while (strs.length < i) strs.push(undefined);
    if (strs.length === i) strs.push(value ?? undefined);
    else strs[i] = value ?? undefined;
  }

  /** Scans s[0, end): rows, cells and merged ranges; every element that starts before `end` ends before it. */
  scan(s: string, end: number): void {
    let p = 0;
    let col = -1;
    for (;;) {
      const lt = s.indexOf('<', p);
      if (lt < 0 || lt >= end) return;
      let q = lt + 1;
      const close = s.charCodeAt(q) === 47;
      if (close) q++;
      let ls = q;
      let ch = s.charCodeAt(q);
      while (!(ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13 || q >= end)) {
        if (ch === 58) ls = q + 1;
        ch = s.charCodeAt(++q);
      }
      const len = q - ls;
      const c0 = s.charCodeAt(ls);
      if (close) {
        if (len === 3 && c0 === 114 && s.charCodeAt(ls + 1) === 111 && s.charCodeAt(ls + 2) === 119) this.endRow();
        p = q;
        continue;
      }
      const gt = s.indexOf('>', q);
      if (gt < 0) return;
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      if (len === 3 && c0 === 114 && s.charCodeAt(ls + 1) === 111 && s.charCodeAt(ls + 2) === 119) {
        // <row r="7" …>
        this.endRow();
        const r = intAttr(s, q, gt, 114);
        this.rowNum = r > 0 ? r : this.rowNum + 1;
        this.rowHasValue = false;
        this.rowHadCells = false;
        this.inRow = !selfClosing;
        col = -1;
        p = gt + 1;
        continue;
      }
      if (len === 1 && c0 === 99) {
        // <c r="D7" s="3" t="s">
        this.rowHadCells = true;
        let refCol = -1;
        let style = -1;
        let t0 = 0;
        let tLen = 0;
        let i = q;
        while (i < gt) {
          const a = s.charCodeAt(i);
          if (a === 32 || a === 9 || a === 10 || a === 13 || a === 47) {
            i++;
            continue;
          }
          let al = i;
          while (i < gt && s.charCodeAt(i) !== 61) {
            if (s.charCodeAt(i) === 58) al = i + 1;
            i++;
          }
          const aLen = i - al;
          const an = s.charCodeAt(al);
          while (i < gt && s.charCodeAt(i) !== 34 && s.charCodeAt(i) !== 39) i++;
          const vs = i + 1;
          const ve = s.indexOf(s.charCodeAt(i) === 34 ? '"' : "'", vs);
          if (ve < 0) break;
          i = ve + 1;
          if (aLen !== 1) continue;
          if (an === 114) {
            let c = 0;
            for (let k = vs; k < ve; k++) {
              const x = s.charCodeAt(k);
              if (x >= 65 && x <= 90) c = c * 26 + (x - 64);
              else if (x >= 97 && x <= 122) c = c * 26 + (x - 96);
              else break;
            }
            refCol = c - 1;
          } else if (an === 115) {
            let n = 0;
            for (let k = vs; k < ve; k++) n = n * 10 + (s.charCodeAt(k) - 48);
            style = n;
          } else if (an === 116) {
            t0 = s.charCodeAt(vs);
            tLen = ve - vs;
          }
        }
        col = refCol >= 0 ? refCol : col + 1;
        if (selfClosing) {
          p = gt + 1;
          continue;
        }
        // children until </c>: <v>, <is>, <f> (skipped: its cached value is in <v>)
        let k = gt + 1;
        let vs = -1;
        let ve = -1;
        let isRaw: string | undefined;
        let formula = false;
        for (;;) {
          const l2 = s.indexOf('<', k);
          if (l2 < 0 || l2 >= end) {
            k = end;
            break;
          }
          let r2 = l2 + 1;
          const cl2 = s.charCodeAt(r2) === 47;
          if (cl2) r2++;
          let ls2 = r2;
          let ch2 = s.charCodeAt(r2);
          while (!(ch2 === 32 || ch2 === 62 || ch2 === 47 || ch2 === 9 || ch2 === 10 || ch2 === 13 || r2 >= end)) {
            if (ch2 === 58) ls2 = r2 + 1;
            ch2 = s.charCodeAt(++r2);
          }
          const n2 = r2 - ls2;
          const d0 = s.charCodeAt(ls2);
          const g2 = s.indexOf('>', r2);
          if (g2 < 0) {
            k = end;
            break;
          }
          if (cl2) {
            k = g2 + 1;
            if (n2 === 1 && d0 === 99) break;
            continue;
          }
          if (n2 === 1 && d0 === 102) formula = true; // <f>, also a self-closing shared-formula reference
          if (s.charCodeAt(g2 - 1) === 47) {
            k = g2 + 1;
            continue;
          }
          if (n2 === 1 && d0 === 118) {
            const e2 = s.indexOf('<', g2 + 1);
            vs = g2 + 1;
            ve = e2 < 0 ? end : e2;
            k = ve;
            // the usual ending "</v></c>": done with this cell without two more tag scans
            if (
              s.charCodeAt(ve + 1) === 47 &&
              s.charCodeAt(ve + 2) === 118 &&
              s.charCodeAt(ve + 3) === 62 &&
              s.charCodeAt(ve + 4) === 60 &&
              s.charCodeAt(ve + 5) === 47 &&
              s.charCodeAt(ve + 6) === 99 &&
              s.charCodeAt(ve + 7) === 62
            ) {
              k = ve + 8;
              break;
            }
            continue;
          }
          if (n2 === 2 && d0 === 105 && s.charCodeAt(ls2 + 1) === 115) {
            // <is> … </is>: find its end tag
            let m = g2 + 1;
            let isEnd = -1;
            for (;;) {
              const l3 = s.indexOf('</', m);
              if (l3 < 0 || l3 >= end) break;
              const g3 = s.indexOf('>', l3);
              if (g3 < 0) break;
              // </is> or </prefix:is>
              const b3 = s.charCodeAt(g3 - 3);
              if (s.charCodeAt(g3 - 1) === 115 && s.charCodeAt(g3 - 2) === 105 && (b3 === 47 || b3 === 58)) {
                isEnd = l3;
                m = g3 + 1;
                break;
              }
              m = g3 + 1;
            }
            isRaw = s.slice(g2 + 1, isEnd < 0 ? end : isEnd);
            k = isEnd < 0 ? end : m;
            continue;
          }
          k = g2 + 1;
        }
        p = k;
        if (col >= MAX_COLS) {
          if (vs >= 0 || isRaw !== undefined) this.outOfRange++;
          continue;
        }
        if (isRaw !== undefined) {
          if (this.measure) this.put(col, null, Kind.TEXT);
          else {
            const text = this.pool.get(stringItemText(isRaw));
            if (text !== '') this.put(col, text, Kind.TEXT);
          }
          continue;
        }
        if (vs < 0 || ve <= vs) {
          if (formula) this.noResult++;
          continue;
        }
        if (this.measure) {
          this.putNum(col, 0, Kind.NUMBER);
          continue;
        }
        if (tLen === 0 || (tLen === 1 && t0 === 110)) {
          this.number(col, s, vs, ve, style);
          continue;
        }
        if (tLen === 1 && t0 === 115) {
          let n = 0;
          for (let x = vs; x < ve; x++) {
            const d = s.charCodeAt(x) - 48;
            if (d >= 0 && d <= 9) n = n * 10 + d;
          }
          const shared = (this.sharedCache ??= this.ctx.shared());
          const text = shared[n];
          if (text !== undefined && text !== '') this.put(col, text, Kind.TEXT);
          continue;
        }
        const vRaw = s.slice(vs, ve);
        if (t0 === 115 || t0 === 105) {
          // t="str" (formula result) or an inlineStr whose text sits in <v>
          const text = this.pool.get(decodeText(vRaw));
          if (text !== '') this.put(col, text, Kind.TEXT);
        } else if (t0 === 98) this.put(col, vRaw === '1' || vRaw === 'true', Kind.BOOL);
        else if (t0 === 101) this.errors++;
        else if (t0 === 100) {
          const ms = isoToEpochMs(vRaw);
          if (ms === null) this.put(col, this.pool.get(decodeText(vRaw)), Kind.TEXT);
          else this.putNum(col, ms, /^\d{2}:/.test(vRaw) ? Kind.TIME : Kind.DATE);
        } else this.number(col, s, vs, ve, style);
        continue;
      }
      if (len === 9 && c0 === 109 && s.startsWith('mergeCell', ls)) {
        const ref = attr(s.slice(lt, gt + 1), 'ref');
        if (ref) this.merges.push(ref);
      }
      p = gt + 1;
    }
  }

  private number(col: number, s: string, from: number, to: number, style: number): void {
    const n = parseNumber(s, from, to);
    if (Number.isNaN(n)) {
      this.put(col, decodeText(s.slice(from, to)), Kind.TEXT);
      return;
    }
    const fk = style >= 0 ? this.ctx.styleKinds[style] : undefined;
    if (fk === 'date' || fk === 'time') {
      const ms = serialToEpochMs(n, this.ctx.date1904);
      if (ms !== null) {
        if (fk === 'time' && n < 1) this.putNum(col, Math.round(n * MS_PER_DAY), Kind.TIME);
        else this.putNum(col, ms, Kind.DATE);
        return;
      }
    }
    this.putNum(col, n, Kind.NUMBER);
  }
}

/** Integer value of a one-letter attribute (char code `name`) inside a tag s[from, to), or -1. */
function intAttr(s: string, from: number, to: number, name: number): number {
  for (let i = from; i < to; i++) {
    if (s.charCodeAt(i) === name && s.charCodeAt(i + 1) === 61) {
      const b = s.charCodeAt(i - 1);
      if (!(b === 32 || b === 9 || b === 10 || b === 13)) continue;
      let k = i + 3;
      let n = 0;
      for (; k < to; k++) {
        const d = s.charCodeAt(k) - 48;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
      }
      return n;
    }
  }
  return -1;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * The number written in s[from, to) without making a string: "-123.45" as 12345 / 10^2, which is
 * correctly rounded while the digits fit in 2^53 (one rounding of exact operands); anything else
 * (exponents, 17-digit values) goes through Number().
 */
export function parseNumber(s: string, from: number, to: number): number {
  let i = from;
  let neg = false;
  if (s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 && frac < 0) frac = i;
    else return Number(s.slice(from, to).trim());
  }
  if (digits === 0 || digits > 15) return Number(s.slice(from, to).trim());
  const scale = frac < 0 ? 0 : to - frac - 1;
  const v = scale === 0 ? m : m / POW10[scale];
  return neg ? -v : v;
}
