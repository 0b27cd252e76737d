/**
 * The production (and development) server: Express in front of the Remix request handler.
 *
 * Start-up order: build the app if the build is missing or older than the sources, apply
 * migrations, seed an empty database with demo data, then serve. SIGTERM/SIGINT stop accepting
 * connections, let in-flight requests finish, and close SQLite cleanly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import '../app/locales/all.server';
import { checkDatabase, closeDb, describeDatabase, getDb, isDatabaseUnavailable } from '../db/client';
import { errorPageResponse } from '../app/services/error-page.server';
import { applyMigrations } from '../db/migrate';
import { withStartUpLock } from '../db/start-up-lock';
import { ensureSecrets } from '../app/secrets.server';
import { seedIfEmpty } from '../db/seed';
import { scanUnscannedResources } from '../app/actions/privacy.server';
import { setListeningOrigin } from '../app/services/site-origin.server';
import { recoverInterruptedImports } from '../app/models/resources.server';
import { sweepUnreferencedUploads } from '../app/services/upload-sweep.server';
import { SERVER_PID_FILE } from '../app/services/backup.server';
import { config, ConfigError } from '../app/config.server';
import { ensureBuild } from './build';
import { PageCache } from './page-cache';
import { createRequestHandler } from './remix-handler';
import { accessLog } from './access-log';
import { limitRequestBodies } from './body-limits';
import { redirectTrailingSlashes } from './canonical-path';
import { datasetRdfPaths } from './dataset-rdf-paths';
import { apiCors, checkOrigin, closeConnectionsWithUnreadBodies, securityHeaders } from './security';
import { errorFields, flushLog, log } from '../app/log.server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isDev = process.argv.includes('--dev');
process.env.NODE_ENV ??= isDev ? 'development' : 'production';

/** Table downloads and results exports. */
const DOWNLOAD_PATH = /\/(download|export)\/[a-z]+$/;

/** Paths that may name a file in public/: an extension, but not Remix's `.data` requests. */
const STATIC_FILE = /\.(?!data$)[A-Za-z0-9]{1,8}$/;

async function prepareDatabase(): Promise<void> {
  // PostgreSQL: one clear line for a wrong password, a missing database or an old server.
  await checkDatabase();
  // Several processes may start together on one database: one at a time from here (db/start-up-lock.ts).
  await withStartUpLock(startUp);
  // The app build opens its own connection; this one was only for start-up.
  await closeDb();
}

async function startUp(): Promise<void> {
  ensureSecrets();
  await applyMigrations(getDb());
  const recovered = await recoverInterruptedImports();
  if (recovered.jobs > 0) log.info(`Marked ${recovered.jobs} interrupted import(s) as failed.`);
  const scan = await scanUnscannedResources({ user: null, ip: null, via: 'system' });
  if (!scan.ok) throw new Error(`start-up privacy scan refused: ${scan.problem.code}`);
  const legacy = scan.value;
  if (legacy.blocked > 0) log.info(`Privacy scan of older tables: ${legacy.blocked} of ${legacy.scanned} now wait for a decision by their department.`);
  // Only files no table refers to and older than a day; each removal is logged with its key.
  await sweepUnreferencedUploads();
  const { isProduction, mail, publicUrl, seedDemoData } = config();
  if (isProduction && (mail.smtpUrl || mail.smtpHost) && !publicUrl) {
    log.warn('PUBLIC_URL is not set: links in e-mail will point at this machine (http://localhost). Set PUBLIC_URL to the site\'s public address.');
  }
  // Checked for emptiness under the lock: a process that waited finds the seed of the one before.
  const seeded = seedDemoData ? await seedIfEmpty() : false;
  if (seeded) log.info('Seeded an empty database with demo data (see README for the demo accounts).');
}

/** Longest pause between attempts to reach a PostgreSQL server that is out of reach at start. */
const MAX_RETRY_MS = 30_000;

/**
 * Prepares the database. PostgreSQL out of reach at start is waited for rather than a reason to
 * exit (a crash loop under a supervisor, and nothing to tell visitors): the answer is then a
 * promise that settles once it was reached and prepared, and the site says "unavailable" meanwhile.
 * Anything else (a wrong password, a failed migration) stops the start.
 */
async function prepareOrWait(): Promise<{ ready: Promise<void>; waiting: boolean }> {
  try {
    await prepareDatabase();
    return { ready: Promise.resolve(), waiting: false };
  } catch (error) {
    if (!config().postgres || !isDatabaseUnavailable(error)) throw error;
    log.warn({ ...errorFields(error) }, `${describeDatabase()} is out of reach; answering 503 and trying again`);
    await closeDb();
    const ready = (async () => {
      for (let attempt = 1; ; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_RETRY_MS, 500 * 2 ** attempt)));
        try {
          await prepareDatabase();
          log.info(`${describeDatabase()} reached; serving.`);
          return;
        } catch (retryError) {
          if (!isDatabaseUnavailable(retryError)) throw retryError;
          await closeDb();
          log.warn({ attempt, ...errorFields(retryError) }, `${describeDatabase()} still out of reach`);
        }
      }
    })();
    return { ready, waiting: true };
  }
}

