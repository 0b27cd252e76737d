import { Form, Link, useLocation } from '@remix-run/react';
import type { FollowTarget } from '~/lib/vocabulary';
import { useOptionalUser, useT } from './i18n';

/** Follow / unfollow; signed-out visitors get a way to sign in that brings them back. */
export function FollowButton({ targetType, targetId, following }: { targetType: FollowTarget; targetId: number; following: boolean }) {
  const t = useT();
  const user = useOptionalUser();
  const location = useLocation();
  const style =
    'inline-flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';
  if (!user) {
    return (
      <Link to={`/login?${new URLSearchParams({ redirectTo: `${location.pathname}${location.search}` })}`} className={`${style} border border-slate-300 bg-white text-slate-800 no-underline hover:bg-slate-50`}>
        {t('follow.signIn')}
      </Link>
    );
  }
  return (
    <Form method="post" action="/follow" preventScrollReset>
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <input type="hidden" name="follow" value={following ? '0' : '1'} />
      <button
        type="submit"
        aria-pressed={following}
        className={`${style} ${following ? 'border border-brand-700 bg-white text-brand-800 hover:bg-brand-50' : 'bg-brand-700 text-white hover:bg-brand-800'}`}
      >
        {following ? t('follow.following') : t('follow.follow')}
      </button>
    </Form>
  );
}
