/** The chart builder's chart as SVG, for the query string's chart and filters (see chart-views.server). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { chartDownloadResponse } from '~/services/chart-views.server';
import { readableResourceOr404 } from '~/services/datastore-access.server';
import { getUser } from '~/services/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  return chartDownloadResponse(request, readableResourceOr404(params, await getUser(request)), 'svg');
}
