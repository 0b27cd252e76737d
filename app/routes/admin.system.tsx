/**
 * The machine, for admins: free disk space against its warning threshold, the database and its
 * write-ahead log, the import and mail queues, and the scheduled backups (the newest and its age).
 * What an operator without a shell needs to see before something fills up or a backup goes stale.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useRootData, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { formatBytes } from '~/lib/format';
import { databaseBytes, queueLengths } from '~/models/operations.server';
import { listBackups } from '~/services/backup.server';
import { diskSpace, minimumFreeBytes } from '~/services/disk.server';
import { requireRole } from '~/services/session.server';
import { config } from '~/config.server';

const HOUR = 3_600_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const disk = diskSpace();
  const { dir: backupDir, intervalMs } = config().backup;
  const intervalHours = intervalMs / HOUR;
  const newest = backupDir ? (listBackups(backupDir)[0] ?? null) : null;
  const now = Date.now();
  return {
    disk: { ...disk, minimumFreeBytes: minimumFreeBytes() },
    database: await databaseBytes(),
    queues: await queueLengths(),
    backups: {
      configured: backupDir !== null,
      newestAt: newest?.createdAt ?? null,
      ageHours: newest ? Math.floor((now - newest.createdAt.getTime()) / HOUR) : null,
      // Two intervals without a backup: one was missed.
      overdue: backupDir !== null && (!newest || now - newest.createdAt.getTime() > 2 * intervalHours * HOUR),
    },
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'system.title');

export default function SystemPage() {
  const { disk, database, queues, backups } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const { locale } = useRootData();
  const bytes = (n: number) => formatBytes(n, locale);
  const warning = 'rounded-md bg-rose-50 p-3 text-sm text-rose-800';
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('system.title')} intro={t('system.intro')} />
      <p className="mt-2 text-sm">
        <Link to="/manage">← {t('nav.manage')}</Link>
      </p>

      <section className="mt-8" aria-labelledby="system-disk">
        <h2 id="system-disk" className="text-xl font-semibold text-slate-900">
          {t('system.disk')}
        </h2>
        <p className="mt-2 text-slate-800">{t('system.diskFree', { free: bytes(disk.freeBytes), total: bytes(disk.totalBytes) })}</p>
        {disk.low ? (
          <p role="alert" className={`mt-2 ${warning}`}>
            {t('system.diskLow', { minimum: bytes(disk.minimumFreeBytes) })}
          </p>
        ) : null}
        <p className="mt-2 text-slate-800">{t('system.database', { database: bytes(database.database), wal: bytes(database.wal) })}</p>
      </section>

      <section className="mt-8" aria-labelledby="system-queues">
        <h2 id="system-queues" className="text-xl font-semibold text-slate-900">
          {t('system.queues')}
        </h2>
        <ul className="mt-2 space-y-1 text-slate-800">
          <li>{t('system.imports', { queued: format.number(queues.importsQueued), running: format.number(queues.importsRunning) })}</li>
          <li>
            {t('system.mail', { queued: format.number(queues.mailQueued), failed: format.number(queues.mailFailed) })} <Link to="/admin/outbox">{t('outbox.title')}</Link>
          </li>
        </ul>
      </section>

      <section className="mt-8" aria-labelledby="system-backups">
        <h2 id="system-backups" className="text-xl font-semibold text-slate-900">
          {t('system.backups')}
        </h2>
        {!backups.configured ? (
          <p role="alert" className={`mt-2 ${warning}`}>
            {t('system.backupsOff')}
          </p>
        ) : backups.newestAt ? (
          <p className={backups.overdue ? `mt-2 ${warning}` : 'mt-2 text-slate-800'} role={backups.overdue ? 'alert' : undefined}>
            {t(backups.overdue ? 'system.backupOverdue' : 'system.backupNewest', { time: format.dateTime(backups.newestAt), hours: backups.ageHours ?? 0 })}
          </p>
        ) : (
          <p role="alert" className={`mt-2 ${warning}`}>
            {t('system.backupNone')}
          </p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
