import { describe, expect, it } from 'vitest';
import { topValues } from './profile';

describe('topValues', () => {
  it('merges spellings of one value under the stored form', () => {
    expect(topValues([{ value: '是', count: 3 }, { value: '否', count: 2 }, { value: 'true', count: 2 }], 'boolean', 5)).toEqual([
      { value: 1, count: 5 },
      { value: 0, count: 2 },
    ]);
    expect(topValues([{ value: '1,000', count: 2 }, { value: '1000', count: 2 }, { value: '5', count: 3 }], 'integer', 1)).toEqual([{ value: 1000, count: 4 }]);
  });
});
