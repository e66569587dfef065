// The words a failed load shows the user (the page's banner and the command line's stderr):
// what went wrong and what to do. Pure: no engine, no Svelte.
import { DatasetError } from './dataset';
import { ReadRefusal } from './read/refusal';
import { isOutOfMemory } from './memory';

/** A message for the user: what went wrong and what they can do. */
export interface UserMessage {
  title: string;
  message: string;
}

/** A reader failure that is not a refusal, in words for the user (`name` is the file or files shown). */
export function readError(e: unknown, name: string): DatasetError {
  const msg = e instanceof Error ? e.message : String(e);
  if (isOutOfMemory(msg)) return outOfMemory(name);
  if (/empty|no data|0 bytes/i.test(msg)) return new DatasetError('The file is empty', `“${name}” holds no rows. Export the data again and load the new file.`);
  if (/unicode|utf/i.test(msg)) return new DatasetError('This is not a readable text file', `“${name}” is not valid text in UTF-8, UTF-16 or Windows-1252. Save it as CSV (UTF-8) from your spreadsheet program and load that.`);
  const first = msg.split('\n')[0]?.slice(0, 300) ?? msg;
  return new DatasetError('This file could not be read', `The reader stopped with: ${first}. Check that “${name}” is a comma-, semicolon-, tab- or pipe-separated file with a header row, an Excel workbook, Parquet or JSON.`);
}

/** The out-of-memory message of the page. */
export function outOfMemory(name: string): DatasetError {
  return new DatasetError(
    'Not enough memory for this data',
    `The browser ran out of memory while working on ${name ? `“${name}”` : 'the data'} (a tab gets at most 4 GB for the database). Close other tabs and try again, or load a smaller file (for example one year of it).`,
  );
}

/** Anything a load threw, as a message for the user. */
export function toUserMessage(e: unknown): UserMessage {
  if (e instanceof DatasetError || e instanceof ReadRefusal) return { title: e.title, message: e.message };
  if (e instanceof Error && e.name === 'DatasetError') return { title: 'This file could not be used', message: e.message };
  const msg = e instanceof Error ? e.message : String(e);
  if (isOutOfMemory(msg)) {
    const oom = outOfMemory('');
    return { title: oom.title, message: oom.message };
  }
  return { title: 'Something went wrong', message: msg.split('\n')[0] ?? msg };
}
