/** "Download my data": what the download holds, and the link to it (account.export[.]json.tsx). */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { requireUser } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'account.export.title');

export default function ExportPage() {
  const t = useT();
  return (
    <div className="mx-auto max-w-xl px-4 py-10">
      <PageHeader title={t('account.export.title')} intro={t('account.export.intro')} />
      <a
        href="/account/export.json"
        download
        className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800"
      >
        {t('account.export.download')}
      </a>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
