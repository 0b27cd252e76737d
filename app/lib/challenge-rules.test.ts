import { describe, expect, it } from 'vitest';
import { changeProblems, describeChanges, timelineProblems, weightShares, type ChallengeSettings } from './challenge-rules';

const base: ChallengeSettings = {
  opensAt: new Date('2027-01-01T01:00:00Z'),
  closesAt: new Date('2027-02-01T10:00:00Z'),
  judgingEndsAt: new Date('2027-03-01T10:00:00Z'),
  title: '挑战',
  summary: '摘要',
  body: '说明',
  prizes: '',
  allowIdeas: true,
  allowPrototypes: true,
  teamSizeLimit: 5,
  blindJudging: false,
  peoplesChoice: false,
  entriesPublic: false,
  criteria: [{ name: '创新', description: '', weight: 50, maxScore: 10 }],
  datasetSlugs: ['bus-routes'],
};
const noKinds = { idea: false, prototype: false };
const later = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

describe('timelineProblems', () => {
  it('requires opens < closes < judging ends', () => {
    expect(timelineProblems(base)).toEqual([]);
    expect(timelineProblems({ ...base, closesAt: base.opensAt })).toEqual([{ field: 'closesAt', problem: 'closesBeforeOpens' }]);
    expect(timelineProblems({ ...base, judgingEndsAt: base.closesAt })).toEqual([{ field: 'judgingEndsAt', problem: 'judgingBeforeCloses' }]);
  });
});

describe('changeProblems', () => {
  it('lets anything change before the challenge opens', () => {
    const next = { ...base, opensAt: later(base.opensAt, 3), teamSizeLimit: 2, criteria: [] };
    expect(changeProblems({ current: base, next, phase: 'upcoming', kindsInUse: noKinds })).toEqual([]);
  });

  it('while open, the deadline may only be extended and the opening is fixed', () => {
    expect(changeProblems({ current: base, next: { ...base, closesAt: later(base.closesAt, 7) }, phase: 'open', kindsInUse: noKinds })).toEqual([]);
    expect(changeProblems({ current: base, next: { ...base, closesAt: later(base.closesAt, -1) }, phase: 'open', kindsInUse: noKinds })).toEqual([
      { field: 'closesAt', problem: 'deadlineOnlyLater' },
    ]);
    expect(changeProblems({ current: base, next: { ...base, opensAt: later(base.opensAt, 1) }, phase: 'open', kindsInUse: noKinds })).toContainEqual({
      field: 'opensAt',
      problem: 'opensFixed',
    });
  });

  it('freezes criteria and the deadline once judging starts', () => {
    const next = { ...base, criteria: [{ name: '创新', description: '', weight: 60, maxScore: 10 }], closesAt: later(base.closesAt, 3) };
    expect(changeProblems({ current: base, next, phase: 'judging', kindsInUse: noKinds })).toEqual([
      { field: 'closesAt', problem: 'deadlinePassed' },
      { field: 'criteria', problem: 'criteriaFrozen' },
    ]);
    expect(changeProblems({ current: base, next: { ...base, judgingEndsAt: later(base.judgingEndsAt, 5) }, phase: 'judging', kindsInUse: noKinds })).toEqual([]);
  });

  it("fixes the gallery and People's Choice once submissions open, but not before", () => {
    expect(changeProblems({ current: base, next: { ...base, peoplesChoice: true }, phase: 'upcoming', kindsInUse: noKinds })).toEqual([]);
    expect(changeProblems({ current: base, next: { ...base, peoplesChoice: true }, phase: 'open', kindsInUse: noKinds })).toEqual([{ field: 'visibility', problem: 'visibilityFixed' }]);
    expect(changeProblems({ current: { ...base, entriesPublic: true }, next: base, phase: 'judging', kindsInUse: noKinds })).toContainEqual({ field: 'visibility', problem: 'visibilityFixed' });
  });

  it('keeps kinds in use and never shrinks teams', () => {
    const next = { ...base, allowPrototypes: false, teamSizeLimit: 3 };
    expect(changeProblems({ current: base, next, phase: 'open', kindsInUse: { idea: false, prototype: true } })).toEqual([
      { field: 'kinds', problem: 'kindInUse' },
      { field: 'teamSizeLimit', problem: 'teamSizeOnlyLarger' },
    ]);
  });
});

describe('describeChanges', () => {
  it('names what participants need to hear about', () => {
    const next = { ...base, closesAt: later(base.closesAt, 7), body: '新说明', datasetSlugs: ['bus-routes', 'x'] };
    expect(describeChanges(base, next).map((n) => n.kind)).toEqual(['deadlineExtended', 'briefUpdated', 'datasetsUpdated']);
    expect(describeChanges(base, base)).toEqual([]);
  });
});

describe('weightShares', () => {
  it('gives each weight its share of the total', () => {
    expect(weightShares([20, 30, 50])).toEqual([0.2, 0.3, 0.5]);
    expect(weightShares([0, 0])).toEqual([0, 0]);
  });
});
