/**
 * One table per topic, shaped like what local governments publish. The demo city's generators
 * (tables.ts) are reused where they fit; the other topics get small tables of their own.
 */
import type { Random } from './random';
import { districtsOf, type City } from './scale-text';
import * as tables from './tables';
import type { Cell, DemoTable } from './tables';

function column(source: string, type: DemoTable['columns'][number]['type'], description?: string): DemoTable['columns'][number] {
  return { name: source, source, type, ...(description ? { description } : {}) };
}

function isoDay(base: Date, offset: number): string {
  return new Date(base.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function airQuality(random: Random, city: City): DemoTable {
  const rows: Cell[][] = [];
  const start = new Date(Date.UTC(2025, 0, 1));
  for (let day = 0; day < 60; day += 1) {
    for (const district of districtsOf(city)) {
      const pm25 = round(15 + random.next() * 80, 1);
      const aqi = Math.round(pm25 * 1.4 + random.int(0, 20));
      rows.push([isoDay(start, day), district.name, district.code, aqi, pm25, Math.round(pm25 * 1.6), aqi > 100 ? 'PM2.5' : random.pick(['PM10', 'O3', '—']), aqi <= 50 ? '优' : aqi <= 100 ? '良' : '轻度污染']);
    }
  }
  return {
    columns: [
      column('日期', 'date'),
      column('区县', 'text'),
      column('行政区划代码', 'text'),
      column('AQI', 'integer', '空气质量指数'),
      column('PM2.5（微克/立方米）', 'decimal', '日均浓度'),
      column('PM10（微克/立方米）', 'integer'),
      column('首要污染物', 'text'),
      column('空气质量等级', 'text'),
    ],
    rows,
  };
}

function schools(random: Random, city: City): DemoTable {
  const rows: Cell[][] = [];
  for (const district of districtsOf(city)) {
    for (let n = 1; n <= 8; n += 1) {
      const primary = n <= 5;
      const classes = random.int(12, 48);
      rows.push([`${district.name}第${'一二三四五六七八'[n - 1]}${primary ? '小学' : '中学'}`, district.name, primary ? '小学' : '初中', random.pick(['公办', '公办', '民办']), classes * random.int(38, 46), Math.round(classes * 2.4), classes, primary ? 0 : random.int(0, 1)]);
    }
  }
  return {
    columns: [
      column('学校名称', 'text'),
      column('区县', 'text'),
      column('学段', 'text'),
      column('办学性质', 'text'),
      column('在校生数', 'integer'),
      column('专任教师数', 'integer'),
      column('班级数', 'integer'),
      column('寄宿制', 'boolean'),
    ],
    rows,
  };
}

function hospitals(random: Random, city: City): DemoTable {
  const rows: Cell[][] = [];
  for (const district of districtsOf(city)) {
    for (const kind of ['人民医院', '中医医院', '妇幼保健院', '社区卫生服务中心', '第二社区卫生服务中心']) {
      const big = kind.endsWith('医院') || kind.endsWith('院');
      const beds = big ? random.int(150, 900) : random.int(10, 60);
      rows.push([`${district.name}${kind}`, district.name, big ? '医院' : '基层医疗卫生机构', beds, Math.round(beds * (big ? 0.4 : 0.3)), beds * random.int(300, 700)]);
    }
  }
  return {
    columns: [column('机构名称', 'text'), column('区县', 'text'), column('机构类别', 'text'), column('床位数', 'integer'), column('执业医师数', 'integer'), column('年门诊人次', 'integer')],
    rows,
  };
}

function tourism(random: Random, city: City): DemoTable {
  const sights = ['古城景区', '湿地公园', '森林公园', '博物馆', '温泉度假区', '茶园景区'];
  const rows: Cell[][] = [];
  for (let month = 1; month <= 12; month += 1) {
    for (const sight of sights) {
      const visitors = random.int(5_000, 120_000) * (month === 10 || month === 5 ? 2 : 1);
      rows.push([`2024-${String(month).padStart(2, '0')}`, `${city.name.slice(0, 2)}${sight}`, random.pick(['AAAA', 'AAA', 'AAAAA']), visitors, round(visitors * (0.004 + random.next() * 0.01), 2)]);
    }
  }
  return {
    columns: [column('月份', 'text'), column('景区名称', 'text'), column('景区等级', 'text'), column('接待人次', 'integer'), column('旅游收入（万元）', 'decimal')],
    rows,
  };
}

function waterQuality(random: Random, city: City): DemoTable {
  const plants = ['第一水厂', '第二水厂', '北郊水厂', '南山水厂'];
  const rows: Cell[][] = [];
  const start = new Date(Date.UTC(2025, 2, 1));
  for (let day = 0; day < 30; day += 1) {
    for (const plant of plants) {
      const turbidity = round(0.05 + random.next() * 0.5, 2);
      rows.push([isoDay(start, day), `${city.name.slice(0, 2)}${plant}`, turbidity, round(0.3 + random.next() * 0.5, 2), random.int(0, 30), turbidity < 1 ? 1 : 0]);
    }
  }
  return {
    columns: [column('检测日期', 'date'), column('水厂', 'text'), column('浊度（NTU）', 'decimal'), column('余氯（mg/L）', 'decimal'), column('菌落总数（CFU/mL）', 'integer'), column('是否合格', 'boolean')],
    rows,
  };
}

function hotline(random: Random, city: City): DemoTable {
  const kinds = ['公交出行', '市容环境', '噪声扰民', '物业管理', '供水供电', '教育医疗'];
  const rows: Cell[][] = [];
  for (let month = 1; month <= 12; month += 1) {
    for (const district of districtsOf(city)) {
      for (const kind of kinds) {
        rows.push([`2024-${String(month).padStart(2, '0')}`, district.name, district.code, kind, random.int(20, 900), round(85 + random.next() * 14.5, 1)]);
      }
    }
  }
  return {
    columns: [column('月份', 'text'), column('区县', 'text'), column('行政区划代码', 'text'), column('诉求类别', 'text'), column('件数', 'integer'), column('按时办结率（%）', 'decimal')],
    rows,
  };
}

function parking(random: Random, city: City): DemoTable {
  const rows: Cell[][] = [];
  for (const district of districtsOf(city)) {
    for (const place of ['体育中心', '人民医院', '火车站', '中心广场', '公交枢纽', '农贸市场', '图书馆', '商业街']) {
      rows.push([`${district.name}${place}停车场`, district.name, random.int(40, 800), random.pick([2, 3, 4, 5]), round(100 + random.next() * 20, 6), round(25 + random.next() * 15, 6), random.int(0, 1)]);
    }
  }
  return {
    columns: [column('停车场名称', 'text'), column('区县', 'text'), column('泊位数', 'integer'), column('收费标准（元/小时）', 'integer'), column('经度', 'decimal'), column('纬度', 'decimal'), column('有充电桩', 'boolean')],
    rows,
  };
}

function farmPrices(random: Random, city: City): DemoTable {
  const goods = ['白菜', '土豆', '西红柿', '黄瓜', '猪肉', '鸡蛋', '大米', '苹果', '香蕉', '芹菜'];
  const rows: Cell[][] = [];
  const start = new Date(Date.UTC(2025, 3, 1));
  for (let day = 0; day < 30; day += 1) {
    for (const item of goods) {
      const low = round(1 + random.next() * 20, 2);
      const high = round(low * (1.1 + random.next() * 0.4), 2);
      rows.push([isoDay(start, day), item, `${city.name.slice(0, 2)}农产品批发市场`, low, high, round((low + high) / 2, 2)]);
    }
  }
  return {
    columns: [column('日期', 'date'), column('品种', 'text'), column('市场', 'text'), column('最低价（元/公斤）', 'decimal'), column('最高价（元/公斤）', 'decimal'), column('均价（元/公斤）', 'decimal')],
    rows,
  };
}

const GENERATORS: Record<string, (random: Random, city: City) => DemoTable> = {
  'bus-ridership': (random) => tables.busRidership(random),
  'bus-routes': () => tables.busRoutes(),
  'air-quality': airQuality,
  employment: (random) => tables.employmentMonthly(random),
  business: (random) => tables.businessRegistrations(random, tables.demoCompanies(random)),
  'job-demand': (random) => tables.jobDemand(random, tables.demoCompanies(random)),
  relief: (random) => tables.reliefPayments(random),
  shelters: (random) => tables.emergencyShelters(random),
  schools,
  hospitals,
  tourism,
  'water-quality': waterQuality,
  hotline,
  parking,
  'farm-prices': farmPrices,
};

export function topicTable(topicSlug: string, random: Random, city: City): DemoTable {
  const generate = GENERATORS[topicSlug];
  if (!generate) throw new Error(`no table for topic ${topicSlug}`);
  return generate(random, city);
}
