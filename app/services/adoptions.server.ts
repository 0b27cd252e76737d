/**
 * 成果转化 lists as the public page, the API and the Atom feed read them: one way to read the
 * filters from a URL, one JSON shape, one feed.
 */
import { config } from '~/config.server';
import { ADOPTION_STAGES, type AdoptionStage } from '~/lib/vocabulary';
import { zonedLocalToDate } from '~/lib/zoned-time';
import { adoptionHeadline, recentAdoptionUpdates, type AdoptionFilter, type AdoptionHeadline, type AdoptionRecord } from '~/models/adoptions.server';
import { getDepartmentBySlug } from '~/models/departments.server';

export interface ReadFilter {
  filter: AdoptionFilter;
  values: { department: string; stage: string; year: string };
  /** The first parameter that was not understood (the API refuses it; the page ignores it). */
  problem: { field: 'department' | 'stage' | 'year'; message: string } | null;
}

export async function readAdoptionFilter(params: URLSearchParams): Promise<ReadFilter> {
  const department = params.get('department')?.trim() ?? '';
  const stage = params.get('stage')?.trim() ?? '';
  const year = params.get('year')?.trim() ?? '';
  const filter: AdoptionFilter = {};
  let problem: ReadFilter['problem'] = null;
  if (department) {
    const found = await getDepartmentBySlug(department);
    if (found) filter.departmentId = found.id;
    else problem ??= { field: 'department', message: 'No department with this slug' };
  }
  if (stage) {
    const known = ADOPTION_STAGES.find((s) => s === stage);
    if (known) filter.stage = known;
    else problem ??= { field: 'stage', message: `stage must be one of ${ADOPTION_STAGES.join(', ')}` };
  }
  if (year) {
    if (/^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100) filter.year = Number(year);
    else problem ??= { field: 'year', message: 'year must be a four-digit year' };
  }
  return { filter, values: { department, stage, year }, problem };
}

/** The headline counts for a filter (the stage filter does not narrow them: they are the breakdown). */
export async function headlineFor(filter: AdoptionFilter): Promise<AdoptionHeadline> {
  const timeZone = config().timeZone;
  const yearRange =
    filter.year === undefined
      ? undefined
      : { from: zonedLocalToDate(`${filter.year}-01-01T00:00`, timeZone) ?? new Date(0), to: zonedLocalToDate(`${filter.year + 1}-01-01T00:00`, timeZone) ?? new Date(0) };
  return await adoptionHeadline({ departmentId: filter.departmentId, year: filter.year, yearRange });
}

export function adoptionJson(record: AdoptionRecord, origin: string) {
  return {
    id: record.id,
    stage: record.stage,
    notAdoptedReason: record.notAdoptedReason,
    awarded: record.awarded,
    entry: { id: record.entry.id, title: record.entry.title, url: `${origin}/entries/${record.entry.id}` },
    challenge: { slug: record.challenge.slug, title: record.challenge.title },
    department: { slug: record.department.slug, name: record.department.name },
    adoptedBy: record.adoptedBy.map((d) => ({ slug: d.slug, name: d.name })),
    link: record.link,
    outcomes: record.outcomes,
    credit: record.credit,
    terms: record.terms,
    teamResponse: record.teamResponse,
    resultsYear: record.resultsYear,
    updatedAt: record.lastUpdateAt.toISOString(),
  };
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** The newest adoption updates as an Atom feed (RFC 4287), in the site's language names for stages. */
export async function adoptionFeed(origin: string, title: string, stageName: (stage: AdoptionStage) => string): Promise<string> {
  const updates = await recentAdoptionUpdates(50);
  const updated = (updates[0]?.createdAt ?? new Date(0)).toISOString();
  const entries = updates.map(
    (u) => `  <entry>
    <id>${xml(`${origin}/adopted#update-${u.id}`)}</id>
    <title>${xml(`${u.entryTitle}: ${stageName(u.stage)}`)}</title>
    <updated>${u.createdAt.toISOString()}</updated>
    <link rel="alternate" href="${xml(`${origin}/entries/${u.entryId}#adoption`)}"/>
    <author><name>${xml(u.departmentName ?? u.challengeTitle)}</name></author>
    <summary>${xml(u.note)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${origin}/adopted`)}</id>
  <title>${xml(title)}</title>
  <updated>${updated}</updated>
  <link rel="self" href="${xml(`${origin}/adopted.atom`)}"/>
  <link rel="alternate" href="${xml(`${origin}/adopted`)}"/>
${entries.join('\n')}
</feed>
`;
}
