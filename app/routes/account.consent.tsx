/**
 * A new version of the privacy policy or terms of use, for a signed-in person to read and accept.
 * The versions shown travel with the form, so a text replaced meanwhile is shown again, not accepted.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton } from '~/components/forms';
import { useT } from '~/components/i18n';
import { LegalDocumentView } from '~/components/legal-page';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { acceptLegalDocuments } from '~/actions/legal.server';
import { safeRedirect } from '~/lib/safe-redirect';
import { LEGAL_DOCUMENT_KINDS } from '~/lib/vocabulary';
import { pendingConsents } from '~/models/legal.server';
import { webActor } from '~/services/actors.server';
import { renderedDocument } from '~/services/legal-documents.server';
import { requireUser } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const pending = await pendingConsents(user.id);
  return {
    documents: await Promise.all(pending.map(async ({ kind }) => ({ kind, document: await renderedDocument(kind) }))),
    redirectTo: safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/me'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const shown = Object.fromEntries(LEGAL_DOCUMENT_KINDS.flatMap((kind) => (form.get(kind) ? [[kind, Number(form.get(kind))]] : [])));
  const accepted = await acceptLegalDocuments(webActor(user, context), shown);
  if (!accepted.ok) return { problem: accepted.problem.message };
  return redirect(safeRedirect(form.get('redirectTo'), '/me'));
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'consent.title');

export default function ConsentPage() {
  const { documents, redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <PageHeader title={t('consent.title')} intro={documents.length > 0 ? t('consent.intro') : t('consent.upToDate')} />
      {actionData?.problem ? (
        <p role="alert" className="mt-4 rounded-md bg-rose-50 p-3 text-sm text-rose-900">
          {t(actionData.problem)}
        </p>
      ) : null}
      {documents.map(({ kind, document }) => (
        <section key={kind} aria-labelledby={`doc-${kind}`} className="mt-8 rounded-lg border border-slate-200 p-4">
          <h2 id={`doc-${kind}`} className="text-xl font-semibold text-slate-900">
            {t(`legal.${kind}`)}
          </h2>
          <LegalDocumentView document={document} />
        </section>
      ))}
      {documents.length > 0 ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          {documents.map(({ kind, document }) => (document ? <input key={kind} type="hidden" name={kind} value={document.version} /> : null))}
          <ActionButton intent="accept" tone="primary">
            {t('consent.accept')}
          </ActionButton>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
