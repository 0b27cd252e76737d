/**
 * `/datasets/<slug>.ttl`, `.rdf` and `.jsonld` (ckanext-dcat's per-dataset addresses) are served by
 * the route at `/dcat/datasets/<slug>.<format>`: React Router matches whole path segments only, so
 * `/datasets/:slug` would otherwise take `bus-routes.ttl` for a slug. The request is mapped before
 * Remix sees it; the page-cache key and the Remix request both follow `originalUrl`, so it moves too.
 */
import type { NextFunction, Request, Response } from 'express';
import { DATASET_RDF_PATH } from '../app/lib/dcat';

/** The internal address for a per-dataset RDF path (its query kept), or null for any other path. */
export function datasetRdfTarget(path: string, url: string): string | null {
  if (!DATASET_RDF_PATH.test(path)) return null;
  const query = url.indexOf('?');
  return `/dcat${path}${query === -1 ? '' : url.slice(query)}`;
}

export function datasetRdfPaths() {
  return (req: Request, _res: Response, next: NextFunction) => {
    const target = req.method === 'GET' || req.method === 'HEAD' ? datasetRdfTarget(req.path, req.originalUrl) : null;
    if (target) {
      req.url = target;
      req.originalUrl = target;
    }
    next();
  };
}
