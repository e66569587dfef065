// What the loader had to guess or leave out, as short sentences: the notice above every tab
// and the "How the file was read" panel both use these (one wording for both).
import { fmtInt } from '../../format';
import type { ReadReport } from '../../pipeline/read/load';
import type { ColumnProfile, Mapping } from '../../mapping/detect';
import { nameScores, type Role } from '../../mapping/roles';

const KEY_ROLES: { role: Role; words: string; lacks: string }[] = [
  { role: 'date', words: 'a date', lacks: 'trends, cohorts, forecasts and lifetime value are off' },
  { role: 'amount', words: 'an amount', lacks: 'revenue is not computed from it' },
  { role: 'unit_price', words: 'a price', lacks: 'revenue is not computed from it' },
  { role: 'quantity', words: 'a quantity', lacks: 'items are not counted from it' },
];

/** Columns named like a date, amount, price or quantity whose values are not: say so, with examples. */
export function unreadableKeyColumns(m: Mapping | null, columns: readonly ColumnProfile[] = []): string[] {
  if (!m) return [];
  const out: string[] = [];
  for (const k of KEY_ROLES) {
    if (m.columns.some((c) => c.role === k.role)) continue;
    const named = m.columns.find((c) => (nameScores(c.name).get(k.role) ?? 0) >= 80 && c.kind !== 'empty');
    if (!named) continue;
    const examples = [...new Set(columns.find((p) => p.name === named.name)?.samples.filter((v) => v.trim()) ?? [])].slice(0, 3);
    out.push(`“${named.name}” is named like ${k.words}, but its values (${examples.map((v) => `“${v.slice(0, 24)}”`).join(', ')}) do not read as one, so ${k.lacks}`);
  }
  return out;
}

/** The points a user should check, one sentence each (empty when the files were read without guesses). */
export function readWarnings(r: ReadReport | null, m: Mapping | null = null, columns: readonly ColumnProfile[] = []): string[] {
  const out: string[] = unreadableKeyColumns(m, columns);
  if (m?.date?.family === 'numeric' && m.date.ambiguous) out.push(`no day above 12 in the dates, so they are read ${m.date.order === 'dmy' ? 'day-first (D/M)' : 'month-first (M/D)'}`);
  for (const c of m?.columns ?? []) if (c.numberReading?.ambiguous && c.role !== 'ignore') out.push(`the decimal separator of “${c.name}” is a guess (${c.numberReading.label})`);
  if (!r) return out;
  const many = r.sources.length > 1;
  for (const s of r.sources) {
    const of = many ? ` in “${s.name}”` : '';
    const unit = s.format === 'xlsx' ? 'row' : 'line';
    const above = s.skipped.filter((k) => s.headerRow === undefined || k.line < s.headerRow);
    const below = s.skipped.filter((k) => s.headerRow !== undefined && k.line > s.headerRow);
    if (above.length) out.push(`${fmtInt(above.length)} ${unit}${above.length === 1 ? '' : 's'} above the header skipped${of}`);
    if (below.length) out.push(`${fmtInt(below.length)} total or footer ${unit}${below.length === 1 ? '' : 's'} below the data left out${of}`);
    if (s.truncated) out.push(`“${s.name}” ends early: only the ${fmtInt(s.rows)} rows it holds are analysed`);
    if (s.sheets && s.sheets.filter((x) => x.rows > 0).length > 1) out.push(`sheet “${s.sheet}” of ${s.sheets.length} read${of}`);
    for (const n of s.notes) if (/^(Header row|Encoding|Delimiter|Sheet)$/.test(n.topic) && /guess|uncertain|assumed/i.test(n.why)) out.push(`${n.topic.toLowerCase()}: ${n.decision}${of}`);
  }
  if (r.rejected) out.push(`${fmtInt(r.rejected)} row${r.rejected === 1 ? '' : 's'} with the wrong number of fields kept out`);
  if (r.unmatched.length) out.push(`${fmtInt(r.unmatched.length)} column${r.unmatched.length === 1 ? '' : 's'} not in every file`);
  return out;
}
