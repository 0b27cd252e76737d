import type { LoaderFunctionArgs } from '@remix-run/node';
import { databaseBytes, queueLengths } from '~/models/operations.server';
import { diskSpace } from '~/services/disk.server';
import { registerScrapedGauge, renderMetrics } from '~/services/metrics.server';
import { timingSafeEqual } from 'node:crypto';
import { config } from '~/config.server';

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Prometheus metrics. With METRICS_TOKEN set, only `Authorization: Bearer <token>` may read them;
 * without it, only requests from this machine (behind a reverse proxy, set TRUST_PROXY so the
 * visitor's address is the one checked, or set the token).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = config().metricsToken;
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get('Authorization') ?? '')?.[1]?.trim() ?? '';
  const allowed = token ? tokenMatches(given, token) : LOOPBACK.has(context.clientIp ?? '');
  if (!allowed) return new Response('Not Found', { status: 404, headers: { 'Cache-Control': 'no-store' } });

  registerScrapedGauge('jindianzi_imports_queued', 'Imports waiting for their turn.', async () => (await queueLengths()).importsQueued);
  registerScrapedGauge('jindianzi_imports_running', 'Imports being processed.', async () => (await queueLengths()).importsRunning);
  registerScrapedGauge('jindianzi_mail_outbox_queued', 'Mail waiting to be sent.', async () => (await queueLengths()).mailQueued);
  registerScrapedGauge('jindianzi_mail_outbox_failed', 'Mail given up on after its retries.', async () => (await queueLengths()).mailFailed);
  registerScrapedGauge('jindianzi_database_bytes', 'Size of the database (the SQLite file, or the PostgreSQL database).', async () => (await databaseBytes()).database);
  registerScrapedGauge('jindianzi_database_wal_bytes', 'Size of the SQLite write-ahead log (0 on PostgreSQL).', async () => (await databaseBytes()).wal);
  registerScrapedGauge('jindianzi_disk_free_bytes', 'Free space where the data directory is.', () => diskSpace().freeBytes);
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}
