// A file the loader refuses, with words for the user: what is wrong and what to do.

/** A way to go on that the user may choose (e.g. analyse the rows of a file that ends early). */
export interface RetryChoice {
  /** The button's words: "Analyse the 2,731 rows anyway". */
  label: string;
  /** The file (index among the sources) the choice applies to. */
  index: number;
  /** The reading option it sets. */
  option: 'allowTruncated';
}

/** Thrown by readers when a file cannot be read; `title` names the problem, the message says what to do. */
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
