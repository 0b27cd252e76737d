/**
 * 政府开放数据许可: the terms of the government licence, at a stable public address that the DCAT
 * catalogue and CKAN's license_list give as the licence's URI (app/services/ckan/dicts.server.ts).
 */
import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import type { MessageKey } from '~/lib/i18n';

/** The licence's id in our vocabulary and in CKAN's license_id. */
const LICENCE_ID = 'gov-open';

const TERMS: MessageKey[] = [
  'licencePage.govOpen.use',
  'licencePage.govOpen.attribution',
  'licencePage.govOpen.misrepresentation',
  'licencePage.govOpen.reidentification',
  'licencePage.govOpen.warranty',
];

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'licencePage.govOpen.title');

export default function GovernmentLicencePage() {
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-bold text-slate-900">{t('licencePage.govOpen.title')}</h1>
      <p className="mt-4 text-slate-800">{t('licencePage.govOpen.intro')}</p>
      <h2 className="mt-8 text-xl font-semibold text-slate-900">{t('licencePage.govOpen.termsHeading')}</h2>
      <ol className="mt-3 list-decimal space-y-3 pl-6 text-slate-800">
        {TERMS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ol>
      <p className="mt-8 text-sm text-slate-700">
        {t('licencePage.govOpen.identifier')} <code>{LICENCE_ID}</code>
      </p>
      <p className="mt-4">
        <Link to={`/datasets?licence=${LICENCE_ID}`}>{t('licencePage.govOpen.datasets')}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
