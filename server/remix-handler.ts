/**
 * Express → Remix, like @remix-run/express, but sending response bodies with backpressure.
 * The stock adapter writes every chunk without waiting for the socket, so a slow client of a
 * streamed download made the server read the whole table into memory; `pipeline` waits for the
 * client, and when the client goes away it cancels the body, which stops the read.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { createReadableStreamFromReadable, createRequestHandler as createRemixHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node';
import type { NextFunction, Request, Response } from 'express';
import { errorPageResponse } from '../app/services/error-page.server';
import { currentRequest } from '../app/request-context.server';
import { negotiateLocale } from '../app/lib/i18n';
import { isAnonymousRequest, PageCache, type CachedPage } from './page-cache';
import { contentSecurityPolicy } from './security';
import { config } from '../app/config.server';

/**
 * The request's address. A request without a usable Host (HTTP/1.0, or a proxy that drops it, or
 * a garbled one) is taken as addressed to PUBLIC_URL (else localhost) instead of failing: links
 * in pages are relative and links in mail never come from the request (see site-origin.server).
 */
function requestUrl(req: Request): URL {
  const port = (req.get('X-Forwarded-Host') ?? req.get('host') ?? '').split(':')[1];
  if (req.hostname) {
    try {
      return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`);
    } catch {
      // Fall through to the configured origin.
    }
  }
  const origin = config().publicUrl?.origin ?? 'http://localhost';
  return new URL(`${origin}${req.originalUrl.startsWith('/') ? '' : '/'}${req.originalUrl}`);
}

/** The Fetch Request Remix expects. Host and protocol honour Express's `trust proxy` setting. */
function createRemixRequest(req: Request, res: Response): globalThis.Request {
  const url = requestUrl(req);
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  // Abort loaders and actions when the client goes away before the response is complete.
  const controller = new AbortController();
  let finished = false;
  res.on('finish', () => {
    finished = true;
  });
  res.on('close', () => {
    if (!finished) controller.abort();
  });
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new globalThis.Request(url.href, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: createReadableStreamFromReadable(req), duplex: 'half' } : {}),
  } as RequestInit);
}

async function sendResponse(res: Response, response: globalThis.Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (!response.body || res.req.method === 'HEAD') {
    // A HEAD answer has no body: the page's stream is cancelled rather than rendered to nowhere.
    await response.body?.cancel().catch(() => undefined);
    res.end();
    return;
  }
  if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) res.flushHeaders();
  try {
    await pipeline(Readable.fromWeb(response.body as unknown as NodeWebReadableStream), res);
  } catch (error) {
    // A client that disconnects mid-download is normal, not a server error.
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' || res.destroyed) return;
    throw error;
  }
}

/** The page for a request that failed for want of storage, or because the database was out of reach. */
async function unavailableResponse(request: globalThis.Request, rendered: globalThis.Response, cause: 'storageFull' | 'databaseUnavailable'): Promise<globalThis.Response> {
  await rendered.body?.cancel().catch(() => undefined);
  const page = await errorPageResponse(request, {
    status: 503,
    title: `errors.${cause}.title`,
    body: `errors.${cause}.body`,
    back: { href: new URL(request.url).pathname, label: 'errors.back' },
  });
  page.headers.set('Retry-After', cause === 'storageFull' ? '300' : '5');
  return page;
}

/** The cache key of an anonymous GET (see page-cache.ts), or null when the response must not be shared. */
function pageCacheKey(req: Request, cache: PageCache | undefined): string | null {
  if (!cache?.enabled || req.method !== 'GET') return null;
  const cookie = req.get('cookie');
  if (!isAnonymousRequest(cookie)) return null;
  // The page's language follows the language cookie, else Accept-Language.
  return `${cookie?.trim() ?? ''}\u0000${negotiateLocale(null, req.get('accept-language'))}\u0000${req.originalUrl}`;
}

/** A kept page, compressed already when the client takes gzip, with a CSP naming its scripts. */
function sendCached(req: Request, res: Response, page: CachedPage): void {
  res.status(page.status);
  for (const [key, value] of page.headers) res.append(key, value);
  if (page.scriptHashes) res.setHeader('Content-Security-Policy', contentSecurityPolicy({ hashes: page.scriptHashes }));
  res.setHeader('X-Page-Cache', 'hit');
  res.setHeader('Vary', 'Accept-Encoding');
  const gzip = req.acceptsEncodings('gzip') === 'gzip';
  // The compression middleware leaves an answer alone that already has an encoding.
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  const body = gzip ? page.gzip : page.body;
  res.setHeader('Content-Length', String(body.length));
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function createRequestHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode?: string;
  getLoadContext: (req: Request, res: Response) => AppLoadContext;
  pageCache?: PageCache;
}) {
  const handle = createRemixHandler(options.build, options.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const key = pageCacheKey(req, options.pageCache);
      const nonce = String(res.locals.cspNonce ?? '');
      const cached = key ? options.pageCache?.get(key) : undefined;
      if (cached) {
        sendCached(req, res, cached);
        return;
      }
      const request = createRemixRequest(req, res);
      let response = await handle(request, options.getLoadContext(req, res));
      // A write that failed for want of space: whatever the route rendered, the visitor is told the
      // truth (the change was not made, nothing stored was lost) and when to try again.
      if (currentRequest()?.storageFull) response = await unavailableResponse(request, response, 'storageFull');
      else if (currentRequest()?.databaseUnavailable) response = await unavailableResponse(request, response, 'databaseUnavailable');
      if (key && options.pageCache && PageCache.isCacheable(response)) {
        const body = await response.text();
        options.pageCache.put(key, { status: response.status, headers: response.headers, body, nonce });
        res.status(response.status);
        for (const [name, value] of response.headers.entries()) res.append(name, value);
        res.end(body);
        return;
      }
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