async function main() {
  const { port, host, trustProxy, pageCacheSeconds, nodeEnv } = config();

  if (!isDev) ensureBuild(root);
  const { ready, waiting } = await prepareOrWait();
  let serving = false;
  let shutdownApp: () => Promise<void> = async () => {};
  let closeVite: () => Promise<void> = async () => {};

  const app = express();
  app.disable('x-powered-by');
  app.use(accessLog());
  if (trustProxy !== null) app.set('trust proxy', trustProxy);

  // Downloads (whole tables, exports) are compressed at the fastest level: at a hundred megabytes
  // the time to compress, not the bytes saved, decides how long a visitor waits.
  const compressPages = compression();
  const compressDownloads = compression({ level: 1 });
  app.use((req: Request, res: Response, next: NextFunction) => (DOWNLOAD_PATH.test(req.path) ? compressDownloads : compressPages)(req, res, next));
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = isDev ? '' : crypto.randomBytes(16).toString('base64');
    next();
  });
  app.use(securityHeaders({ isDev }));
  app.use(redirectTrailingSlashes());
  app.use(datasetRdfPaths());
  app.use(closeConnectionsWithUnreadBodies());
  app.use(limitRequestBodies());
  app.use(apiCors());
  // Until the database is reached and prepared, every page and /readyz say so (translated).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (serving) {
      next();
      return;
    }
    const request = new globalThis.Request(new URL(req.originalUrl, 'http://localhost'), { headers: req.headers as HeadersInit });
    void errorPageResponse(request, { status: 503, title: 'errors.databaseUnavailable.title', body: 'errors.databaseUnavailable.body', back: { href: req.path, label: 'errors.back' } }).then(async (page) => {
      res.status(503).set(Object.fromEntries(page.headers)).set('Retry-After', '5').send(await page.text());
    }, next);
  });
  app.use(checkOrigin());
  const pageCache = new PageCache(pageCacheSeconds * 1000);
  // A change made through this process is seen at once by everyone, cached pages or not.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') res.on('finish', () => pageCache.clear());
    next();
  });

  // The app itself, once the database is ready: routes and background work need it.
  const mount = async () => {
    let build: ServerBuild | (() => Promise<ServerBuild>);
    if (isDev) {
      const vite = await import('vite');
      const devServer = await vite.createServer({ root, server: { middlewareMode: true } });
      app.use(devServer.middlewares);
      build = () => devServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>;
      closeVite = () => devServer.close();
    } else {
      const clientDir = path.join(root, 'build/client');
      // Fingerprinted assets never change; everything else in public/ may.
      app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
      // Files in public/ (favicon, robots.txt …) have an extension; pages never look on disk.
      const publicFiles = express.static(clientDir, { maxAge: '1h', index: false });
      app.use((req: Request, res: Response, next: NextFunction) => (STATIC_FILE.test(req.path) ? publicFiles(req, res, next) : next()));
      const serverBuild = (await import(pathToFileURL(path.join(root, 'build/server/index.js')).href)) as ServerBuild;
      build = serverBuild;
      const entry = serverBuild.entry.module as { shutdown?: () => Promise<void>; startBackgroundWork?: () => Promise<void> };
      shutdownApp = async () => await entry.shutdown?.();
      await entry.startBackgroundWork?.();
    }

    app.all(
      '*',
      createRequestHandler({
        build,
        mode: nodeEnv,
        getLoadContext: (req, res) => ({ cspNonce: String(res.locals.cspNonce ?? ''), clientIp: req.ip ?? null }),
        pageCache: isDev ? undefined : pageCache,
      }),
    );

    // Errors no route handled: logged with the request's id, answered with a bare 500 if still possible.
    app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
      if (res.headersSent || res.destroyed) {
        // Half an answer cannot be taken back: the connection is closed so the client sees it failed.
        if (!res.destroyed) log.warn({ ...errorFields(error), path: req.path }, 'request failed after its answer began');
        res.destroy();
        return;
      }
      log.error({ ...errorFields(error), method: req.method, path: req.path }, 'request failed');
      res.status(500).type('text/plain').send('Internal Server Error');
    });
    serving = true;
  };

  // Normally the app is mounted before the port opens; while PostgreSQL is out of reach the port
  // opens first, so visitors and probes hear "unavailable" instead of nothing.
  if (!waiting) await mount();
  const server = http.createServer(app);
  const pidFile = path.join(config().dataDir, SERVER_PID_FILE);
  server.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    setListeningOrigin(`http://localhost:${actualPort}`);
    // A restore (jdz backup restore) refuses to run while this process uses the data directory.
    fs.writeFileSync(pidFile, `${process.pid}\n`);
    log.info(`Jindianzi listening on http://localhost:${actualPort}`);
    flushLog();
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: finishing open requests, then exiting.`);
    const force = setTimeout(() => {
      log.error('Requests still open after 10 s; exiting anyway.');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      // Saves the usage counts still in memory and closes the database (its WAL checkpointed).
      await shutdownApp().catch((error: unknown) => log.error(errorFields(error), 'shutdown did not finish cleanly'));
      fs.rmSync(pidFile, { force: true });
      await closeVite();
      log.info('Stopped.');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  if (waiting) {
    await ready;
    await mount();
  }
}

try {
  config();
} catch (error) {
  // Before anything else, the logger included (its level is a setting too).
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\nSee README "Configuration".\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  log.error(errorFields(error), 'failed');
  process.exit(1);
});
