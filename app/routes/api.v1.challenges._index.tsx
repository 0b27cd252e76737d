/** GET /api/v1/challenges — published challenges with their phase; filters: phase, department; paged by limit/offset. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { PUBLIC_PHASES } from '~/lib/phase';
import { listPublicChallenges } from '~/models/challenges.server';
import { siteOrigin } from '~/services/api-auth.server';
import { apiError, apiJson, readLimitOffset } from '~/services/api/json.server';
import { challengeSummaryJson } from '~/services/api/v1.server';
import { countUsage } from '~/services/usage.server';

const MAX_LIMIT = 1000;

export async function loader({ request }: LoaderFunctionArgs) {
  countUsage('api');
  const url = new URL(request.url);
  const phaseParam = url.searchParams.get('phase');
  const phase = PUBLIC_PHASES.find((p) => p === phaseParam);
  if (phaseParam && !phase) return apiError(400, 'badPhase', `phase must be one of ${PUBLIC_PHASES.join(', ')}`);
  const window = readLimitOffset(url, { defaultLimit: 100, maxLimit: MAX_LIMIT });
  if (window instanceof Response) return window;
  const department = url.searchParams.get('department')?.trim() || undefined;
  const { challenges, total } = await listPublicChallenges({ now: new Date(), phase, department, sort: 'deadline', ...window });
  const origin = siteOrigin(request);
  return apiJson({ total, ...window, challenges: challenges.map((c) => challengeSummaryJson(c, origin)) });
}
