/** GET /api/v1/datasets/:slug — one dataset with its resources, fields and links. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getDatasetForViewer } from '~/models/datasets.server';
import { getApiCaller, siteOrigin } from '~/services/api-auth.server';
import { apiError, apiJson } from '~/services/api/json.server';
import { datasetDetailJson } from '~/services/api/v1.server';
import { countUsage } from '~/services/usage.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  countUsage('api');
  const caller = await getApiCaller(request);
  if (caller.invalidToken) return apiError(401, 'invalidToken', 'The API token is not valid');
  const dataset = await getDatasetForViewer({ slug: params.slug ?? '', viewer: caller.user });
  if (!dataset) return apiError(404, 'notFound', 'No such dataset');
  return apiJson(datasetDetailJson(dataset, siteOrigin(request)), { cache: dataset.status === 'published' && dataset.accessLevel === 'open' ? 'public' : 'private' });
}
