/** HTTP-level defences applied to every response and every state-changing request. */
import type { NextFunction, Request, Response } from 'express';
import { config } from '../app/config.server';
import { createTranslator } from '../app/lib/i18n';

function publicOrigin(): string | null {
  return config().publicUrl?.origin ?? null;
}

function isSecure(req: Request): boolean {
  return req.secure || publicOrigin()?.startsWith('https:') === true;
}

/** The basemap's tile server, which maps load their tiles from (MAP_TILE_URL), or nothing. */
function tileOrigin(): string {
  const template = config().mapTileUrl;
  if (!template) return '';
  try {
    return ` ${new URL(template.replace(/[{}]/g, '')).origin}`;
  } catch {
    return '';
  }
}

/**
 * The pages' Content-Security-Policy. Inline scripts run only with the response's nonce, or (for a
 * page sent from the page cache) when their SHA-256 is one of the listed hashes.
 */
export function contentSecurityPolicy(scripts: { nonce: string } | { hashes: readonly string[] }): string {
  const allowed = 'nonce' in scripts ? `'nonce-${scripts.nonce}'` : scripts.hashes.map((hash) => `'sha256-${hash}'`).join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' ${allowed}`.trim(),
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' data:${tileOrigin()}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function securityHeaders({ isDev }: { isDev: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = String(res.locals.cspNonce ?? '');
    // Vite's dev server injects inline scripts for hot reload, so the CSP is production-only.
    if (!isDev) res.setHeader('Content-Security-Policy', contentSecurityPolicy({ nonce }));
    if (!isDev && isSecure(req)) {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests from other sites (CSRF). Browsers send Origin on every POST;
 * when it is missing (old browsers, some privacy modes) the Referer is checked instead. Requests
 * with neither come from non-browser clients, which cannot ride on a visitor's cookies.
 */
export function checkOrigin() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // A token in Authorization is no ambient credential: a cross-site page cannot make the browser
    // attach it, so CKAN clients (also browser-based ones) may call from anywhere.
    if (req.get('authorization') && !req.get('cookie')) return next();
    // One-click unsubscribe (RFC 8058) is POSTed by mail providers from anywhere; the signed link
    // is the credential and no session is used, so there is nothing to forge.
    if (req.path === '/unsubscribe') return next();
    const expected = publicOrigin() ?? `${req.protocol}://${req.get('host') ?? ''}`;
    const origin = req.get('origin');
    const referer = req.get('referer');
    let claimed: string | null = null;
    if (origin !== undefined) {
      claimed = origin;
    } else if (referer) {
      try {
        claimed = new URL(referer).origin;
      } catch {
        claimed = 'invalid';
      }
    }
    const crossSite = req.get('sec-fetch-site') === 'cross-site';
    if ((claimed !== null && claimed !== expected) || crossSite) {
      // Before Remix, so no page language is known yet: both languages.
      res.status(403).type('text/plain; charset=utf-8').send(`${createTranslator('en')('security.crossSiteRefused')} / ${createTranslator('zh-CN')('security.crossSiteRefused')}`);
      return;
    }
    next();
  };
}

/** Lets other sites read the public APIs from the browser; writes need a token, never cookies. */
export function apiCors() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/') || req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
  };
}

/** Unread bodies up to this size are read and discarded so the client can finish sending. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * When the app answers before reading the whole request body (a refused upload, a 404 for an
 * upload to someone else's dataset), a small body is read and discarded so the client finishes
 * sending and gets the answer; after a large one the connection is closed rather than reused.
 */
export function closeConnectionsWithUnreadBodies() {
  return (req: Request, res: Response, next: NextFunction) => {
    const writeHead = res.writeHead;
    res.writeHead = function patchedWriteHead(this: Response, ...args: Parameters<Response['writeHead']>) {
      if (!req.complete) {
        const announced = Number(req.headers['content-length']);
        if (Number.isFinite(announced) && announced <= DRAIN_LIMIT_BYTES) req.resume();
        else res.setHeader('Connection', 'close');
      }
      return writeHead.apply(this, args);
    } as Response['writeHead'];
    next();
  };
}
