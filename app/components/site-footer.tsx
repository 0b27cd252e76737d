import { Link } from '@remix-run/react';
import { useRootData, useT } from './i18n';

/** The MIIT's filing site, where every ICP备案号 is looked up (the link sites must carry). */
const ICP_FILING_SITE = 'https://beian.miit.gov.cn/';

export function SiteFooter() {
  const t = useT();
  const { site } = useRootData();
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto max-w-page space-y-1 px-4 py-8 text-sm text-slate-700">
        <p className="font-medium text-slate-800">{site?.siteName ? site.siteName : t('footer.about')}</p>
        {site?.sponsor ? <p>{t('footer.sponsor', { name: site.sponsor })}</p> : null}
        {site?.organizer ? <p>{t('footer.organizer', { name: site.organizer })}</p> : null}
        {site?.contact ? <p>{t('footer.contact', { contact: site.contact })}</p> : null}
        <p>{t('footer.openData')}</p>
        <p>{t('footer.privacy')}</p>
        <p className="pt-2">
          <Link to="/api">{t('nav.api')}</Link>
          {' · '}
          <a href="/catalog.jsonld">DCAT</a>
          {' · '}
          <Link to="/legal/privacy">{t('legal.privacy')}</Link>
          {' · '}
          <Link to="/legal/terms">{t('legal.terms')}</Link>
        </p>
        {site?.icp || site?.psbRecord || site?.siteCode ? (
          <p className="flex flex-wrap gap-x-4 pt-2">
            {site.icp ? (
              <a href={ICP_FILING_SITE} rel="noopener noreferrer" target="_blank">
                {site.icp}
              </a>
            ) : null}
            {site.psbRecord ? (
              site.psbLink ? (
                <a href={site.psbLink} rel="noopener noreferrer" target="_blank">
                  {site.psbRecord}
                </a>
              ) : (
                <span>{site.psbRecord}</span>
              )
            ) : null}
            {site.siteCode ? <span>{t('footer.siteCode', { code: site.siteCode })}</span> : null}
          </p>
        ) : null}
      </div>
    </footer>
  );
}
