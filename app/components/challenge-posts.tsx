/** Announcements and FAQ entries; automatic announcements are translated notices, the rest Markdown. */
import { decodeNotice } from '~/lib/announcements';
import { useFormatters, useT } from './i18n';

export function PostBody({ automatic, body, html }: { automatic: boolean; body: string; html: string }) {
  const t = useT();
  const format = useFormatters();
  if (automatic) {
    const notice = decodeNotice(body);
    if (!notice) return null;
    return <p className="mt-1 text-slate-800">{t(`notice.${notice.kind}`, { date: notice.to ? format.dateTime(notice.to) : '' })}</p>;
  }
  return <div className="prose-jdz mt-1 text-sm" dangerouslySetInnerHTML={{ __html: html }} />;
}
