// Notation decisions that need the whole file, not one column: the decimal separator settled by
// the other number columns, amount columns with a few text cells, bare numbers as dates only in a
// date-named column, and the user's override of a guessed separator.
import { describe, expect, it } from 'vitest';
import { detectMapping, withNumberFormat, type ColumnProfile } from '../../src/mapping/detect';
import { dateLabel } from '../../src/mapping/dates';

const profile = (name: string, samples: string[]): ColumnProfile => ({ name, nonNull: samples.length, distinct: new Set(samples).size, samples });
const col = (m: ReturnType<typeof detectMapping>, name: string) => m.columns.find((c) => c.name === name)!;

describe('decimal separator across columns', () => {
  it('takes an undecided column\'s separator from the other number columns', () => {
    const m = detectMapping([profile('Menge', ['1.234', '2.500', '7', '12']), profile('Preis', ['1,50', '2,75', '12,00'])], 4);
    expect(col(m, 'Preis').numberFormat).toBe('decimal_comma');
    expect(col(m, 'Menge').numberFormat).toBe('decimal_comma');
    expect(col(m, 'Menge').numberReading).toEqual({ label: 'decimal comma (read 1.234 as 1234)', ambiguous: false, decidedBy: 'other columns' });
    expect(col(m, 'Preis').numberReading?.decidedBy).toBe('values');
  });

  it('leaves a column that nothing decides as a flagged guess, read with a decimal point', () => {
    const m = detectMapping([profile('Quantity', ['1.234', '2.500', '7']), profile('Customer', ['a', 'b', 'c'])], 3);
    expect(col(m, 'Quantity').numberFormat).toBe('plain');
    expect(col(m, 'Quantity').numberReading?.ambiguous).toBe(true);
    expect(col(m, 'Quantity').numberReading?.decidedBy).toBe('guess');
    const fixed = withNumberFormat(m, 'Quantity', 'decimal_comma');
    expect(col(fixed, 'Quantity').numberFormat).toBe('decimal_comma');
    expect(col(fixed, 'Quantity').numberReading).toEqual({ label: 'decimal comma', ambiguous: false, decidedBy: 'you' });
  });

  it('does not settle from columns that disagree', () => {
    const m = detectMapping([profile('A', ['1.234', '2.500']), profile('B', ['1,50', '2,75']), profile('C', ['1.50', '2.75'])], 2);
    expect(col(m, 'A').numberReading?.ambiguous).toBe(true);
  });
});

describe('amount columns with a few text cells', () => {
  it('stay numbers; missing markers do not count against them', () => {
    const cells = ['12.50', 'n/a', '—', '3.00', '7.25', '#N/A', '1.00', '2.00', '4.00', '5.00'];
    expect(col(detectMapping([profile('Amount', cells)], 10), 'Amount').kind).toBe('number');
    // one free-text note in ten: still an amount column by its name (the note becomes NULL, counted by cleaning)
    const noted = ['12.50', 'see note', '3.00', '7.25', '1.00', '2.00', '4.00', '5.00', '6.00', '8.00'];
    const m = detectMapping([profile('Amount', noted)], 10);
    expect(col(m, 'Amount').kind).toBe('number');
    expect(col(m, 'Amount').role).toBe('amount');
    // without a number name the same values are text
    expect(col(detectMapping([profile('Remarks', noted)], 10), 'Remarks').kind).toBe('text');
  });
});

describe('bare numbers as dates', () => {
  const epoch = ['1291191960', '1291161600', '1291200000'];
  it('only in a date-named column', () => {
    expect(col(detectMapping([profile('Phone', epoch)], 3), 'Phone').kind).toBe('number');
    const m = detectMapping([profile('created_at', epoch)], 3);
    expect(col(m, 'created_at').role).toBe('date');
    expect(m.date?.family).toBe('epoch');
    expect(dateLabel(m.date!)).toBe('Unix time in seconds');
  });
  it('Excel serials with a time of day anywhere', () => {
    const m = detectMapping([profile('When', ['40513.35', '40514.5', '40600.25'])], 3);
    expect(m.date?.family).toBe('serial');
  });
  it('a date column mixing two notations keeps both', () => {
    const m = detectMapping([profile('Order Date', ['2010-12-01', '12/13/2010', '2010-12-03', '12/14/2010'])], 4);
    expect(dateLabel(m.date!)).toBe('YYYY-MM-DD or M/D/YYYY');
  });
});
