// A file the loader will not read, with the words the user sees: a short title naming the
// problem and a message saying what to do. Thrown by the JS readers (Excel, Parquet, JSON) and
// caught by the loader, which shows it and keeps the previous dataset.

/** A reader's refusal: `title` names the problem ("Password-protected workbook"), `message` says what to do. */
export class ReadRefusal extends Error {
  readonly title: string;
  constructor(title: string, message: string) {
    super(message);
    this.name = 'ReadRefusal';
    this.title = title;
  }
}

/** True for a ReadRefusal, also after it crossed a worker boundary flattened to {name, title, message}. */
export function isReadRefusal(e: unknown): e is ReadRefusal {
  return (
    e instanceof ReadRefusal ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ReadRefusal' && typeof (e as { title?: unknown }).title === 'string')
  );
}
