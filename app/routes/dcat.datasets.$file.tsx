/**
 * One dataset in DCAT: `/datasets/<slug>.ttl`, `.rdf` and `.jsonld` arrive here (server/index.ts
 * maps them, since a route cannot match part of a path segment); public exactly when its page is.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { datasetDocument } from '~/services/dcat/documents.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  return await datasetDocument(request, params.file ?? '');
}
