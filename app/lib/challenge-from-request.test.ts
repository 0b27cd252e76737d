import { describe, expect, it } from 'vitest';
import { draftFromRequest, SUMMARY_MAX } from './challenge-from-request';

const headings = { need: '公众的数据需求', purpose: '需求用途' };

describe('draftFromRequest', () => {
  it('puts the description and the purpose under their headings', () => {
    const draft = draftFromRequest({ title: ' 公交到站时间数据 ', description: '希望开放实时到站数据。\n\n按线路分。', purpose: '做一个候车提醒小程序' }, headings);
    expect(draft.title).toBe('公交到站时间数据');
    expect(draft.summary).toBe('希望开放实时到站数据。');
    expect(draft.body).toBe('## 公众的数据需求\n\n希望开放实时到站数据。\n\n按线路分。\n\n## 需求用途\n\n做一个候车提醒小程序\n');
  });

  it('leaves out an empty purpose and clips a long summary by characters, not bytes', () => {
    const draft = draftFromRequest({ title: '数据', description: '长'.repeat(400), purpose: '  ' }, headings);
    expect(draft.body).not.toContain(headings.purpose);
    expect([...draft.summary]).toHaveLength(SUMMARY_MAX);
    expect(draft.summary.endsWith('…')).toBe(true);
  });

  it('falls back to the title when the description is empty', () => {
    expect(draftFromRequest({ title: '路灯数据', description: '', purpose: '' }, headings).summary).toBe('路灯数据');
  });
});
