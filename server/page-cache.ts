/**
 * A few seconds' memory of what anonymous visitors were sent ("microcaching", as nginx does it):
 * at national scale most page views are signed-out visitors asking for the same public pages, and
 * rendering each one again is what stalls a one-core server under load.
 *
 * Only what cannot differ between anonymous visitors is kept: GET responses with status 200, no
 * Set-Cookie, no private or no-store Cache-Control, to requests that carry no cookie but the
 * language choice. The key is the URL and the language the page is in. Any state-changing request
 * to this process empties the cache, so a visitor never sees a page older than their own change;
 * changes made elsewhere (another process, a background job, a deadline passing) show within the
 * time to live.
 *
 * A kept page is sent as it was compressed once, without rendering or compressing it again. Its
 * inline scripts cannot carry the nonce of each new response, so the render's nonce is taken out
 * and the page is sent with a Content-Security-Policy that allows exactly those scripts by their
 * SHA-256 hashes: as strict as a nonce, since no other script matches.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';

export interface CachedPage {
  status: number;
  headers: [string, string][];
  /** The body without the render's nonce. */
  body: Buffer;
  gzip: Buffer;
  /** SHA-256 (base64) of each inline script, for the page's CSP; null for what is not HTML. */
  scriptHashes: string[] | null;
  bytes: number;
  expires: number;
}

const MAX_BODY_BYTES = 1024 * 1024;
const HEADERS_NOT_KEPT = new Set(['content-length', 'content-encoding', 'date', 'transfer-encoding', 'connection', 'vary', 'content-security-policy']);

/** The language cookie is the only one an anonymous page may depend on. */
const ANONYMOUS_COOKIE = /^\s*jdz_lang=[^;]*\s*$/;

export function isAnonymousRequest(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return true;
  return cookieHeader.split(';').every((part) => part.trim() === '' || ANONYMOUS_COOKIE.test(part));
}

/** The text of every inline script (a script element without `src`), as a browser hashes it. */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/i.test(match[1] ?? '')) scripts.push(match[2] ?? '');
  }
  return scripts;
}

export function scriptHash(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('base64');
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private totalBytes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxBytes: number = 32 * 1024 * 1024,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(key: string, now = Date.now()): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.remove(key, entry);
      return undefined;
    }
    return entry;
  }

  /** Whether a response may be kept at all (before its body is read). */
  static isCacheable(response: Response): boolean {
    if (response.status !== 200 || response.headers.has('set-cookie')) return false;
    const cacheControl = response.headers.get('cache-control') ?? '';
    if (/private|no-store|no-cache/i.test(cacheControl)) return false;
    const type = response.headers.get('content-type') ?? '';
    if (!/^(text\/html|text\/x-script|application\/json|application\/ld\+json)/i.test(type)) return false;
    const length = Number(response.headers.get('content-length') ?? 0);
    return length <= MAX_BODY_BYTES;
  }

  put(key: string, page: { status: number; headers: Headers; body: string; nonce: string }, now = Date.now()): void {
    if (!this.enabled) return;
    const html = /^text\/html/i.test(page.headers.get('content-type') ?? '');
    const text = html && page.nonce ? page.body.replaceAll(` nonce="${page.nonce}"`, '') : page.body;
    const body = Buffer.from(text, 'utf8');
    if (body.length > MAX_BODY_BYTES) return;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    const gzip = zlib.gzipSync(body);
    const headers = [...page.headers.entries()].filter(([name]) => !HEADERS_NOT_KEPT.has(name.toLowerCase()));
    const scriptHashes = html ? [...new Set(inlineScripts(text).map(scriptHash))] : null;
    const bytes = body.length + gzip.length;
    this.entries.set(key, { status: page.status, headers, body, gzip, scriptHashes, bytes, expires: now + this.ttlMs });
    this.totalBytes += bytes;
    // Oldest first out, until the cache fits again.
    for (const [oldKey, old] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.remove(oldKey, old);
    }
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(key: string, entry: CachedPage): void {
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }
}
