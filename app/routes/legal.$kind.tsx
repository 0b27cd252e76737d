/** The privacy policy (个人信息保护政策) or the terms of use (用户协议) in force, for everyone. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useT } from '~/components/i18n';
import { LegalDocumentView } from '~/components/legal-page';
import { pageMeta } from '~/components/meta';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { LEGAL_DOCUMENT_KINDS } from '~/lib/vocabulary';
import { renderedDocument } from '~/services/legal-documents.server';

export async function loader({ params }: LoaderFunctionArgs) {
  const kind = LEGAL_DOCUMENT_KINDS.find((k) => k === params.kind);
  if (!kind) throw new Response('Not Found', { status: 404 });
  return { kind, document: await renderedDocument(kind) };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageMeta(matches, `legal.${data?.kind ?? 'privacy'}`);

export default function LegalPage() {
  const { kind, document } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-bold text-slate-900">{t(`legal.${kind}`)}</h1>
      <LegalDocumentView document={document} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
