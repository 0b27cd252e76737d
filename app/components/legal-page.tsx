/** A legal document (privacy policy, terms of use) as published: its version, date and sanitized text. */
import { useFormatters, useT } from './i18n';

export function LegalDocumentView({ document }: { document: { version: number; html: string; createdAt: string | Date } | null }) {
  const t = useT();
  const format = useFormatters();
  if (!document) return <p className="mt-6 text-slate-700">{t('legal.none')}</p>;
  return (
    <>
      <p className="mt-2 text-sm text-slate-600">{t('legal.version', { version: document.version, date: format.date(document.createdAt) })}</p>
      {/* Rendered by the sanitizing Markdown renderer on the server. */}
      <div className="prose-jdz mt-6" dangerouslySetInnerHTML={{ __html: document.html }} />
    </>
  );
}
