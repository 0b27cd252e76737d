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
 * Every page carries a fresh CSP nonce: the nonce of the render is replaced by a marker when the
 * page is kept, and the marker by the current request's nonce when it is sent again.
 */
import crypto from 'node:crypto';

export interface CachedPage {
  status: number;
  headers: [string, string][];
  /** The body with NONCE_MARKER where the render's nonce was. */
  body: string;
  bytes: number;
  expires: number;
}

const NONCE_MARKER = `jdz-nonce-${crypto.randomBytes(12).toString('hex')}`;
const MAX_BODY_BYTES = 1024 * 1024;
const HEADERS_NOT_KEPT = new Set(['content-length', 'content-encoding', 'date', 'transfer-encoding', 'connection', 'vary']);

/** The language cookie is the only one an anonymous page may depend on. */
const ANONYMOUS_COOKIE = /^\s*jdz_lang=[^;]*\s*$/;

export function isAnonymousRequest(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return true;
  return cookieHeader.split(';').every((part) => part.trim() === '' || ANONYMOUS_COOKIE.test(part));
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

  /** A kept page for this key, with the nonce of the request it is now sent for. */
  get(key: string, nonce: string, now = Date.now()): { status: number; headers: [string, string][]; body: string } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.remove(key, entry);
      return undefined;
    }
    return { status: entry.status, headers: entry.headers, body: entry.body.replaceAll(NONCE_MARKER, nonce) };
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
    const bytes = Buffer.byteLength(page.body);
    if (bytes > MAX_BODY_BYTES) return;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    const headers = [...page.headers.entries()].filter(([name]) => !HEADERS_NOT_KEPT.has(name.toLowerCase()));
    const body = page.nonce ? page.body.replaceAll(page.nonce, NONCE_MARKER) : page.body;
    this.entries.set(key, { status: page.status, headers, body, bytes, expires: now + this.ttlMs });
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
