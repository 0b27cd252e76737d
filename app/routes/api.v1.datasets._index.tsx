/** GET /api/v1/datasets — published datasets, searchable and filterable like the catalogue page. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { DATASET_SORTS } from '~/lib/validation/dataset';
import { searchPublishedDatasets } from '~/models/datasets.server';
import { siteOrigin } from '~/services/api-auth.server';
import { apiError, apiJson } from '~/services/api/json.server';
import { datasetSummaryJson } from '~/services/api/v1.server';

const MAX_LIMIT = 1000;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const number = (name: string, fallback: number) => {
    const raw = url.searchParams.get(name);
    return raw === null || raw === '' ? fallback : /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  };
  const limit = number('limit', 100);
  const offset = number('offset', 0);
  if (!Number.isFinite(limit) || limit < 1) return apiError(400, 'badLimit', 'limit must be a positive integer');
  if (!Number.isFinite(offset)) return apiError(400, 'badOffset', 'offset must be a non-negative integer');
  const sortParam = url.searchParams.get('sort');
  const sort = DATASET_SORTS.find((s) => s === sortParam);
  if (sortParam && !sort) return apiError(400, 'badSort', `sort must be one of ${DATASET_SORTS.join(', ')}`);
  const text = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  const { datasets, total } = searchPublishedDatasets({
    q: text('q'),
    department: text('department'),
    tag: text('tag'),
    format: text('format'),
    licence: text('licence'),
    sort: sort ?? 'recent',
    limit: Math.min(limit, MAX_LIMIT),
    offset,
  });
  const origin = siteOrigin(request);
  return apiJson({ total, limit: Math.min(limit, MAX_LIMIT), offset, datasets: datasets.map((d) => datasetSummaryJson(d, origin)) });
}
