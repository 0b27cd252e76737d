/** The DCAT catalogue's own address: sends each client to the serialisation its Accept header asks for. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { negotiatedCatalogue } from '~/services/dcat/documents.server';

export async function loader({ request }: LoaderFunctionArgs) {
  return negotiatedCatalogue(request);
}
