import { describe, expect, it } from 'vitest';
import { entriesArePublic, entryAccess, type EntryFacts } from './entry-access';

const facts = (over: Partial<EntryFacts>): EntryFacts => ({
  status: 'draft',
  phase: 'open',
  entriesPublic: false,
  peoplesChoice: false,
  blindJudging: false,
  membership: null,
  isOrganiser: false,
  reviewsEntry: false,
  ...over,
});

describe('entryAccess', () => {
  it('shows a draft to its team only', () => {
    expect(entryAccess(facts({ membership: 'member' })).view).toBe(true);
    expect(entryAccess(facts({ isOrganiser: true })).view).toBe(false);
    expect(entryAccess(facts({ reviewsEntry: true })).view).toBe(false);
    expect(entryAccess(facts({})).view).toBe(false);
  });

  it('shows a submitted entry to organisers and its judges, and to everyone in a gallery or after results', () => {
    const submitted = { status: 'submitted' as const };
    expect(entryAccess(facts({ ...submitted, isOrganiser: true })).view).toBe(true);
    expect(entryAccess(facts({ ...submitted, reviewsEntry: true })).view).toBe(true);
    // A judge of the challenge who is not to review this entry (not assigned, or conflicted).
    expect(entryAccess(facts({ ...submitted, phase: 'judging' })).view).toBe(false);
    expect(entryAccess(facts({ ...submitted })).view).toBe(false);
    expect(entryAccess(facts({ ...submitted, entriesPublic: true })).view).toBe(true);
    expect(entryAccess(facts({ ...submitted, phase: 'results' })).view).toBe(true);
    expect(entryAccess(facts({ status: 'withdrawn', phase: 'results' })).view).toBe(false);
  });

  it('hides the team of a blind challenge from judges and the public until results are out', () => {
    expect(entryAccess(facts({ status: 'submitted', reviewsEntry: true, blindJudging: true })).seeTeam).toBe(false);
    expect(entryAccess(facts({ status: 'submitted', entriesPublic: true, blindJudging: true })).seeTeam).toBe(false);
    // Signed out, in a public gallery: still no team, or a judge would simply sign out to look.
    expect(entryAccess(facts({ status: 'submitted', entriesPublic: true, blindJudging: true })).seeTeam).toBe(false);
    expect(entryAccess(facts({ status: 'submitted', membership: 'member', blindJudging: true })).seeTeam).toBe(true);
    expect(entryAccess(facts({ status: 'submitted', phase: 'results', blindJudging: true })).seeTeam).toBe(true);
    expect(entryAccess(facts({ status: 'submitted', isOrganiser: true, blindJudging: true })).seeTeam).toBe(true);
  });

  it("makes entries public for People's Choice voting from the deadline", () => {
    const pc = { entriesPublic: false, peoplesChoice: true };
    expect(entriesArePublic(pc, 'open')).toBe(false);
    expect(entriesArePublic(pc, 'judging')).toBe(true);
    expect(entriesArePublic({ entriesPublic: false, peoplesChoice: false }, 'judging')).toBe(false);
    expect(entriesArePublic({ entriesPublic: true, peoplesChoice: false }, 'upcoming')).toBe(false);
    expect(entriesArePublic({ entriesPublic: false, peoplesChoice: false }, 'results')).toBe(true);
  });

  it('lets members edit and the owner submit, withdraw and manage the team only while open', () => {
    const owner = entryAccess(facts({ membership: 'owner' }));
    expect(owner).toMatchObject({ edit: true, submit: true, withdraw: false, manageTeam: true, lockedReason: null });
    const member = entryAccess(facts({ membership: 'member' }));
    expect(member).toMatchObject({ edit: true, submit: false, manageTeam: false });
    const late = entryAccess(facts({ membership: 'owner', phase: 'judging', status: 'submitted' }));
    expect(late).toMatchObject({ view: true, edit: false, submit: false, withdraw: false, lockedReason: 'deadlinePassed' });
    expect(entryAccess(facts({ membership: 'owner', status: 'submitted' }))).toMatchObject({ edit: true, withdraw: true, submit: false });
    expect(entryAccess(facts({ membership: 'owner', status: 'withdrawn' })).lockedReason).toBe('withdrawn');
  });
});
