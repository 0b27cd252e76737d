import { describe, expect, it } from 'vitest';
import { acceptsSubmissions, challengePhase, nextMilestone, type ChallengeTimeline } from './phase';

const timeline: ChallengeTimeline = {
  status: 'published',
  opensAt: new Date('2026-03-01T01:00:00Z'),
  closesAt: new Date('2026-04-01T10:00:00Z'),
  judgingEndsAt: new Date('2026-04-20T10:00:00Z'),
  resultsPublishedAt: null,
};
const at = (iso: string) => new Date(iso);

describe('challengePhase', () => {
  it('is draft until published, whatever the dates', () => {
    expect(challengePhase({ ...timeline, status: 'draft' }, at('2026-03-15T00:00:00Z'))).toBe('draft');
  });

  it('moves upcoming → open → judging on the exact instants', () => {
    expect(challengePhase(timeline, at('2026-03-01T00:59:59.999Z'))).toBe('upcoming');
    expect(challengePhase(timeline, at('2026-03-01T01:00:00Z'))).toBe('open');
    expect(challengePhase(timeline, at('2026-04-01T09:59:59.999Z'))).toBe('open');
    expect(challengePhase(timeline, at('2026-04-01T10:00:00Z'))).toBe('judging');
  });

  it('stays in judging past the planned end until results are published', () => {
    expect(challengePhase(timeline, at('2026-06-01T00:00:00Z'))).toBe('judging');
    const published = { ...timeline, resultsPublishedAt: at('2026-04-25T00:00:00Z') };
    expect(challengePhase(published, at('2026-04-24T23:59:59Z'))).toBe('judging');
    expect(challengePhase(published, at('2026-04-25T00:00:00Z'))).toBe('results');
  });

  it('accepts submissions only while open', () => {
    expect(acceptsSubmissions(timeline, at('2026-03-20T00:00:00Z'))).toBe(true);
    expect(acceptsSubmissions(timeline, at('2026-04-01T10:00:00Z'))).toBe(false);
  });
});

describe('nextMilestone', () => {
  it('points at what a visitor is waiting for', () => {
    expect(nextMilestone(timeline, at('2026-02-01T00:00:00Z'))?.kind).toBe('opens');
    expect(nextMilestone(timeline, at('2026-03-20T00:00:00Z'))?.kind).toBe('closes');
    expect(nextMilestone(timeline, at('2026-04-10T00:00:00Z'))?.kind).toBe('judgingEnds');
    expect(nextMilestone(timeline, at('2026-05-10T00:00:00Z'))).toBeNull();
  });
});
