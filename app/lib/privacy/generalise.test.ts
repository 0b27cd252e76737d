import { describe, expect, it } from 'vitest';
import { ageBand, districtOf, generalise } from './generalise';

describe('generalise', () => {
  it('turns dates into years and months', () => {
    expect(generalise('2024-03-15', 'year')).toBe('2024');
    expect(generalise('2024/3/5 08:30', 'yearMonth')).toBe('2024-03');
    expect(generalise('2024年3月15日', 'yearMonth')).toBe('2024-03');
    expect(generalise('20240315', 'year')).toBe('2024');
    expect(generalise('2024-13-01', 'yearMonth')).toBeNull();
    expect(generalise('不详', 'year')).toBeNull();
  });

  it('turns an ID number into birth year and prefecture', () => {
    expect(generalise('330102198502150019', 'birthYearRegion')).toBe('1985 · 330100');
    expect(generalise('330102198502150019', 'year')).toBe('1985');
    expect(generalise('330102198502150018', 'birthYearRegion')).toBeNull();
  });

  it('turns an address into its district', () => {
    expect(districtOf('浙江省云溪市城东区人民路12号')).toBe('浙江省云溪市城东区');
    expect(districtOf('北京市朝阳区建国路88号院3号楼')).toBe('北京市朝阳区');
    expect(districtOf('广西壮族自治区南宁市青秀区民族大道100号')).toBe('广西壮族自治区南宁市青秀区');
    expect(districtOf('浙江省杭州市建德市新安江街道1号')).toBe('浙江省杭州市建德市');
    expect(districtOf('城西区幸福小区5栋')).toBe('城西区');
    expect(districtOf('幸福小区5栋')).toBeNull();
    expect(generalise('云溪县王家镇李村三组15号', 'district')).toBe('云溪县');
  });

  it('puts ages into five-year bands', () => {
    expect(ageBand('34')).toBe('30-34');
    expect(ageBand('35岁')).toBe('35-39');
    expect(generalise('0', 'ageBand5')).toBe('0-4');
    expect(generalise('200', 'ageBand5')).toBeNull();
    expect(generalise('abc', 'ageBand5')).toBeNull();
  });
});
