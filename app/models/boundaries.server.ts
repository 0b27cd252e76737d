/**
 * Boundaries kept from GeoJSON resources (polygons simplified at import), and the published ones
 * that maps may draw: a choropleth colours a boundary resource's features by a measure of another
 * resource's rows, matched by division code (行政区划代码) or name.
 */
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { transaction } from './transaction.server';
import { boundaryFeatures, datasetResources, datasets } from '../../db/tables';

export interface BoundaryFeature {
  position: number;
  code: string | null;
  name: string | null;
  geometry: number[][][][];
  bbox: [number, number, number, number];
}

export interface BoundaryLayer {
  resourceId: number;
  name: string;
  datasetSlug: string;
  datasetTitle: string;
  features: number;
  bbox: [number, number, number, number];
}

/** Replaces a resource's boundaries with those of its newest import (none for a table upload). */
export async function replaceBoundaryFeatures(resourceId: number, features: readonly BoundaryFeature[]): Promise<void> {
  await transaction(async (tx) => {
    await tx.delete(boundaryFeatures).where(eq(boundaryFeatures.resourceId, resourceId));
    for (let i = 0; i < features.length; i += 200) {
      await tx.insert(boundaryFeatures)
        .values(
          features.slice(i, i + 200).map((f) => ({
            resourceId,
            position: f.position,
            code: f.code,
            name: f.name,
            geometry: f.geometry,
            minLng: f.bbox[0],
            minLat: f.bbox[1],
            maxLng: f.bbox[2],
            maxLat: f.bbox[3],
          })),
        );
    }
  });
}

/** Boundary layers of published datasets, largest area first (a city's districts before a township's villages). */
export async function listPublishedBoundaryLayers(limit = 50): Promise<BoundaryLayer[]> {
  const rows = await getDb()
    .select({
      resourceId: boundaryFeatures.resourceId,
      name: datasetResources.name,
      datasetSlug: datasets.slug,
      datasetTitle: datasets.title,
      features: sql<number>`count(*)`,
      minLng: sql<number>`min(${boundaryFeatures.minLng})`,
      minLat: sql<number>`min(${boundaryFeatures.minLat})`,
      maxLng: sql<number>`max(${boundaryFeatures.maxLng})`,
      maxLat: sql<number>`max(${boundaryFeatures.maxLat})`,
    })
    .from(boundaryFeatures)
    .innerJoin(datasetResources, eq(datasetResources.id, boundaryFeatures.resourceId))
    .innerJoin(datasets, eq(datasets.id, datasetResources.datasetId))
    .where(and(eq(datasets.status, 'published'), eq(datasets.accessLevel, 'open'), isNotNull(datasetResources.tableName), eq(datasetResources.importStatus, 'ready')))
    .groupBy(boundaryFeatures.resourceId, datasetResources.name, datasets.slug, datasets.title)
    .orderBy(asc(boundaryFeatures.resourceId))
    .limit(limit);
  return rows
    .map((r) => ({ resourceId: r.resourceId, name: r.name, datasetSlug: r.datasetSlug, datasetTitle: r.datasetTitle, features: r.features, bbox: [r.minLng, r.minLat, r.maxLng, r.maxLat] as [number, number, number, number] }))
    .sort((a, b) => (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]) - (a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]));
}

/** A resource's boundary features, in file order. */
export async function boundaryFeaturesOf(resourceId: number): Promise<BoundaryFeature[]> {
  return (await getDb()
    .select()
    .from(boundaryFeatures)
    .where(eq(boundaryFeatures.resourceId, resourceId))
    .orderBy(asc(boundaryFeatures.position)))
    .map((f) => ({ position: f.position, code: f.code, name: f.name, geometry: f.geometry, bbox: [f.minLng, f.minLat, f.maxLng, f.maxLat] }));
}

/** A layer's features' codes and names only (for matching, without reading the shapes). */
export async function boundaryKeysOf(resourceId: number): Promise<{ position: number; code: string | null; name: string | null }[]> {
  return await getDb()
    .select({ position: boundaryFeatures.position, code: boundaryFeatures.code, name: boundaryFeatures.name })
    .from(boundaryFeatures)
    .where(eq(boundaryFeatures.resourceId, resourceId))
    .orderBy(asc(boundaryFeatures.position));
}

/** Which of these division codes have a boundary in the given layer (for "no boundary for …" notes). */
export async function boundaryCodesAmong(resourceId: number, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const found = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await getDb()
      .select({ code: boundaryFeatures.code })
      .from(boundaryFeatures)
      .where(and(eq(boundaryFeatures.resourceId, resourceId), inArray(boundaryFeatures.code, codes.slice(i, i + 500))));
    for (const r of rows) if (r.code) found.add(r.code);
  }
  return found;
}

/** The names published boundaries give these division codes (a DCAT dct:spatial label), one query. */
export async function boundaryNamesByCode(codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await getDb()
    .select({ code: boundaryFeatures.code, name: boundaryFeatures.name })
    .from(boundaryFeatures)
    .innerJoin(datasetResources, eq(datasetResources.id, boundaryFeatures.resourceId))
    .innerJoin(datasets, eq(datasets.id, datasetResources.datasetId))
    .where(and(inArray(boundaryFeatures.code, [...codes]), isNotNull(boundaryFeatures.name), eq(datasets.status, 'published'), eq(datasets.accessLevel, 'open'), isNotNull(datasetResources.tableName)));
  const names = new Map<string, string>();
  for (const row of rows) if (row.code && row.name && !names.has(row.code)) names.set(row.code, row.name);
  return names;
}
