import { Link } from '@remix-run/react';
import { useT } from './i18n';

export function SiteFooter() {
  const t = useT();
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto max-w-page space-y-1 px-4 py-8 text-sm text-slate-600">
        <p className="font-medium text-slate-800">{t('footer.about')}</p>
        <p>{t('footer.openData')}</p>
        <p>{t('footer.privacy')}</p>
        <p className="pt-2">
          <Link to="/api">{t('nav.api')}</Link>
          {' · '}
          <a href="/catalog.jsonld">DCAT</a>
        </p>
      </div>
    </footer>
  );
}
