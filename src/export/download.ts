// Saving something the page computed as a file (CSV, PNG, SVG, JSON), without a server.

/** Triggers a download of a Blob under a file name. */
export function downloadBlob(name: string, blob: Blob): void {
  downloadUrl(name, URL.createObjectURL(blob), true);
}

/** Triggers a download of a URL (data: or blob:); revokes blob URLs it was given ownership of. */
export function downloadUrl(name: string, url: string, revoke = false): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (revoke) setTimeout(() => URL.revokeObjectURL(url), 2000);
}

/** A file-name-safe slug of a title ("Top 10 customers" → "top-10-customers"). */
export function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'export';
}
