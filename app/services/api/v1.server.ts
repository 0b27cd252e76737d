/** The shapes of /api/v1 responses: plain JSON with absolute links, built from model data. */
import type { ChallengeSummary } from '~/models/challenges.server';
import type { DatasetDetail, DatasetSummary } from '~/models/datasets.server';

export function datasetSummaryJson(dataset: DatasetSummary, origin: string) {
  return {
    slug: dataset.slug,
    title: dataset.title,
    description: dataset.description,
    department: { slug: dataset.departmentSlug, name: dataset.departmentName },
    licence: dataset.licence,
    accessLevel: dataset.accessLevel,
    sharing: dataset.sharing,
    tags: dataset.tags,
    themes: dataset.themes,
    formats: dataset.formats,
    publishedAt: dataset.publishedAt?.toISOString() ?? null,
    updatedAt: dataset.updatedAt.toISOString(),
    url: `${origin}/datasets/${dataset.slug}`,
    apiUrl: `${origin}/api/v1/datasets/${dataset.slug}`,
  };
}

export function datasetDetailJson(dataset: DatasetDetail, origin: string) {
  return {
    ...datasetSummaryJson(dataset, origin),
    status: dataset.status,
    openConditions: dataset.openConditions,
    sharingConditions: dataset.sharingConditions,
    /** Whether the caller may read the rows, and where to apply when not. */
    rows: dataset.rows === 'none' ? { readable: false, apply: `${origin}/datasets/${dataset.slug}/apply` } : { readable: true },
    updateFrequency: dataset.updateFrequency,
    contact: { name: dataset.contactName, email: dataset.contactEmail },
    keyColumns: dataset.keyColumns,
    sourceUrl: dataset.sourceUrl || null,
    // Links to data offered elsewhere: listed as they are, with no rows here.
    links: dataset.resources.flatMap((r) => (r.linkUrl === null ? [] : [{ id: r.id, name: r.name, description: r.description, format: r.linkFormat || null, url: r.linkUrl }])),
    resources: dataset.resources
      .filter((r) => r.ready)
      .map((r) => {
        const base = `${origin}/datasets/${dataset.slug}/resources/${r.id}`;
        return {
          id: r.id,
          name: r.name,
          description: r.description,
          format: r.format,
          rowCount: r.rowCount,
          updatedAt: r.importedAt?.toISOString() ?? null,
          fields: r.columns.map((c) => ({ name: c.name, type: c.type, label: c.label ?? null, description: c.description ?? null })),
          rowsUrl: `${origin}/api/v1/datasets/${dataset.slug}/resources/${r.id}/rows`,
          downloads: { csv: `${base}/download/csv`, json: `${base}/download/json`, xlsx: `${base}/download/xlsx` },
          previewUrl: base,
        };
      }),
  };
}

export function challengeSummaryJson(challenge: ChallengeSummary, origin: string) {
  return {
    slug: challenge.slug,
    title: challenge.title,
    summary: challenge.summary,
    phase: challenge.phase,
    department: challenge.departmentName,
    timeline: {
      opensAt: challenge.opensAt.toISOString(),
      closesAt: challenge.closesAt.toISOString(),
      judgingEndsAt: challenge.judgingEndsAt.toISOString(),
      resultsPublishedAt: challenge.resultsPublishedAt?.toISOString() ?? null,
    },
    entryCount: challenge.entryCount,
    url: `${origin}/challenges/${challenge.slug}`,
    apiUrl: `${origin}/api/v1/challenges/${challenge.slug}`,
  };
}
