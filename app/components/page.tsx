import { Link, useLocation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useT } from './i18n';

/** The title block of a list page. */
export function PageHeader({ title, intro }: { title: string; intro?: ReactNode }) {
  return (
    <>
      <h1 className="text-3xl font-bold text-slate-900">{title}</h1>
      {intro ? <p className="mt-2 max-w-2xl text-slate-700">{intro}</p> : null}
    </>
  );
}

/**
 * The head of a page where the department manages one thing (a dataset, a challenge): the way back
 * to the workspace, the title with its status, a line of facts, and the page's links.
 */
export function ManageHeader({ title, badge, facts, links }: { title: string; badge: ReactNode; facts: ReactNode; links: readonly { to: string; label: string }[] }) {
  const t = useT();
  return (
    <>
      <p className="text-sm">
        <Link to="/manage">← {t('manage.title')}</Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold text-slate-900">{title}</h1>
        {badge}
      </div>
      <p className="mt-2 text-sm text-slate-600">{facts}</p>
      <div className="mt-6 flex flex-wrap gap-3">
        {links.map((link) => (
          <Link key={link.to} to={link.to} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 no-underline hover:bg-slate-50">
            {link.label}
          </Link>
        ))}
      </div>
    </>
  );
}

/** A section heading with an optional "see all" link on the right. */
export function SectionHeading({ id, title, link }: { id: string; title: string; link?: { to: string; label: string } }) {
  return (
    <div className="flex items-baseline justify-between gap-4">
      <h2 id={id} className="text-2xl font-bold text-slate-900">
        {title}
      </h2>
      {link ? (
        <Link to={link.to} className="text-sm font-medium">
          {link.label} →
        </Link>
      ) : null}
    </div>
  );
}

/**
 * Previous / next links for a paged list, keeping every other query parameter. A page holding
 * several lists gives each its own parameter, and an anchor to come back to. A list that does not
 * count its rows passes `hasNext` instead of `pages`.
 */
export function Pager({ page, pages, hasNext, param = 'page', anchor, clear = [] }: { page: number; pages?: number; hasNext?: boolean; param?: string; anchor?: string; clear?: string[] }) {
  const t = useT();
  const location = useLocation();
  const more = hasNext ?? (pages !== undefined && page < pages);
  if (pages !== undefined ? pages <= 1 : page <= 1 && !more) return null;
  const pageLink = (n: number) => {
    const params = new URLSearchParams(location.search);
    for (const name of clear) params.delete(name);
    if (n > 1) params.set(param, String(n));
    else params.delete(param);
    return `?${params}${anchor ? `#${anchor}` : ''}`;
  };
  return (
    <nav aria-label={t('preview.pages')} className="mt-6 flex items-center justify-between text-sm">
      {page > 1 ? <Link to={pageLink(page - 1)}>← {t('preview.previous')}</Link> : <span />}
      <span className="text-slate-600">{pages !== undefined ? `${page} / ${pages}` : page}</span>
      {more ? <Link to={pageLink(page + 1)}>{t('preview.next')} →</Link> : <span />}
    </nav>
  );
}
