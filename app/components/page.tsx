import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';

/** The title block of a list page. */
export function PageHeader({ title, intro }: { title: string; intro?: ReactNode }) {
  return (
    <>
      <h1 className="text-3xl font-bold text-slate-900">{title}</h1>
      {intro ? <p className="mt-2 max-w-2xl text-slate-700">{intro}</p> : null}
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
