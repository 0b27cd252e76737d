/**
 * The site's public origin for absolute links (API responses, e-mail). PUBLIC_URL wins, since a
 * proxy may rewrite the Host header; otherwise the address the request came to. Mail written
 * outside a request (daily digests, finished imports) uses the address the server listens on.
 */
import { config } from './env.server';

// On globalThis: the server entry and the app build each load their own copy of this module.
const KEY = '__jindianziListeningOrigin';
const store = globalThis as unknown as Record<string, string | undefined>;

export function siteOrigin(request: Request): string {
  return config().publicUrl?.origin ?? new URL(request.url).origin;
}

/** Called by the server once it listens, for links written outside any request. */
export function setListeningOrigin(origin: string): void {
  store[KEY] = origin;
}

export function backgroundOrigin(): string {
  return config().publicUrl?.origin ?? store[KEY] ?? 'http://localhost:3000';
}
