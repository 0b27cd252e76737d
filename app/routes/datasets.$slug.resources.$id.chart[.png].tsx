/** The chart builder's chart as PNG, for the query string's chart and filters (see chart-views.server). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { chartDownloadResponse } from '~/services/chart-views.server';
import { readableResourceOr404 } from '~/services/datastore-access.server';
import { anonymousDownloadRefusal } from '~/services/download-limits.server';
import { chartImageLimiter } from '~/services/rate-limit.server';
import { getUser } from '~/services/session.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const resource = await readableResourceOr404(params, user);
  if (!user) {
    const refused = await anonymousDownloadRefusal(request, context.clientIp, chartImageLimiter, { href: `/datasets/${resource.dataset.slug}/resources/${resource.id}`, body: 'errors.tooManyChartImages.body' });
    if (refused) return refused;
  }
  return await chartDownloadResponse(request, resource, 'png');
}
