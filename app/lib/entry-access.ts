/**
 * Who may see and do what with an entry. Pure: the caller states the facts (the entry's status,
 * the challenge's phase and gallery setting, the viewer's relation to both) and gets the answer.
 * Every loader and action asks this; nothing is decided from ids in a URL or form.
 */
import type { Phase } from './phase';

export type EntryStatus = 'draft' | 'submitted' | 'withdrawn' | 'disqualified';

export interface EntryFacts {
  status: EntryStatus;
  phase: Phase;
  /** The challenge shows entries as soon as they are submitted (an ideas gallery). */
  entriesPublic: boolean;
  /** People's Choice: the public needs to see the entries it votes on. */
  peoplesChoice: boolean;
  blindJudging: boolean;
  /** The viewer's place in the team, if any (active members only). */
  membership: 'owner' | 'member' | null;
  /** An official of the challenge's department, or an admin. */
  isOrganiser: boolean;
  /** A judge who is to review this very entry (assigned and without a conflict). */
  reviewsEntry: boolean;
}

export interface EntryAccess {
  view: boolean;
  /** Whether names and e-mails of the team may be shown (not outside the team and organisers while judging is blind). */
  seeTeam: boolean;
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  manageTeam: boolean;
  /** Why a team member cannot change the entry right now, for a clear message. */
  lockedReason: 'deadlinePassed' | 'notOpenYet' | 'withdrawn' | 'disqualified' | null;
}

/**
 * Whether a challenge's submitted entries are public in this phase: with an ideas gallery as soon
 * as they are submitted; with People's Choice from the deadline, so the public can vote on them;
 * otherwise once results are published.
 */
export function entriesArePublic(challenge: { entriesPublic: boolean; peoplesChoice: boolean }, phase: Phase): boolean {
  if (phase === 'results') return true;
  if (phase === 'draft' || phase === 'upcoming') return false;
  if (challenge.entriesPublic) return true;
  return challenge.peoplesChoice && phase === 'judging';
}

function publicNow(facts: EntryFacts): boolean {
  return facts.status === 'submitted' && entriesArePublic(facts, facts.phase);
}

export function entryAccess(facts: EntryFacts): EntryAccess {
  const member = facts.membership !== null;
  const owner = facts.membership === 'owner';
  const submittedOrLater = facts.status !== 'draft';
  const view =
    member ||
    (facts.isOrganiser && submittedOrLater) ||
    (facts.reviewsEntry && facts.status === 'submitted') ||
    publicNow(facts);
  // Blind judging lasts until results are out. It hides the team from everyone outside it and the
  // organisers, not only from judges: a judge could otherwise read a public gallery signed out.
  const blind = facts.blindJudging && facts.phase !== 'results';
  const seeTeam = view && (member || facts.isOrganiser || !blind);
  let lockedReason: EntryAccess['lockedReason'] = null;
  if (facts.status === 'withdrawn') lockedReason = 'withdrawn';
  else if (facts.status === 'disqualified') lockedReason = 'disqualified';
  else if (facts.phase === 'upcoming' || facts.phase === 'draft') lockedReason = 'notOpenYet';
  else if (facts.phase !== 'open') lockedReason = 'deadlinePassed';
  const open = lockedReason === null;
  return {
    view,
    seeTeam,
    edit: member && open,
    submit: owner && open && facts.status === 'draft',
    withdraw: owner && open && facts.status === 'submitted',
    manageTeam: owner && open,
    lockedReason: member ? lockedReason : null,
  };
}
