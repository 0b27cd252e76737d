/**
 * The department's inbox: everything waiting for its officials, oldest first, each with its age and
 * a link to act. Data requests turn overdue after the configured number of working days.
 */
import { Link } from '@remix-run/react';
import { useMemo } from 'react';
import type { MessageKey } from '~/lib/i18n';
import { workingDaysBetween } from '~/lib/working-days';
import { useFormatters, useRootData, useT } from './i18n';

interface Item {
  id: number;
  title: string;
  since: string | Date;
  href: string;
}

interface List {
  items: Item[];
  total: number;
}

function InboxList({ id, title, list, overdueAfter, ageKey = 'inbox.age' }: { id: string; title: MessageKey; list: List; overdueAfter?: number; ageKey?: MessageKey }) {
  const t = useT();
  const format = useFormatters();
  const { timeZone } = useRootData();
  // The age is counted on the server's clock at render; a page left open a day reads a day young.
  const now = useMemo(() => new Date(), []);
  if (list.total === 0) return null;
  return (
    <section aria-labelledby={id} className="mt-4">
      <h3 id={id} className="font-semibold text-slate-900">
        {t(title, { count: format.number(list.total) })}
      </h3>
      <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200">
        {list.items.map((item) => {
          const since = new Date(item.since);
          const days = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000));
          const overdue = overdueAfter !== undefined && workingDaysBetween(since, now, timeZone) > overdueAfter;
          return (
            <li key={item.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2">
              <Link to={item.href} className="font-medium">
                {item.title}
              </Link>
              <span className={`text-sm ${overdue ? 'font-medium text-rose-800' : 'text-slate-600'}`}>
                {t(ageKey, { days: format.number(days), date: format.date(since) })}
                {overdue ? ` · ${t('inbox.overdue')}` : ''}
              </span>
            </li>
          );
        })}
      </ul>
      {list.total > list.items.length ? <p className="mt-1 text-sm text-slate-600">{t('inbox.more', { count: format.number(list.total - list.items.length) })}</p> : null}
    </section>
  );
}

type Kind = 'requests' | 'applications' | 'questions' | 'privacy' | 'failedImports' | 'lateDatasets' | 'judgingBehind' | 'resultsDue' | 'staleAdoptions';

export function Inbox({ inbox, moderationCount, answerDays }: { inbox: Record<Kind, List>; moderationCount: number; answerDays: number }) {
  const t = useT();
  const empty = Object.values(inbox).reduce((total, list) => total + list.total, 0) + moderationCount === 0;
  return (
    <section aria-labelledby="inbox" className="mt-8 rounded-lg border border-brand-200 bg-brand-50/40 p-4">
      <h2 id="inbox" className="text-xl font-semibold text-slate-900">
        {t('inbox.title')}
      </h2>
      {empty ? <p className="mt-2 text-slate-700">{t('inbox.empty')}</p> : null}
      <InboxList id="inbox-requests" title="inbox.requests" list={inbox.requests} overdueAfter={answerDays} />
      <InboxList id="inbox-applications" title="inbox.applications" list={inbox.applications} />
      <InboxList id="inbox-questions" title="inbox.questions" list={inbox.questions} />
      <InboxList id="inbox-privacy" title="inbox.privacy" list={inbox.privacy} ageKey="inbox.uploaded" />
      {moderationCount > 0 ? (
        <p className="mt-4">
          <Link to="/manage/moderation" className="font-semibold">
            {t('inbox.moderation', { count: moderationCount })}
          </Link>
        </p>
      ) : null}
      <InboxList id="inbox-imports" title="inbox.failedImports" list={inbox.failedImports} />
      <InboxList id="inbox-late" title="inbox.lateDatasets" list={inbox.lateDatasets} ageKey="inbox.lastUpdated" />
      <InboxList id="inbox-judging" title="inbox.judgingBehind" list={inbox.judgingBehind} ageKey="inbox.judgingSince" />
      <InboxList id="inbox-results" title="inbox.resultsDue" list={inbox.resultsDue} />
      <InboxList id="inbox-adoptions" title="inbox.staleAdoptions" list={inbox.staleAdoptions} ageKey="inbox.lastUpdated" />
      {inbox.requests.total > 0 ? <p className="mt-3 text-sm text-slate-600">{t('inbox.answerRule', { days: answerDays })}</p> : null}
    </section>
  );
}
