import { describe, expect, it } from 'vitest';
import { challengeSchema } from './challenge';

const valid = {
  title: '用公交刷卡数据优化公交线路',
  summary: '哪些站点拥挤？',
  opensAt: '2027-01-01T09:00',
  closesAt: '2027-02-01T18:00',
  judgingEndsAt: '2027-03-01T18:00',
  allowIdeas: 'on',
  teamSizeLimit: '5',
  criteria: [{ name: '创新性', weight: '40', maxScore: '10' }],
};

describe('challengeSchema', () => {
  const schema = challengeSchema('Asia/Shanghai');

  it('accepts a complete challenge and reads checkboxes and numbers', () => {
    const parsed = schema.parse(valid);
    expect(parsed).toMatchObject({ allowIdeas: true, allowPrototypes: false, teamSizeLimit: 5, criteria: [{ name: '创新性', weight: 40, maxScore: 10, description: '' }] });
  });

  it('puts timeline errors on the field that is wrong', () => {
    const result = schema.safeParse({ ...valid, closesAt: '2026-12-31T09:00' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['closesAt', 'errors.challenge.closesBeforeOpens']]);
    const judging = schema.safeParse({ ...valid, judgingEndsAt: '2027-02-01T18:00' });
    expect(judging.error?.issues[0]?.path).toEqual(['judgingEndsAt']);
    expect(schema.safeParse({ ...valid, opensAt: '2027-02-30T09:00' }).error?.issues[0]?.message).toBe('errors.challenge.timeInvalid');
  });

  it('needs a kind of entry, a sensible team size and at least one valid criterion', () => {
    expect(schema.safeParse({ ...valid, allowIdeas: '' }).error?.issues[0]?.message).toBe('errors.challenge.kindRequired');
    expect(schema.safeParse({ ...valid, teamSizeLimit: '0' }).success).toBe(false);
    expect(schema.safeParse({ ...valid, criteria: [] }).success).toBe(false);
    expect(schema.safeParse({ ...valid, criteria: [{ name: 'x', weight: '0', maxScore: '10' }] }).success).toBe(false);
  });
});
