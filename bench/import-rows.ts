/**
 * The rows every import benchmark uses: 10 columns of the kinds a transit or registry table has
 * (ids, dates, codes, Chinese text with quotes and commas, integers, decimals, yes/no).
 */
export const HEADER = ['编号', '日期', '区县', '线路', '站点', '上车人次', '下车人次', '金额', '备注', '是否节假日'];

export function benchRow(i: number): (string | number)[] {
  return [
    i,
    `2025-10-${String((i % 28) + 1).padStart(2, '0')}`,
    ['城关区', '北湖区', '高新区', '南山县', '柳河县'][i % 5] as string,
    `${i % 50}路`,
    `站点${i % 300}`,
    i % 1000,
    (i * 7) % 1000,
    (i % 10000) / 100,
    `说明, 第${i}行`,
    i % 7 === 0 ? '是' : '否',
  ];
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function benchCsvLine(i: number): string {
  return `${benchRow(i).map(csvField).join(',')}\n`;
}
