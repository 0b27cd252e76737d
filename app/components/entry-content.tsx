/** An entry as a reader sees it: summary, sanitized description, links and the data it used. */
import { Link } from '@remix-run/react';
import { isSafeLink } from '~/lib/validation/entry';
import type { SubmissionLinks } from '~/lib/vocabulary';
import { useT } from './i18n';

const LINK_KINDS = ['repository', 'demo', 'video'] as const;

export function EntryContent({
  entry,
  bodyHtml,
}: {
  entry: { summary: string; links: SubmissionLinks; datasets: { slug: string; title: string }[] };
  /** Already rendered and sanitized on the server. */
  bodyHtml: string;
}) {
  const t = useT();
  return (
    <article className="space-y-6">
      {entry.summary ? <p className="text-lg text-slate-800">{entry.summary}</p> : null}
      <div className="prose-jdz" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      {LINK_KINDS.some((k) => entry.links[k]) ? (
        <ul className="space-y-1 text-sm">
          {LINK_KINDS.map((k) =>
            entry.links[k] ? (
              <li key={k}>
                {t(`entry.field.${k}`)}：
                {isSafeLink(entry.links[k] ?? '') ? (
                  <a href={entry.links[k]} rel="nofollow noopener noreferrer" target="_blank" className="break-all">
                    {entry.links[k]}
                  </a>
                ) : (
                  <span className="break-all">{entry.links[k]}</span>
                )}
              </li>
            ) : null,
          )}
        </ul>
      ) : null}
      {entry.datasets.length > 0 ? (
        <p className="text-sm">
          {t('entry.field.datasets')}：
          {entry.datasets.map((d, i) => (
            <span key={d.slug}>
              {i > 0 ? '、' : ''}
              <Link to={`/datasets/${d.slug}`}>{d.title}</Link>
            </span>
          ))}
        </p>
      ) : null}
    </article>
  );
}
