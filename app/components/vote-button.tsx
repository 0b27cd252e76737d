/**
 * People's Choice voting for one entry. The server decides everything (window, own team, one vote
 * per challenge); this only shows the viewer's state and any refusal that came back in the URL.
 */
import { Form, Link, useLocation, useSearchParams } from '@remix-run/react';
import { useOptionalUser, useT } from './i18n';

export interface VoteContext {
  open: boolean;
  myVote: number | null;
  ineligible: 'judge' | 'organiser' | null;
}

const PROBLEMS = ['closed', 'ownEntry', 'rateLimited', 'judge', 'organiser'] as const;

export function VoteButton({ entryId, vote, ownEntry = false }: { entryId: number; vote: VoteContext; ownEntry?: boolean }) {
  const t = useT();
  const user = useOptionalUser();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const here = `${location.pathname}${location.search}`;
  const problem = PROBLEMS.find((p) => p === searchParams.get('voteProblem'));
  const mine = vote.myVote === entryId;
  // The refusal belongs to the entry the viewer just tried.
  const showProblem = problem && searchParams.get('voteEntry') === String(entryId);
  if (!vote.open) return null;
  return (
    <div id={`vote-${entryId}`} className="mt-3">
      {!user ? (
        <Link to={`/login?${new URLSearchParams({ redirectTo: here })}`} className="text-sm">
          {t('vote.signIn')}
        </Link>
      ) : vote.ineligible ? (
        <p className="text-sm text-slate-600">{t(`vote.problem.${vote.ineligible}`)}</p>
      ) : ownEntry ? (
        <p className="text-sm text-slate-600">{t('vote.ownEntry')}</p>
      ) : (
        <Form method="post" action={`/entries/${entryId}/vote`} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="redirectTo" value={here} />
          {mine ? (
            <>
              <span className="rounded-full bg-gold-100 px-2.5 py-0.5 text-sm font-medium text-gold-800">{t('vote.yourVote')}</span>
              <button type="submit" name="intent" value="unvote" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm text-slate-800 hover:bg-slate-50">
                {t('vote.withdraw')}
              </button>
            </>
          ) : (
            <button type="submit" name="intent" value="vote" className="rounded-md bg-brand-700 px-3 py-1 text-sm font-medium text-white hover:bg-brand-800">
              {vote.myVote !== null ? t('vote.moveHere') : t('vote.cast')}
            </button>
          )}
        </Form>
      )}
      {showProblem ? (
        <p role="alert" className="mt-1 text-sm text-rose-700">
          {t(`vote.problem.${problem}`)}
        </p>
      ) : null}
    </div>
  );
}
