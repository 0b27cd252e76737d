import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
// The web-streams renderer, not react-dom/server's Node one: React 18.3's Node renderer flushes
// its whole 2 KB buffer when a multi-byte character does not fit at the end, inserting NUL bytes
// into Chinese pages. The web-streams renderer copies bytes exactly.
import { renderToReadableStream } from 'react-dom/server.browser';
import { closeDb } from '../db/client';
// Pages, mail and exports are translated here in both languages.
import './locales/all.server';
import { startMailWorker } from './services/mail/mailer.server';
import { startDigestWorker } from './services/notifications.server';
import { startSearchIndexer } from './services/search-indexer.server';
import { startUploadSweeper } from './services/upload-sweep.server';
import { startBackupScheduler } from './services/backup.server';
import { stopWorkers } from './services/workers/pool.server';
import { NonceContext } from './components/nonce';
import { errorFields, log } from '~/log.server';
import { backfillProfileCharts } from '~/services/chart-backfill.server';
import { isDatabaseUnavailable, isStorageFull, noteDatabaseUnavailable, noteRoute, noteStorageFull } from '~/request-context.server';
import { flushUsage } from '~/services/usage.server';
import { startImportRecovery } from '~/services/import/import-leases.server';

/**
 * How long a render may wait on deferred data before sending what it has, and when it is given up
 * entirely. Generous on purpose: a heavy page on a busy server is slow, not broken, and a render is
 * stopped at once anyway when the client goes away (the request's signal and cancel() below).
 */
const ABORT_DELAY = 30_000;
const RENDER_GIVE_UP_MS = 120_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // In development (no start-up hook) the workers start with the first page; idempotent. The page
  // does not wait for them (the first digest run, say).
  startBackgroundWork().catch((error: unknown) => log.error(errorFields(error), 'background work did not start'));
  const matches = remixContext.staticHandlerContext.matches;
  const leaf = matches[matches.length - 1];
  if (leaf) noteRoute(leaf.route.id);
  const nonce = loadContext.cspNonce ?? '';
  let status = responseStatusCode;
  // Give up on a render that takes too long; the timer is cleared once the page is complete or
  // the client has gone, because aborting a finished render makes React close its stream twice
  // (an uncaught error that would stop the server).
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), RENDER_GIVE_UP_MS);
  // Set when the response body is cancelled (the client left, or a HEAD request needs no body):
  // the render errors React reports after that are expected, not server errors.
  let cancelled = false;
  const stream = await renderToReadableStream(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceContext.Provider>,
    {
      nonce,
      signal: abort.signal,
      onError(error: unknown) {
        status = 500;
        if (!request.signal.aborted && !cancelled) log.error(errorFields(error), 'page render failed');
      },
    },
  );
  // Crawlers get the whole document at once; browsers get the shell as soon as it is ready.
  if (isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode) {
    await stream.allReady;
  }
  const reader = stream.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        clearTimeout(timer);
        controller.close();
      } else {
        controller.enqueue(value);
      }
    },
    cancel(reason) {
      cancelled = true;
      clearTimeout(timer);
      return reader.cancel(reason).catch(() => undefined);
    },
  });
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(body, { headers: responseHeaders, status });
}

export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  // A client that went away is not a server error.
  if (request.signal.aborted) return;
  // The server answers these with a "storage full, nothing lost" page (server/remix-handler.ts).
  if (isStorageFull(error)) noteStorageFull();
  const unavailable = isDatabaseUnavailable(error);
  if (unavailable) noteDatabaseUnavailable();
  const message = isStorageFull(error) ? 'out of storage: a write failed' : unavailable ? 'database unavailable' : 'request failed';
  log.error({ ...errorFields(error), method: request.method, path: new URL(request.url).pathname }, message);
}

let backgroundWork: Promise<void> | null = null;

/**
 * Called by the server once it has loaded the build: mail queued before a restart goes out, and
 * daily digests are sent, unused uploads are swept and the search index kept up to date, whether
 * or not anyone opens a page.
 */
export function startBackgroundWork(): Promise<void> {
  // Once per process; tried again with the next page if it could not start (the database was down).
  backgroundWork ??= (async () => {
    startImportRecovery();
    await startMailWorker();
    await startDigestWorker();
    startUploadSweeper();
    await startSearchIndexer();
    startBackupScheduler();
    backfillProfileCharts().catch((error: unknown) => log.warn(errorFields(error), 'profile chart backfill stopped'));
  })().catch((error: unknown) => {
    backgroundWork = null;
    throw error;
  });
  return backgroundWork;
}

/** Called by the server on SIGTERM so SQLite checkpoints its WAL and closes cleanly (PostgreSQL: the pool closes). */
export async function shutdown(): Promise<void> {
  void stopWorkers();
  await flushUsage();
  await closeDb();
}
