// ?data=<url>: the one feature that can reach another host. A same-origin address loads at
// once; another origin is loaded only after the user agrees; anything but http(s) is refused.
// A fetch the page's Content-Security-Policy blocks is named in words (blockedMessage).

/** What to do with a ?data= address. */
export type DataSource =
  | { kind: 'same-origin'; url: string }
  | { kind: 'ask'; url: string; host: string; origin: string }
  | { kind: 'refuse'; reason: string };

/** Decides how a ?data= address is opened, relative to the page's own address. */
export function dataSourceDecision(raw: string, pageHref: string): DataSource {
  let u: URL;
  let page: URL;
  try {
    page = new URL(pageHref);
    u = new URL(raw.trim(), page);
  } catch {
    return { kind: 'refuse', reason: `“${raw}” is not a web address.` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return { kind: 'refuse', reason: `Only http and https addresses can be opened with ?data= (this one starts with ${u.protocol}).` };
  }
  if (u.username || u.password) return { kind: 'refuse', reason: 'Addresses with a user name or password are not opened.' };
  if (u.origin === page.origin) return { kind: 'same-origin', url: u.href };
  return { kind: 'ask', url: u.href, host: u.host, origin: u.origin };
}

/** The message for a fetch that this page's Content-Security-Policy blocked. */
export function blockedMessage(origin: string): { title: string; message: string } {
  const host = new URL(origin).host;
  return {
    title: `This site does not allow loading data from ${host}`,
    message:
      `The page's security policy only lets it download from its own address, so the browser stopped the request to ${host}. ` +
      `Download the file and open it here instead, or ask whoever runs this site to add ${origin} to connect-src in its Content-Security-Policy.`,
  };
}

/** True when a securitypolicyviolation's blocked URI belongs to the given origin. */
export function violationFor(blockedURI: string, origin: string): boolean {
  if (!blockedURI) return false;
  try {
    return new URL(blockedURI).origin === origin;
  } catch {
    // Chrome reports only the origin for cross-origin blocks; some browsers a bare scheme+host
    return blockedURI === origin || blockedURI.startsWith(`${origin}/`);
  }
}
