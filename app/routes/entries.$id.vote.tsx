/** People's Choice: cast, move or take back the viewer's vote (POST only; rate-limited). */
import { keepRetryAfter } from '~/lib/error-headers';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { safeRedirect } from '~/lib/safe-redirect';
import { castVote, withdrawVote } from '~/actions/votes.server';
import { webActor } from '~/services/actors.server';
import { readIntent, requireIdParam } from '~/services/form-helpers.server';
import { throwRateLimited, voteLimiter } from '~/services/rate-limit.server';
import { requireUser, requireVerifiedEmail } from '~/services/session.server';

export async function loader() {
  throw new Response('Method Not Allowed', { status: 405, headers: { Allow: 'POST' } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const entryId = requireIdParam(params.id);
  const form = await request.formData();
  const back = new URL(safeRedirect(String(form.get('redirectTo') ?? ''), `/entries/${entryId}`), 'http://local');
  back.searchParams.delete('voteProblem');
  back.searchParams.delete('voteEntry');
  const backTo = (problem?: string) => {
    if (problem) {
      back.searchParams.set('voteProblem', problem);
      back.searchParams.set('voteEntry', String(entryId));
    }
    return redirect(`${back.pathname}${back.search}#vote-${entryId}`);
  };
  requireVerifiedEmail(user, request, `${back.pathname}${back.search}`);
  const limited = await voteLimiter.attempt(`user:${user.id}`, Date.now());
  if (!limited.allowed) throwRateLimited(limited.retryAfterMs);
  const now = new Date();
  const intent = readIntent(form).name;
  const actor = webActor(user, context);
  const result = intent === 'unvote' ? await withdrawVote(actor, entryId, now) : await castVote(actor, entryId, now);
  if (!result.ok) {
    if (result.problem.kind === 'notFound') throw new Response('Not Found', { status: 404 });
    return backTo(result.problem.code);
  }
  return backTo();
}

/** Never rendered on success (the action redirects); present so a refusal (429) shows the translated error page. */
export default function VoteRoute() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const headers = keepRetryAfter;
