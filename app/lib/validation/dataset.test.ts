import { describe, expect, it } from 'vitest';
import { datasetSchema, keyColumnsFromForm, parseTags, suggestSlug } from './dataset';

const valid = { title: '公交线路', licence: 'cc-by-4.0', updateFrequency: 'monthly' };

describe('dataset form', () => {
  it('accepts a minimal dataset and fills optional fields', () => {
    const parsed = datasetSchema.parse(valid);
    expect(parsed).toMatchObject({ title: '公交线路', slug: '', description: '', tags: [], contactEmail: '' });
  });

  it('splits tags on ASCII and Chinese separators and drops duplicates', () => {
    expect(parseTags('公交, 客流，公交、交通;出行')).toEqual(['公交', '客流', '交通', '出行']);
    expect(datasetSchema.safeParse({ ...valid, tags: Array.from({ length: 11 }, (_, i) => `t${i}`).join(',') }).success).toBe(false);
  });

  it('checks the slug against CKAN’s name rule and the contact e-mail', () => {
    expect(datasetSchema.safeParse({ ...valid, slug: 'Bus-Routes' }).success).toBe(true);
    expect(datasetSchema.safeParse({ ...valid, slug: '公交' }).success).toBe(false);
    expect(datasetSchema.safeParse({ ...valid, slug: 'a' }).success).toBe(false);
    expect(datasetSchema.safeParse({ ...valid, contactEmail: 'not-mail' }).success).toBe(false);
    expect(datasetSchema.safeParse({ ...valid, licence: 'proprietary' }).success).toBe(false);
  });

  it('collects key columns by kind', () => {
    const parsed = datasetSchema.parse({ ...valid, 'key.uscc': '统一社会信用代码', 'key.date': '' });
    expect(keyColumnsFromForm(parsed)).toEqual([{ column: '统一社会信用代码', kind: 'uscc' }]);
  });

  it('suggests a valid slug even for an all-Chinese title', () => {
    expect(suggestSlug('公交刷卡客流', () => 0.5)).toMatch(/^dataset-[a-z0-9]{5}$/);
    expect(suggestSlug('2025 GDP 统计', () => 0)).toBe('2025-gdp-00000');
  });
});
