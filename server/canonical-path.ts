/**
 * `/login/` and `/login` are one page: a trailing slash is redirected once to the path without it,
 * so links, sign-in's `redirectTo` and crawlers all see one address per page (a crawler once found
 * 27,773 URLs by following `redirectTo` values that nested at every visit of `/login/`).
 */
import type { NextFunction, Request, Response } from 'express';

/** The canonical form of a path with trailing slashes, or null when it is canonical already. */
export function canonicalPath(path: string): string | null {
  if (path.length <= 1 || !path.endsWith('/')) return null;
  // Leading slashes collapse to one, so `//example.com/` cannot become a redirect to another host.
  return `/${path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
}

export function redirectTrailingSlashes() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const target = canonicalPath(req.path);
    if (target === null) return next();
    const query = req.originalUrl.indexOf('?');
    res.redirect(301, query === -1 ? target : `${target}${req.originalUrl.slice(query)}`);
  };
}
