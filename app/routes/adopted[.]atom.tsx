/** /adopted.atom — the newest 成果转化 updates across all challenges, as an Atom feed. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { createTranslator } from '~/lib/i18n';
import { adoptionFeed } from '~/services/adoptions.server';
import { getLocale } from '~/services/locale.server';
import { siteOrigin } from '~/services/site-origin.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const t = createTranslator(await getLocale(request));
  const body = await adoptionFeed(siteOrigin(request), t('adopted.feedTitle'), (stage) => t(`adoption.stage.${stage}`));
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' } });
}
