/** GET /api/v1/datasets — published datasets, searchable and filterable like the catalogue page. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { DATASET_SORTS } from '~/lib/validation/dataset';
import { searchPublishedDatasets } from '~/models/datasets.server';
import { siteOrigin } from '~/services/api-auth.server';
import { apiError, apiJson, readLimitOffset } from '~/services/api/json.server';
import { datasetSummaryJson } from '~/services/api/v1.server';
import { countUsage } from '~/services/usage.server';

const MAX_LIMIT = 1000;
/** Closed datasets are never listed publicly, so the filter offers the other two levels. */
const PUBLIC_ACCESS_LEVELS = ['open', 'conditional'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  countUsage('api');
  const url = new URL(request.url);
  const window = readLimitOffset(url, { defaultLimit: 100, maxLimit: MAX_LIMIT });
  if (window instanceof Response) return window;
  const { limit, offset } = window;
  const sortParam = url.searchParams.get('sort');
  const sort = DATASET_SORTS.find((s) => s === sortParam);
  if (sortParam && !sort) return apiError(400, 'badSort', `sort must be one of ${DATASET_SORTS.join(', ')}`);
  const text = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  const accessParam = text('access_level');
  const access = PUBLIC_ACCESS_LEVELS.find((l) => l === accessParam);
  if (accessParam && !access) return apiError(400, 'badAccessLevel', `access_level must be one of ${PUBLIC_ACCESS_LEVELS.join(', ')}`);
  const { datasets, total } = await searchPublishedDatasets({
    q: text('q'),
    department: text('department'),
    tag: text('tag'),
    format: text('format'),
    licence: text('licence'),
    access,
    sort: sort ?? 'recent',
    limit,
    offset,
  });
  const origin = siteOrigin(request);
  return apiJson({ total, limit, offset, datasets: datasets.map((d) => datasetSummaryJson(d, origin)) });
}
