// A file the loader will not read, with the words the user sees: a short title naming the
// problem and a message saying what to do. Thrown by the readers and caught by the loader,
// which shows it and keeps the previous dataset.

/** A way to go on that the user may choose (e.g. analyse the rows of a file that ends early). */
export interface RetryChoice {
  /** The button's words: "Analyse the 2,731 rows anyway". */
  label: string;
  /** The file (index among the sources) the choice applies to. */
  index: number;
  /** The reading option it sets. */
  option: 'allowTruncated' | 'sampleEvery';
  /** The value it sets (true when absent): N of a customer sample. */
  value?: number;
}

/** The choice of reading every purchase of 1 in `every` customers of file `index` (a CSV too large to analyse whole). */
export function sampleChoice(every: number, index = 0): RetryChoice {
  return { label: `Analyse a sample of 1 in ${every} customers`, index, option: 'sampleEvery', value: every };
}

/** What that choice means, in the words of every message that offers it. */
export function sampleOffer(every: number): string {
  return `You can analyse every purchase of 1 in ${every} customers instead: figures per customer stay exact, and totals are scaled up with a 95% range.`;
}

/** A reader's refusal: `title` names the problem ("Password-protected workbook"), `message` says what to do. */
export class ReadRefusal extends Error {
  override name = 'ReadRefusal';
  constructor(
    readonly title: string,
    message: string,
    readonly retry?: RetryChoice,
  ) {
    super(message);
  }
}

/** True for a ReadRefusal, also after it crossed a worker boundary flattened to {name, title, message}. */
export function isReadRefusal(e: unknown): e is ReadRefusal {
  return (
    e instanceof ReadRefusal ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ReadRefusal' && typeof (e as { title?: unknown }).title === 'string')
  );
}
