/** Shared by the preview page, downloads and the APIs: resolve a readable resource and its query. */
import { parseRowQuery, type QueryLimits, type QueryProblem, type RowQuery } from '~/lib/datastore-query';
import type { Viewer } from '~/lib/access';
import { getReadableResource, type ReadableResource } from '~/models/resources.server';
import { requireIdParam } from './form-helpers.server';

export function readableResourceOr404(params: { slug?: string; id?: string }, viewer: Viewer | null): ReadableResource {
  const resource = getReadableResource({ datasetSlug: params.slug ?? '', resourceId: requireIdParam(params.id), viewer });
  if (!resource) throw new Response('Not Found', { status: 404 });
  return resource;
}

export function parseResourceQuery(resource: ReadableResource, search: URLSearchParams, limits: QueryLimits): { query: RowQuery } | { problem: QueryProblem } {
  const parsed = parseRowQuery(search, resource.columns, limits);
  return parsed.ok ? { query: parsed.query } : { problem: parsed.problem };
}
