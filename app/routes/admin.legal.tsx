/**
 * The privacy policy and terms of use, for admins: publishing a changed text makes a new version,
 * which every signed-in person is asked to accept.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ErrorList } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { publishLegalDocument } from '~/actions/legal.server';
import { LEGAL_DOCUMENT_KINDS, type LegalDocumentKind } from '~/lib/vocabulary';
import { currentDocument } from '~/models/legal.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { readIntent } from '~/services/form-helpers.server';
import { requireRole } from '~/services/session.server';

/** Long enough for a real policy; a bound so one form cannot fill the database. */
const MAX_BODY = 100_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  return { documents: await Promise.all(LEGAL_DOCUMENT_KINDS.map(async (kind) => ({ kind, current: (await currentDocument(kind)) ?? null }))) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['admin']);
  const form = await request.formData();
  const kind = LEGAL_DOCUMENT_KINDS.find((k) => k === readIntent(form).name);
  if (!kind) throw new Response('Bad Request', { status: 400 });
  const body = String(form.get('body') ?? '').trim();
  if (!body) return { kind, body, error: 'admin.legal.empty' as const, published: null };
  if (body.length > MAX_BODY) return { kind, body, error: 'admin.legal.tooLong' as const, published: null };
  const published = await publishLegalDocument(webActor(user, context), kind, body);
  if (!published.ok) {
    if (!published.problem.field) throw refusalResponse(published.problem);
    return { kind, body, error: published.problem.message, published: null };
  }
  return { kind, body, error: null, published: published.value.version };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'admin.legal.title');

export default function AdminLegalPage() {
  const { documents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const format = useFormatters();
  const about = (kind: LegalDocumentKind) => (actionData?.kind === kind ? actionData : null);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <PageHeader title={t('admin.legal.title')} intro={t('admin.legal.intro')} />
      {documents.map(({ kind, current }) => {
        const result = about(kind);
        const id = `legal-${kind}`;
        return (
          <section key={kind} aria-labelledby={`${id}-title`} className="mt-8">
            <h2 id={`${id}-title`} className="text-xl font-semibold text-slate-900">
              {t(`legal.${kind}`)}
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              {current ? t('legal.version', { version: current.version, date: format.date(current.createdAt) }) : t('legal.none')}{' '}
              {current ? <Link to={`/legal/${kind}`}>{t('admin.legal.view')}</Link> : null}
            </p>
            <div role="status" className="mt-2">
              {result?.published ? <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">{t('admin.legal.published', { version: result.published })}</p> : null}
            </div>
            <Form method="post" className="mt-3 space-y-3">
              <label htmlFor={id} className="block text-sm font-medium text-slate-800">
                {t('admin.legal.body')}
              </label>
              <textarea
                id={id}
                name="body"
                rows={14}
                maxLength={MAX_BODY}
                defaultValue={result && !result.published ? result.body : (current?.body ?? '')}
                key={`${kind}-${current?.version ?? 0}`}
                aria-invalid={result?.error ? true : undefined}
                aria-describedby={`${id}-hint${result?.error ? ` ${id}-error` : ''}`}
                className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
              />
              <p id={`${id}-hint`} className="text-sm text-slate-600">
                {t('admin.legal.hint')}
              </p>
              <ErrorList id={`${id}-error`} errors={result?.error ? [result.error] : null} />
              <ActionButton intent={kind} tone="primary">
                {t('admin.legal.publish')}
              </ActionButton>
            </Form>
          </section>
        );
      })}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
