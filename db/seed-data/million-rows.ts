/**
 * The big table of the scale seed: licensing and registration cases of market entities (办件明细),
 * ten columns — a case number, the entity's 统一社会信用代码 (the join key), the kind of case,
 * district name and code, dates, a duration, a fee and a yes/no — and nothing personal, so it
 * passes the privacy scan as uploaded. Written as CSV chunks, never held in memory whole.
 */
import { unifiedSocialCreditCode } from './codes';
import type { Random } from './random';
import { CITIES, districtsOf } from './scale-text';

export const MILLION_HEADER = ['办件编号', '统一社会信用代码', '事项类别', '区县', '行政区划代码', '受理日期', '办结日期', '办理时长（天）', '收费金额（元）', '网上办理'];

export const MILLION_DICTIONARY = [
  { name: '办件编号', description: '政务服务平台生成的办件流水号' },
  { name: '统一社会信用代码', description: '申请主体的 18 位统一社会信用代码' },
  { name: '办结日期', description: '尚未办结的为空' },
  { name: '收费金额（元）', description: '行政事业性收费，免费事项为 0' },
];

const CASE_KINDS = ['设立登记', '变更登记', '注销登记', '食品经营许可', '药品经营许可', '特种设备使用登记', '广告发布登记', '年报公示', '股权出质登记', '动产抵押登记'];
const FEES = [0, 0, 0, 0, 10, 20, 50, 100, 150.5, 300];

/** Registered entities the cases belong to; `known` codes (other datasets' entities) come first so the key joins. */
export function entityCodes(random: Random, count: number, known: readonly string[]): string[] {
  const codes = [...known];
  const regions = CITIES.flatMap(districtsOf).map((d) => d.code);
  while (codes.length < count) codes.push(unifiedSocialCreditCode(random, random.pick(regions)));
  return codes;
}

function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.join(',')}\n`;
}

/** The CSV file as UTF-8 chunks of about a megabyte. */
export function* millionRowsCsv(random: Random, rows: number, entities: readonly string[]): Generator<Buffer> {
  const districts = CITIES.flatMap((city) => districtsOf(city).map((d) => ({ name: d.name, code: d.code })));
  // Dates as text once, not one Date per cell: 2023-01-01 plus up to 900 days.
  const day0 = Date.UTC(2023, 0, 1);
  const days = Array.from({ length: 960 }, (_, i) => new Date(day0 + i * 86_400_000).toISOString().slice(0, 10));
  let chunk = csvLine(MILLION_HEADER);
  for (let i = 0; i < rows; i += 1) {
    const district = districts[random.int(0, districts.length - 1)] as { name: string; code: string };
    const accepted = random.int(0, 900);
    const finished = random.chance(0.97);
    const duration = random.int(0, 30);
    chunk += csvLine([
      `BJ${days[accepted]?.slice(0, 4)}${String(i + 1).padStart(8, '0')}`,
      entities[random.int(0, entities.length - 1)] as string,
      CASE_KINDS[random.int(0, CASE_KINDS.length - 1)] as string,
      district.name,
      district.code,
      days[accepted] as string,
      finished ? (days[accepted + duration] as string) : '',
      finished ? duration : '',
      (FEES[random.int(0, FEES.length - 1)] as number).toFixed(2),
      random.chance(0.7) ? '是' : '否',
    ]);
    if (chunk.length >= 1 << 19) {
      yield Buffer.from(chunk, 'utf8');
      chunk = '';
    }
  }
  if (chunk.length > 0) yield Buffer.from(chunk, 'utf8');
}
