/** GET /api/v1/challenges/:slug — timeline, phase, criteria, datasets, entry count, public entries (paged by limit/offset). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { entriesArePublic } from '~/lib/entry-access';
import { createTranslator, DEFAULT_LOCALE } from '~/lib/i18n';
import { getChallengeForViewer } from '~/models/challenges.server';
import { listPublicEntries } from '~/models/submissions.server';
import { siteOrigin } from '~/services/api-auth.server';
import { apiError, apiJson, readLimitOffset } from '~/services/api/json.server';
import { challengeSummaryJson } from '~/services/api/v1.server';
import { countUsage } from '~/services/usage.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  countUsage('api');
  const now = new Date();
  // The public API never shows drafts, whoever asks.
  const challenge = await getChallengeForViewer({ slug: params.slug ?? '', viewer: null, now });
  if (!challenge) return apiError(404, 'notFound', 'No such challenge');
  const window = readLimitOffset(new URL(request.url), { defaultLimit: 100, maxLimit: 500 });
  if (window instanceof Response) return window;
  const origin = siteOrigin(request);
  // Award names in the platform's language; `kind` is the stable, untranslated value.
  const t = createTranslator(DEFAULT_LOCALE);
  const entries = await listPublicEntries(challenge, challenge.phase, window);
  return apiJson({
    ...challengeSummaryJson(challenge, origin),
    body: challenge.body,
    prizes: challenge.prizes,
    rules: {
      entryKinds: [...(challenge.allowIdeas ? ['idea'] : []), ...(challenge.allowPrototypes ? ['prototype'] : [])],
      teamSizeLimit: challenge.teamSizeLimit,
      blindJudging: challenge.blindJudging,
      peoplesChoice: challenge.peoplesChoice,
      entriesPublic: challenge.entriesPublic,
    },
    criteria: challenge.criteria.map((c) => ({ name: c.name, description: c.description, weight: c.weight, maxScore: c.maxScore })),
    datasets: challenge.datasets.map((d) => ({ slug: d.slug, title: d.title, department: d.departmentName, url: `${origin}/datasets/${d.slug}`, apiUrl: `${origin}/api/v1/datasets/${d.slug}` })),
    announcements: challenge.posts.filter((p) => p.kind === 'announcement' && !p.automatic).map((p) => ({ title: p.title, body: p.body, postedAt: p.createdAt.toISOString() })),
    faq: challenge.posts.filter((p) => p.kind === 'faq').map((p) => ({ question: p.title, answer: p.body })),
    // Empty until results are published (getChallengeForViewer only loads them then).
    awards: challenge.awards.map((a) => ({
      kind: a.kind,
      name: a.kind === 'custom' && a.customName ? a.customName : t(`award.${a.kind}`),
      title: a.title,
      team: a.teamName,
      entryId: a.entryId,
      url: `${origin}/entries/${a.entryId}`,
    })),
    resultsUrl: challenge.phase === 'results' ? `${origin}/challenges/${challenge.slug}/results` : null,
    entriesPage: { ...window, total: entriesArePublic(challenge, challenge.phase) ? challenge.entryCount : 0 },
    entries: entries.map((e) => ({ id: e.id, title: e.title, team: e.teamName, kind: e.kind, summary: e.summary, submittedAt: e.submittedAt?.toISOString() ?? null, url: `${origin}/entries/${e.id}` })),
  });
}
