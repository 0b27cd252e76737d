/**
 * The site's public origin for absolute links. API responses may use the address the request came
 * to. E-mail never does: a Host header is whatever the sender typed, and a reset or unsubscribe link
 * pointing at someone else's site would hand them the token. Mail links use PUBLIC_URL, or without
 * it the address the server listens on (right for the single-machine demo; deployments set PUBLIC_URL).
 */
import { config } from '~/config.server';

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

export function mailOrigin(): string {
  return config().publicUrl?.origin ?? store[KEY] ?? 'http://localhost:3000';
}
