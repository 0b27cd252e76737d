import { nextMilestone, type ChallengeTimeline } from '~/lib/phase';
import { timeLeft } from '~/lib/format';
import { useT } from './i18n';

/**
 * Time to the next milestone, computed from the server's `now` passed down by the loader so the
 * server render and hydration agree.
 */
export function Countdown({ challenge, now }: { challenge: ChallengeTimeline; now: Date }) {
  const t = useT();
  const milestone = nextMilestone(challenge, now);
  if (!milestone) return null;
  const left = timeLeft(milestone.at, now);
  const text =
    milestone.kind === 'closes' && left.days === 0
      ? t('countdown.closesToday', { hours: left.hours, minutes: left.minutes })
      : t(`countdown.${milestone.kind}`, { days: left.days, hours: left.hours });
  return (
    <time dateTime={new Date(milestone.at).toISOString()} className="text-sm text-slate-700">
      {text}
    </time>
  );
}
