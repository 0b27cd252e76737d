/** Asks a signed-in person to read and accept a new version of the privacy policy or terms. */
import { Link, useLocation } from '@remix-run/react';
import { useOptionalUser, useT } from './i18n';

export function ConsentBanner() {
  const t = useT();
  const user = useOptionalUser();
  const location = useLocation();
  if (!user?.consentPending || location.pathname === '/account/consent') return null;
  return (
    <div role="region" aria-label={t('consent.bannerLabel')} className="border-b border-amber-300 bg-amber-50">
      <p className="mx-auto max-w-page px-4 py-2 text-sm text-amber-950">
        {t('consent.banner')}{' '}
        <Link to={`/account/consent?${new URLSearchParams({ redirectTo: `${location.pathname}${location.search}` })}`} className="font-semibold">
          {t('consent.review')}
        </Link>
      </p>
    </div>
  );
}
