import { Link } from '@remix-run/react';
import type { Phase } from '~/lib/phase';
import { markdownToPlainText } from '~/lib/text';
import { AccessLevelBadge, PhaseBadge, Tag } from './badges';
import { Countdown } from './countdown';
import { useFormatters, useT } from './i18n';

export interface ChallengeCardData {
  slug: string;
  title: string;
  summary: string;
  phase: Phase;
  departmentName: string;
  entryCount: number;
  opensAt: Date;
  closesAt: Date;
  judgingEndsAt: Date;
  resultsPublishedAt: Date | null;
}

export function ChallengeCard({ challenge, now }: { challenge: ChallengeCardData; now: Date }) {
  const t = useT();
  return (
    <article className="flex h-full flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-200 hover:shadow">
      <div className="flex items-center justify-between gap-2">
        <PhaseBadge phase={challenge.phase} />
        <span className="text-xs text-slate-600">{challenge.departmentName}</span>
      </div>
      <h3 className="mt-3 text-lg font-semibold leading-snug text-slate-900">
        <Link to={`/challenges/${challenge.slug}`} className="text-slate-900 hover:text-brand-700 hover:underline">
          {challenge.title}
        </Link>
      </h3>
      <p className="mt-2 line-clamp-3 flex-1 text-sm text-slate-700">{challenge.summary}</p>
      <div className="mt-4 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3">
        <Countdown challenge={{ ...challenge, status: 'published' }} now={now} />
        <span className="text-sm text-slate-600">{t('challenges.entries', { count: challenge.entryCount })}</span>
      </div>
    </article>
  );
}

export interface DatasetCardData {
  slug: string;
  title: string;
  description: string;
  departmentName: string;
  publishedAt: Date | null;
  tags: string[];
  formats: string[];
  accessLevel?: 'open' | 'conditional' | 'closed';
}

export function DatasetCard({ dataset }: { dataset: DatasetCardData }) {
  const t = useT();
  const format = useFormatters();
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h3 className="text-base font-semibold text-slate-900">
        <Link to={`/datasets/${dataset.slug}`} className="text-slate-900 hover:text-brand-700 hover:underline">
          {dataset.title}
        </Link>
      </h3>
      <p className="mt-1 text-xs text-slate-600">
        {dataset.departmentName}
        {dataset.publishedAt ? ` · ${t('datasets.publishedAt', { date: format.date(dataset.publishedAt) })}` : ''}
      </p>
      <p className="mt-2 line-clamp-2 text-sm text-slate-700">{markdownToPlainText(dataset.description)}</p>
      <div className="mt-3 flex flex-wrap gap-1.5">
        {dataset.accessLevel && dataset.accessLevel !== 'open' ? <AccessLevelBadge level={dataset.accessLevel} /> : null}
        {dataset.formats.map((f) => (
          <span key={f} className="rounded bg-brand-50 px-2 py-0.5 text-xs font-semibold uppercase text-brand-800">
            {f}
          </span>
        ))}
        {dataset.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </div>
    </article>
  );
}

const GRID = 'grid gap-4 sm:grid-cols-2 lg:grid-cols-3';

/** Challenge cards in a responsive grid, or the given message when there are none. */
export function ChallengeGrid({ challenges, now, empty, className = '' }: { challenges: ChallengeCardData[]; now: Date; empty: string; className?: string }) {
  if (challenges.length === 0) return <p className={`${className} text-slate-700`}>{empty}</p>;
  return (
    <ul className={`${className} ${GRID}`}>
      {challenges.map((challenge) => (
        <li key={challenge.slug}>
          <ChallengeCard challenge={challenge} now={now} />
        </li>
      ))}
    </ul>
  );
}

export function DatasetGrid({ datasets, empty, className = '' }: { datasets: DatasetCardData[]; empty: string; className?: string }) {
  if (datasets.length === 0) return <p className={`${className} text-slate-700`}>{empty}</p>;
  return (
    <ul className={`${className} ${GRID}`}>
      {datasets.map((dataset) => (
        <li key={dataset.slug}>
          <DatasetCard dataset={dataset} />
        </li>
      ))}
    </ul>
  );
}
