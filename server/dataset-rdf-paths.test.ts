import { describe, expect, it } from 'vitest';
import { datasetRdfTarget } from './dataset-rdf-paths';

describe('per-dataset RDF paths', () => {
  it('maps /datasets/<slug>.<format> onto the RDF route, keeping the query', () => {
    expect(datasetRdfTarget('/datasets/bus-routes.ttl', '/datasets/bus-routes.ttl')).toBe('/dcat/datasets/bus-routes.ttl');
    expect(datasetRdfTarget('/datasets/bus_routes-2.jsonld', '/datasets/bus_routes-2.jsonld?x=1')).toBe('/dcat/datasets/bus_routes-2.jsonld?x=1');
    expect(datasetRdfTarget('/datasets/a1.rdf', '/datasets/a1.rdf')).toBe('/dcat/datasets/a1.rdf');
  });

  it('leaves every other path alone', () => {
    for (const path of ['/datasets/bus-routes', '/datasets/bus-routes.csv', '/datasets/Bus.ttl', '/datasets/a/b.ttl', '/datasets/.ttl', '/catalog.ttl', '/datasets/bus-routes/resources/1/download/csv']) {
      expect(datasetRdfTarget(path, path), path).toBeNull();
    }
  });
});
