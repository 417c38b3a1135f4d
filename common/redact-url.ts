// Presigned URLs carry credentials in their query string (and a URL may carry user:password), so
// a URL that ends up in a status, a log line or a job record keeps only its origin and path.

/** The URL's origin and path; '' when it is not a URL. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '';
  }
}
