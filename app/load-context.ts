/**
 * What the Express server passes to every loader and action. Declared here so both the server and
 * the routes agree on it.
 */
import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy; empty in development. */
    cspNonce: string;
    /** The client's address as Express sees it (honours TRUST_PROXY). */
    clientIp: string | null;
  }
}

export {};
