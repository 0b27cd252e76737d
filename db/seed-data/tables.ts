/**
 * Demo tables shaped like what Chinese local governments publish on their open-data portals.
 * The city (云溪市) and its districts are fictional; the figures are generated but plausible.
 */
import type { DatastoreColumn } from '../schema';
import { unifiedSocialCreditCode } from './codes';
import type { Random } from './random';

export type Cell = string | number | null;

export interface DemoTable {
  columns: DatastoreColumn[];
  rows: Cell[][];
}

export const DISTRICTS = [
  { name: '城关区', code: '530702' },
  { name: '北湖区', code: '530703' },
  { name: '高新区', code: '530771' },
  { name: '南山县', code: '530721' },
  { name: '柳河县', code: '530722' },
] as const;

/** Each district's box (west, south, east, north); together they tile the city's area. */
const DISTRICT_BOXES: Record<(typeof DISTRICTS)[number]['code'], [number, number, number, number]> = {
  '530702': [103.85, 27.35, 104.1, 27.5],
  '530703': [103.6, 27.5, 104.1, 27.7],
  '530771': [104.1, 27.35, 104.4, 27.7],
  '530721': [103.6, 27.1, 103.85, 27.5],
  '530722': [103.85, 27.1, 104.4, 27.35],
};

/** Each district's outline, with the corners where its neighbours' edges meet (shared edges match exactly). */
const DISTRICT_OUTLINES: Record<(typeof DISTRICTS)[number]['code'], [number, number][]> = {
  '530702': [[103.85, 27.35], [104.1, 27.35], [104.1, 27.5], [103.85, 27.5]],
  '530703': [[103.6, 27.5], [103.85, 27.5], [104.1, 27.5], [104.1, 27.7], [103.6, 27.7]],
  '530771': [[104.1, 27.35], [104.4, 27.35], [104.4, 27.7], [104.1, 27.7], [104.1, 27.5]],
  '530721': [[103.6, 27.1], [103.85, 27.1], [103.85, 27.35], [103.85, 27.5], [103.6, 27.5]],
  '530722': [[103.85, 27.1], [104.4, 27.1], [104.4, 27.35], [104.1, 27.35], [103.85, 27.35]],
};

/** A bend in the middle of an edge, the same whichever district draws it, so borders look drawn rather than ruled. */
function bend(a: [number, number], b: [number, number]): [number, number] {
  const [p, q] = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? [a, b] : [b, a];
  const shift = ((Math.round((p[0] + p[1] * 3 + q[0] * 7 + q[1] * 11) * 100) % 3) - 1) * 0.012;
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const length = Math.hypot(dx, dy);
  return [Number(((p[0] + q[0]) / 2 + (-dy / length) * shift).toFixed(6)), Number(((p[1] + q[1]) / 2 + (dx / length) * shift).toFixed(6))];
}

/** 云溪市's (fictional) district boundaries as GeoJSON, as 民政局 publishes them. */
export function districtBoundaries(): { type: 'FeatureCollection'; features: unknown[] } {
  return {
    type: 'FeatureCollection',
    features: DISTRICTS.map((district) => {
      const corners = DISTRICT_OUTLINES[district.code];
      const ring: [number, number][] = [];
      corners.forEach((corner, i) => {
        ring.push(corner, bend(corner, corners[(i + 1) % corners.length] as [number, number]));
      });
      ring.push(corners[0] as [number, number]);
      return {
        type: 'Feature',
        properties: { 名称: district.name, 行政区划代码: district.code, 类别: district.name.endsWith('县') ? '县' : '市辖区' },
        geometry: { type: 'Polygon', coordinates: [ring] },
      };
    }),
  };
}

