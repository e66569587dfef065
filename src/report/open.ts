// Getting a saved report.json into the page: from dropped or chosen files (a report is told
// from a data file by its first characters) or from an address (?report=<url>).
import { looksLikeReport, MAX_REPORT_BYTES, parseSavedReport, tooLarge, type SavedReportResult } from './saved';

/** The report among the files, or null when they are data to analyse (several files, or not a report). */
export async function reportFromFiles(files: readonly File[]): Promise<SavedReportResult | null> {
  if (files.length !== 1) return null;
  const file = files[0] as File;
  const head = await file.slice(0, 4096).text();
  if (!looksLikeReport(head)) return null;
  if (file.size > MAX_REPORT_BYTES) return tooLarge(file.size);
  return parseSavedReport(await file.text());
}

/** Downloads and reads a report from an address already allowed (same site, or agreed to). */
export async function reportFromUrl(url: string, signal?: AbortSignal): Promise<SavedReportResult> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', ...(signal ? { signal } : {}) });
  } catch {
    return { ok: false, title: 'The report could not be downloaded', message: `Nothing came back from ${url}: check the address and your connection, or download the file and drop it here.` };
  }
  if (!res.ok) return { ok: false, title: 'The report could not be downloaded', message: `The server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''} for ${url}. Check the address, or download the file and drop it here.` };
  // many servers answer a missing file with their home page (status 200)
  if ((res.headers.get('content-type') ?? '').includes('text/html')) {
    return { ok: false, title: 'The address did not give a report', message: `${url} answered with a web page, not a report.json: the file may not exist there. Check the address, or download the file and drop it here.` };
  }
  const size = Number(res.headers.get('content-length') ?? 0);
  if (size > MAX_REPORT_BYTES) return tooLarge(size);
  return parseSavedReport(await res.text());
}
