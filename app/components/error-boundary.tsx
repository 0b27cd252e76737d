/** The one error page every route reuses: translated, and never a stack trace in production. */
import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import type { MessageKey } from '~/lib/i18n';
import { useT } from './i18n';

const MESSAGES: Record<number, { title: MessageKey; body: MessageKey }> = {
  400: { title: 'errors.badRequest.title', body: 'errors.badRequest.body' },
  405: { title: 'errors.badRequest.title', body: 'errors.badRequest.body' },
  401: { title: 'errors.unauthorized.title', body: 'errors.unauthorized.body' },
  403: { title: 'errors.forbidden.title', body: 'errors.forbidden.body' },
  404: { title: 'errors.notFound.title', body: 'errors.notFound.body' },
  429: { title: 'errors.tooMany.title', body: 'errors.tooMany.body' },
};

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A conditional dataset's rows: the refusal names the application form (a path on this site).
  const apply = status === 403 && isRouteErrorResponse(error) && typeof error.data === 'object' && error.data !== null && typeof (error.data as { apply?: unknown }).apply === 'string' ? String((error.data as { apply: string }).apply) : null;
  const applyHref = apply && /^\/datasets\/[a-z0-9_-]+\/apply$/.test(apply) ? apply : null;
  const messages = applyHref
    ? ({ title: 'errors.access.applicationRequired.title', body: 'errors.access.applicationRequired.body' } as const)
    : (MESSAGES[status] ?? { title: 'errors.server.title', body: 'errors.server.body' });
  if (!isRouteErrorResponse(error)) console.error(error);

  return (
    <div className="mx-auto max-w-2xl px-4 py-16 text-center" role="alert">
      <p className="text-sm font-semibold text-brand-700">{t('errors.status', { status })}</p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t(messages.title)}</h1>
      <p className="mt-4 text-slate-700">{t(messages.body, { minutes: status === 429 && isRouteErrorResponse(error) ? Number(error.data) || 1 : 1 })}</p>
      {applyHref ? (
        <Link to={applyHref} className="mt-8 mr-3 inline-block rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-800 hover:bg-brand-50">
          {t('access.apply')}
        </Link>
      ) : null}
      <Link
        to="/"
        className="mt-8 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        {t('errors.backHome')}
      </Link>
    </div>
  );
}
