/** The DCAT catalogue in Turtle, a hundred datasets a page with Hydra paging (app/services/dcat). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { catalogueDocument } from '~/services/dcat/documents.server';

export async function loader({ request }: LoaderFunctionArgs) {
  return catalogueDocument(request, 'ttl');
}
