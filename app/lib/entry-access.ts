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
  blindJudging: boolean;
  /** The viewer's place in the team, if any (active members only). */
  membership: 'owner' | 'member' | null;
  /** An official of the challenge's department, or an admin. */
  isOrganiser: boolean;
  /** A judge of this challenge. */
  isJudge: boolean;
}

export interface EntryAccess {
  view: boolean;
  /** Whether names and e-mails of the team may be shown (not to judges of a blind challenge). */
  seeTeam: boolean;
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  manageTeam: boolean;
  /** Why a team member cannot change the entry right now, for a clear message. */
  lockedReason: 'deadlinePassed' | 'notOpenYet' | 'withdrawn' | 'disqualified' | null;
}

function publicNow(facts: EntryFacts): boolean {
  if (facts.status !== 'submitted') return false;
  if (facts.phase === 'results') return true;
  return facts.entriesPublic && facts.phase !== 'draft';
}

export function entryAccess(facts: EntryFacts): EntryAccess {
  const member = facts.membership !== null;
  const owner = facts.membership === 'owner';
  const submittedOrLater = facts.status !== 'draft';
  const view =
    member ||
    (facts.isOrganiser && submittedOrLater) ||
    (facts.isJudge && facts.status === 'submitted') ||
    publicNow(facts);
  const seeTeam = view && (member || facts.isOrganiser || !(facts.isJudge && facts.blindJudging));
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