function column(source: string, type: DatastoreColumn['type'], description?: string): DatastoreColumn {
  return { name: source, source, type, ...(description ? { description } : {}) };
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const BUS_LINES = [
  { no: '1', name: '1路', from: '火车站', to: '北湖公园', stops: 18, km: 12.4, first: '06:00', last: '22:30' },
  { no: '3', name: '3路', from: '云溪客运站', to: '高新区管委会', stops: 22, km: 15.8, first: '06:10', last: '22:00' },
  { no: '7', name: '7路', from: '城关广场', to: '南山县城', stops: 26, km: 24.6, first: '06:30', last: '20:30' },
  { no: '12', name: '12路', from: '市人民医院', to: '柳河工业园', stops: 20, km: 17.2, first: '06:20', last: '21:30' },
  { no: '18', name: '18路', from: '云溪大学', to: '火车站', stops: 16, km: 10.9, first: '06:30', last: '23:00' },
  { no: '25', name: '25路', from: '北湖新城', to: '城关广场', stops: 14, km: 8.7, first: '06:40', last: '21:00' },
  { no: 'K2', name: 'K2快线', from: '高新区管委会', to: '火车站', stops: 8, km: 13.5, first: '07:00', last: '20:00' },
] as const;

const STOPS_BY_LINE: Record<string, string[]> = {
  '1': ['火车站', '人民路口', '市政府', '北湖公园'],
  '3': ['云溪客运站', '文化宫', '科技大道', '高新区管委会'],
  '7': ['城关广场', '南门桥', '南山镇', '南山县城'],
  '12': ['市人民医院', '体育中心', '柳河镇', '柳河工业园'],
  '18': ['云溪大学', '图书馆', '人民路口', '火车站'],
  '25': ['北湖新城', '北湖公园', '文化宫', '城关广场'],
  K2: ['高新区管委会', '科技大道', '市政府', '火车站'],
};

const TIME_SLOTS = [
  { slot: '早高峰 07:00-09:00', factor: 3.2 },
  { slot: '平峰 09:00-17:00', factor: 1.6 },
  { slot: '晚高峰 17:00-19:00', factor: 2.8 },
  { slot: '夜间 19:00-22:00', factor: 0.8 },
] as const;

export function busRidership(random: Random): DemoTable {
  const rows: Cell[][] = [];
  for (let day = 1; day <= 14; day += 1) {
    const weekday = new Date(Date.UTC(2025, 9, day)).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    for (const line of BUS_LINES) {
      const stops = STOPS_BY_LINE[line.no] ?? [];
      stops.forEach((stop, index) => {
        for (const { slot, factor } of TIME_SLOTS) {
          const base = (weekend ? 60 : 95) * factor * (index === 0 ? 1.4 : 1);
          const boarding = Math.max(0, Math.round(base * (0.7 + random.next() * 0.6)));
          const alighting = Math.max(0, Math.round(base * (0.6 + random.next() * 0.7) * (index === stops.length - 1 ? 1.5 : 1)));
          rows.push([isoDate(2025, 10, day), line.name, stop, slot, boarding, alighting]);
        }
      });
    }
  }
  return {
    columns: [
      column('日期', 'date'),
      column('线路', 'text'),
      column('站点', 'text'),
      column('时段', 'text'),
      column('上车人次', 'integer', '刷卡（含扫码）上车次数，不含投币'),
      column('下车人次', 'integer', '按下车刷卡或换乘推算'),
    ],
    rows,
  };
}

export function busRoutes(): DemoTable {
  return {
    columns: [
      column('线路编号', 'text'),
      column('线路名称', 'text'),
      column('起点站', 'text'),
      column('终点站', 'text'),
      column('站点数', 'integer'),
      column('线路长度（公里）', 'decimal'),
      column('首班时间', 'text'),
      column('末班时间', 'text'),
      column('票价（元）', 'decimal'),
      column('空调车', 'boolean'),
    ],
    rows: BUS_LINES.map((line) => [
      line.no,
      line.name,
      line.from,
      line.to,
      line.stops,
      line.km,
      line.first,
      line.last,
      line.no.startsWith('K') ? 2 : 1,
      line.no === '7' ? 0 : 1,
    ]),
  };
}

const COMPANY_STEMS = [
  '云溪精工机械', '北湖食品', '高新智能装备', '南山茶业', '柳河纺织', '云溪物流', '城关建筑工程', '云溪电子科技',
  '北湖新材料', '高新医疗器械', '南山农业发展', '柳河陶瓷', '云溪汽车零部件', '城关商贸', '云溪数智科技',
  '北湖家居', '高新光电', '南山文旅', '柳河化工', '云溪环保科技',
];
const INDUSTRIES = ['制造业', '批发和零售业', '交通运输、仓储和邮政业', '信息传输、软件和信息技术服务业', '建筑业', '农、林、牧、渔业', '住宿和餐饮业'];
const COMPANY_TYPES = ['有限责任公司', '股份有限公司', '有限责任公司（自然人独资）'];

export interface DemoCompany {
  code: string;
  name: string;
  industry: string;
  district: (typeof DISTRICTS)[number];
}

export function demoCompanies(random: Random): DemoCompany[] {
  return COMPANY_STEMS.map((stem) => {
    const district = random.pick(DISTRICTS);
    return {
      code: unifiedSocialCreditCode(random, district.code),
      name: `${stem}${random.pick(COMPANY_TYPES)}`,
      industry: stem.includes('科技') || stem.includes('电子') ? '信息传输、软件和信息技术服务业' : random.pick(INDUSTRIES),
      district,
    };
  });
}

export function businessRegistrations(random: Random, companies: DemoCompany[]): DemoTable {
  return {
    columns: [
      column('统一社会信用代码', 'text', '18 位法人和其他组织统一社会信用代码'),
      column('企业名称', 'text'),
      column('企业类型', 'text'),
      column('成立日期', 'date'),
      column('注册资本（万元）', 'decimal'),
      column('所属行业', 'text'),
      column('所在区县', 'text'),
      column('登记机关', 'text'),
    ],
    rows: companies.map((company) => [
      company.code,
      company.name,
      company.name.includes('股份') ? '股份有限公司' : '有限责任公司',
      isoDate(random.int(1998, 2023), random.int(1, 12), random.int(1, 28)),
      random.pick([50, 100, 200, 500, 1000, 3000, 5000]),
      company.industry,
      company.district.name,
      `云溪市${company.district.name}市场监督管理局`,
    ]),
  };
}

const INSPECTION_MATTERS = ['食品经营许可事项', '产品质量', '广告发布', '价格行为', '特种设备安全', '计量器具'];
const INSPECTION_RESULTS = ['未发现问题', '未发现问题', '未发现问题', '发现问题已责令整改', '已立案调查'];

/** Random spot checks (双随机抽查) of the demo companies: who was checked, on what, with what result. */
export function inspectionResults(random: Random, companies: DemoCompany[]): DemoTable {
  const rows: Cell[][] = [];
  for (const company of companies) {
    for (let i = random.int(1, 3); i > 0; i--) {
      rows.push([company.code, company.name, isoDate(2025, random.int(1, 10), random.int(1, 28)), random.pick(INSPECTION_MATTERS), random.pick(INSPECTION_RESULTS), `云溪市${company.district.name}市场监督管理局`]);
    }
  }
  return {
    columns: [
      column('统一社会信用代码', 'text', '被检查企业的统一社会信用代码'),
      column('企业名称', 'text'),
      column('检查日期', 'date'),
      column('检查事项', 'text'),
      column('检查结果', 'text'),
      column('检查机关', 'text'),
    ],
    rows,
  };
}

const JOBS: Record<string, string[]> = {
  制造业: ['数控车工', '焊工', '装配工', '质检员', '设备维修工'],
  '批发和零售业': ['营业员', '仓库管理员', '采购专员'],
  '交通运输、仓储和邮政业': ['货车司机（B2）', '分拣员', '调度员'],
  '信息传输、软件和信息技术服务业': ['前端开发工程师', '数据分析师', '运维工程师'],
  建筑业: ['钢筋工', '施工员', '安全员'],
  '农、林、牧、渔业': ['茶叶加工工', '农业技术员'],
  住宿和餐饮业: ['厨师', '服务员', '前厅接待'],
};

export function jobDemand(random: Random, companies: DemoCompany[]): DemoTable {
  const rows: Cell[][] = [];
  for (const company of companies) {
    const jobs = JOBS[company.industry] ?? ['普工'];
    const count = random.int(1, 4);
    for (let i = 0; i < count; i += 1) {
      const job = random.pick(jobs);
      const skilled = /工程师|分析师|技术员/.test(job);
      const low = (skilled ? random.int(6, 9) : random.int(3, 5)) * 1000;
      rows.push([
        company.code,
        company.name,
        company.industry,
        job,
        random.int(2, skilled ? 6 : 30),
        low,
        low + random.int(1, 4) * 1000,
        skilled ? random.pick(['本科', '大专']) : random.pick(['不限', '初中', '高中/中专']),
        isoDate(2025, random.int(7, 9), random.int(1, 28)),
      ]);
    }
  }
  return {
    columns: [
      column('统一社会信用代码', 'text'),
      column('企业名称', 'text'),
      column('行业', 'text'),
      column('岗位', 'text'),
      column('需求人数', 'integer'),
      column('月薪下限（元）', 'integer'),
      column('月薪上限（元）', 'integer'),
      column('学历要求', 'text'),
      column('发布日期', 'date'),
    ],
    rows,
  };
}

export function employmentMonthly(random: Random): DemoTable {
  const rows: Cell[][] = [];
  for (const district of DISTRICTS) {
    const size = district.name.endsWith('县') ? 0.6 : 1;
    for (let month = 1; month <= 10; month += 1) {
      rows.push([
        `2025-${String(month).padStart(2, '0')}`,
        district.name,
        district.code,
        Math.round((month === 2 ? 420 : 780) * size * (0.8 + random.next() * 0.4)),
        Math.round(260 * size * (0.8 + random.next() * 0.4)),
        Number((3.1 + random.next() * 1.2 - (month > 6 ? 0.3 : 0)).toFixed(2)),
      ]);
    }
  }
  return {
    columns: [
      column('月份', 'text'),
      column('区县', 'text'),
      column('行政区划代码', 'text'),
      column('城镇新增就业人数', 'integer'),
      column('失业人员再就业人数', 'integer'),
      column('城镇登记失业率（%）', 'decimal'),
    ],
    rows,
  };
}

const TOWNSHIPS = [
  ['城关区', '530702', ['东城街道', '西城街道', '南门街道']],
  ['北湖区', '530703', ['北湖街道', '新城街道']],
  ['高新区', '530771', ['科技城街道']],
  ['南山县', '530721', ['南山镇', '茶山乡', '石门乡']],
  ['柳河县', '530722', ['柳河镇', '白沙镇', '青石乡']],
] as const;

export function reliefPayments(random: Random): DemoTable {
  const rows: Cell[][] = [];
  for (const [, code, towns] of TOWNSHIPS) {
    towns.forEach((town, index) => {
      const townCode = `${code}${String(index + 1).padStart(3, '0')}`;
      const rural = town.endsWith('乡') || town.endsWith('镇');
      const households = random.int(rural ? 380 : 120, rural ? 900 : 320);
      for (let month = 4; month <= 9; month += 1) {
        const h = households + random.int(-8, 8);
        const people = Math.round(h * (1.6 + random.next() * 0.4));
        rows.push([
          town,
          townCode,
          `2025-${String(month).padStart(2, '0')}`,
          h,
          people,
          Number((people * (rural ? 520 : 760) * (0.97 + random.next() * 0.06)).toFixed(2)),
          random.int(rural ? 25 : 5, rural ? 70 : 20),
        ]);
      }
    });
  }
  return {
    columns: [
      column('乡镇（街道）', 'text'),
      column('行政区划代码', 'text', '9 位乡级行政区划代码'),
      column('月份', 'text'),
      column('低保户数', 'integer'),
      column('低保人数', 'integer'),
      column('低保金发放金额（元）', 'decimal'),
      column('特困供养人数', 'integer'),
    ],
    rows,
  };
}

export function elderlyCareInstitutions(random: Random): DemoTable {
  const names = [
    '云溪市社会福利院', '城关区颐养中心', '北湖康乐老年公寓', '高新区长者照护中心', '南山县敬老院',
    '柳河县中心敬老院', '茶山乡敬老院', '北湖区医养结合中心', '城关区东城街道日间照料中心', '云溪夕阳红养老院',
    '白沙镇敬老院', '石门乡农村幸福院', '西城街道嵌入式养老服务站', '柳河镇康养中心',
  ];
  const roads = ['人民路', '北湖路', '科技大道', '南山大道', '柳河路', '文化路', '建设路'];
  return {
    columns: [
      column('机构名称', 'text'),
      column('所在区县', 'text'),
      column('地址', 'text'),
      column('床位数', 'integer'),
      column('机构性质', 'text'),
      column('医养结合', 'boolean'),
      column('联系电话', 'text', '机构对外服务电话'),
    ],
    rows: names.map((name) => {
      const district = DISTRICTS.find((d) => name.includes(d.name)) ?? random.pick(DISTRICTS);
      return [
        name,
        district.name,
        `云溪市${district.name}${random.pick(roads)}${random.int(1, 299)}号`,
        random.int(30, 420),
        name.includes('敬老院') || name.includes('福利院') ? '公办' : random.pick(['公办民营', '民办']),
        name.includes('医养') || random.chance(0.3) ? 1 : 0,
        `0870-${random.int(3000000, 8999999)}`,
      ];
    }),
  };
}

export function emergencyShelters(random: Random): DemoTable {
  const kinds = ['公园绿地', '学校操场', '体育场馆', '广场'];
  const places = [
    '北湖公园', '人民广场', '云溪体育中心', '云溪一中操场', '城关小学操场', '科技城中央公园', '南山县文化广场',
    '柳河县体育场', '东城街道社区公园', '新城中学操场', '茶山乡中心学校', '白沙镇文体广场', '云溪大学田径场',
    '滨河湿地公园', '青石乡政府广场', '高新区实验学校', '南门桥滨江绿地', '柳河镇中心小学',
  ];
  return {
    columns: [
      column('场所名称', 'text'),
      column('区县', 'text'),
      column('行政区划代码', 'text'),
      column('经度', 'decimal'),
      column('纬度', 'decimal'),
      column('有效避难面积（平方米）', 'integer'),
      column('可容纳人数', 'integer'),
      column('场所类型', 'text'),
      column('是否室内', 'boolean'),
    ],
    rows: places.map((place) => {
      const district = random.pick(DISTRICTS);
      const area = random.int(3, 60) * 500;
      return [
        place,
        district.name,
        district.code,
        // Inside the shelter's own district (see districtBoundaries), 0.03° from its edges.
        Number((DISTRICT_BOXES[district.code][0] + 0.03 + random.next() * (DISTRICT_BOXES[district.code][2] - DISTRICT_BOXES[district.code][0] - 0.06)).toFixed(6)),
        Number((DISTRICT_BOXES[district.code][1] + 0.03 + random.next() * (DISTRICT_BOXES[district.code][3] - DISTRICT_BOXES[district.code][1] - 0.06)).toFixed(6)),
        area,
        Math.floor(area / 1.5),
        place.includes('学校') || place.includes('操场') || place.includes('田径') ? '学校操场' : random.pick(kinds),
        place.includes('体育中心') ? 1 : 0,
      ];
    }),
  };
}

export function communityCareFacilities(random: Random): DemoTable {
  const rows: Cell[][] = ['东城街道', '西城街道', '北湖街道', '新城街道', '科技城街道'].map((street) => [
    `${street}社区养老服务站`,
    street,
    random.int(10, 40),
    random.pick(['助餐、日间照料', '助餐、助浴、康复', '日间照料、文娱']),
  ]);
  return {
    columns: [column('设施名称', 'text'), column('街道', 'text'), column('床位数', 'integer'), column('服务内容', 'text')],
    rows,
  };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The table as a CSV file like a department would upload it (yes/no columns written 是/否). */
export function toCsv(table: DemoTable): string {
  const lines = [table.columns.map((c) => csvField(c.source)).join(',')];
  for (const row of table.rows) {
    lines.push(
      row
        .map((cell, i) => {
          if (cell === null) return '';
          if (table.columns[i]?.type === 'boolean') return cell ? '是' : '否';
          return csvField(String(cell));
        })
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
