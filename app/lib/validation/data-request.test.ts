import { describe, expect, it } from 'vitest';
import { answerSchema, dataRequestSchema, isPlannedDate } from './data-request';

const today = new Date('2026-11-28T00:00:00Z');

describe('data request answers', () => {
  it('needs a future month for a planned release', () => {
    expect(isPlannedDate('2026-11', today)).toBe(true);
    expect(isPlannedDate('2027-06-30', today)).toBe(true);
    expect(isPlannedDate('2026-10', today)).toBe(false);
    expect(isPlannedDate('2027-02-30', today)).toBe(false);
    expect(isPlannedDate('明年', today)).toBe(false);
    const result = answerSchema(today).safeParse({ status: 'planned', plannedFor: '' });
    expect(result.success).toBe(false);
  });

  it('needs a dataset for exists, fulfilled and released', () => {
    for (const status of ['exists', 'fulfilled', 'released']) {
      expect(answerSchema(today).safeParse({ status }).success, status).toBe(false);
      expect(answerSchema(today).safeParse({ status, dataset: 'bus-routes' }).success, status).toBe(true);
    }
  });

  it('needs a reason to decline, and an explanation for "other"', () => {
    expect(answerSchema(today).safeParse({ status: 'declined' }).success).toBe(false);
    expect(answerSchema(today).safeParse({ status: 'declined', declineReason: 'personal_data' }).success).toBe(true);
    expect(answerSchema(today).safeParse({ status: 'declined', declineReason: 'other', note: '不行' }).success).toBe(false);
    expect(answerSchema(today).safeParse({ status: 'declined', declineReason: 'other', note: '该数据由省级部门统一管理，请向省厅申请。' }).success).toBe(true);
    expect(answerSchema(today).safeParse({ status: 'open' }).success).toBe(false);
  });
});

describe('asking for data', () => {
  it('asks for a specific title and description', () => {
    expect(dataRequestSchema.safeParse({ title: '数据', description: '我想要数据' }).success).toBe(false);
    expect(dataRequestSchema.safeParse({ title: '公交实时到站数据', description: '每个站点每辆车的预计到站时间' }).success).toBe(true);
  });
});
