/**
 * A challenge's phase, derived from its publication state and timeline on the server clock.
 * `now` is always passed in so the rule is testable and every page agrees on one instant.
 */
export const PHASES = ['draft', 'upcoming', 'open', 'judging', 'results'] as const;
export type Phase = (typeof PHASES)[number];
export type PublicPhase = Exclude<Phase, 'draft'>;
export const PUBLIC_PHASES: readonly PublicPhase[] = ['upcoming', 'open', 'judging', 'results'];

export interface ChallengeTimeline {
  status: 'draft' | 'published';
  opensAt: Date;
  closesAt: Date;
  judgingEndsAt: Date;
  resultsPublishedAt: Date | null;
}

export function challengePhase(challenge: ChallengeTimeline, now: Date): Phase {
  if (challenge.status !== 'published') return 'draft';
  if (challenge.resultsPublishedAt && challenge.resultsPublishedAt.getTime() <= now.getTime()) return 'results';
  if (now.getTime() < challenge.opensAt.getTime()) return 'upcoming';
  if (now.getTime() < challenge.closesAt.getTime()) return 'open';
  // Judging lasts until results are published, even past the planned end.
  return 'judging';
}

/** Submissions are accepted from the opening instant up to, but not including, the deadline. */
export function acceptsSubmissions(challenge: ChallengeTimeline, now: Date): boolean {
  return challengePhase(challenge, now) === 'open';
}

/** The next instant that matters to a visitor in this phase, for the countdown. */
export function nextMilestone(challenge: ChallengeTimeline, now: Date): { kind: 'opens' | 'closes' | 'judgingEnds'; at: Date } | null {
  switch (challengePhase(challenge, now)) {
    case 'upcoming':
      return { kind: 'opens', at: challenge.opensAt };
    case 'open':
      return { kind: 'closes', at: challenge.closesAt };
    case 'judging':
      return challenge.judgingEndsAt.getTime() > now.getTime() ? { kind: 'judgingEnds', at: challenge.judgingEndsAt } : null;
    default:
      return null;
  }
}
