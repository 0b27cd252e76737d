/**
 * GET /api/v1/adoptions — 成果转化 records (evaluating, piloting, in service; `stage=not_adopted` for
 * the others), filters: department, stage, year; paged by limit/offset.
 * POST /api/v1/adoptions — with the API token of an official of the challenge's department or of a
 * department taking the idea up: `{ entryId, stage, note, notAdoptedReason?, link?, outcomes?,
 * adoptedBy? }` creates the record on first use and otherwise appends a dated update; answers 201
 * with the whole record.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { recordAdoption } from '~/actions/adoptions.server';
import { createTranslator } from '~/lib/i18n';
import { adoptionApiSchema } from '~/lib/validation/adoption';
import { adoptionOfEntry, listAdoptions } from '~/models/adoptions.server';
import { getApiCaller, siteOrigin } from '~/services/api-auth.server';
import { apiError, apiJson, readLimitOffset } from '~/services/api/json.server';
import { adoptionJson, readAdoptionFilter } from '~/services/adoptions.server';
import { countUsage } from '~/services/usage.server';
import { FormTooLargeError, readLimitedText } from '~/services/uploads.server';

const MAX_LIMIT = 100;
/** An update is a few kilobytes of JSON; anything far larger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  countUsage('api');
  const url = new URL(request.url);
  const { filter, problem } = await readAdoptionFilter(url.searchParams);
  if (problem) return apiError(400, 'badFilter', problem.message, { field: problem.field });
  const window = readLimitOffset(url, { defaultLimit: 50, maxLimit: MAX_LIMIT });
  if (window instanceof Response) return window;
  const { total, adoptions } = await listAdoptions(filter, window);
  const origin = siteOrigin(request);
  return apiJson({ total, ...window, adoptions: adoptions.map((a) => adoptionJson(a, origin)) });
}

const english = createTranslator('en');

/** The JSON body, read at most MAX_BODY_BYTES far (a thrown API error response otherwise). */
async function readJson(request: Request): Promise<unknown> {
  let text: string;
  try {
    text = await readLimitedText(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof FormTooLargeError) throw apiError(413, 'tooLarge', `The body may be at most ${MAX_BODY_BYTES} bytes`);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw apiError(400, 'badJson', 'The body is not valid JSON');
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  countUsage('api');
  if (request.method !== 'POST') return apiError(405, 'methodNotAllowed', 'Use GET to read and POST to report');
  const caller = await getApiCaller(request);
  if (caller.invalidToken) return apiError(401, 'invalidToken', 'The API token is not valid');
  if (!caller.user || !caller.viaToken) return apiError(401, 'tokenRequired', 'Reporting needs an API token in the Authorization header');
  // Refused before the body is read: only officials and admins report.
  if (caller.user.role !== 'official' && caller.user.role !== 'admin') return apiError(403, 'forbidden', 'Only department officials report on adoption');
  const body = await readJson(request);
  const parsed = adoptionApiSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    const message = issue && issue.message.startsWith('errors.') ? english(issue.message as Parameters<typeof english>[0]) : (issue?.message ?? 'Invalid body');
    return apiError(400, 'invalid', message, { field });
  }
  const input = parsed.data;
  const user = caller.user;
  const saved = await recordAdoption(
    { user, ip: context.clientIp, via: 'api' },
    input.entryId,
    {
      stage: input.stage,
      notAdoptedReason: input.notAdoptedReason ?? null,
      note: input.note,
      ...(input.link !== undefined ? { link: input.link === '' ? null : input.link } : {}),
      ...(input.outcomes !== undefined ? { outcomes: input.outcomes } : {}),
      ...(input.adoptedBy !== undefined ? { adoptedBySlugs: input.adoptedBy } : {}),
    },
    new Date(),
  );
  if (!saved.ok) {
    const { problem } = saved;
    if (problem.kind === 'forbidden') return apiError(403, 'forbidden', 'Only officials of the challenge\'s department, or of a department taking the idea up, report on it');
    return apiError(400, problem.code, english(problem.message), problem.field ? { field: problem.field } : {});
  }
  const record = await adoptionOfEntry(input.entryId);
  return apiJson(record ? adoptionJson(record, siteOrigin(request)) : {}, { status: 201, cache: 'private' });
}
