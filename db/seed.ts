/**
 * Demo data for a fresh install: departments of the fictional 云溪市, their open datasets, data
 * requests, and challenges in every phase (upcoming, open, judging, results) with entries,
 * judges, reviews and awards. Timelines are relative to the moment of seeding, so each phase is
 * populated on the day the database is created.
 *
 * The demo accounts share one published password (README); it is hashed once and reused.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Viewer } from '../app/lib/access';
import { createDataset, publishDataset, updateDatasetAccess } from '../app/models/datasets.server';
import { createApplication, saveAgreement } from '../app/models/access-grants.server';
import type { AccessLevel, AdoptionOutcome, AdoptionStage, DatasetTheme, NotAdoptedReason, SharingLevel } from '../app/lib/vocabulary';
import { dateToZonedLocal } from '../app/lib/zoned-time';
import { config } from '../app/config.server';
import { hashPassword } from '../app/services/password.server';
import { encryptTotpSecret } from '../app/services/two-factor.server';
import { inserted, selectRow } from '../app/models/rows.server';
import { transaction } from '../app/models/transaction.server';
import { getDb } from './client';
import {
  awards,
  challengeDatasets,
  challengeJudges,
  challengePosts,
  adoptionDepartments,
  adoptions,
  adoptionUpdates,
  challengeRequests,
  challenges,
  comments,
  criteria,
  dataRequestEvents,
  dataRequests,
  dataRequestVotes,
  datasets,
  departments,
  follows,
  notifications,
  reviews,
  scores,
  submissionDatasets,
  submissionMembers,
  submissionRevisions,
  submissions,
  users,
  votes,
  legalDocuments,
  accessApplications,
  datasetResources,
  consents,
  type AwardKind,
  type DataRequestStatus,
  type DeclineReason,
  type EntryKind,
  type KeyColumn,
  type Licence,
  type Role,
  type UpdateFrequency,
} from './tables';
import { clock, type At } from './seed-data/clock';
import { importSeedResource, type PrivacyDecisions } from './seed-data/import-resource';
import { createRandom, type Random } from './seed-data/random';
import * as tables from './seed-data/tables';
import { DEMO_PRIVACY_POLICY, DEMO_TERMS } from './seed-data/legal';

export const DEMO_PASSWORD = 'Demo-2026-jindianzi';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; department?: string }[] = [
  { email: 'admin@jindianzi.example', name: '平台管理员', role: 'admin' },
  { email: 'transport@jindianzi.example', name: '李明', role: 'official', department: 'transport' },
  { email: 'hrss@jindianzi.example', name: '王芳', role: 'official', department: 'hrss' },
  { email: 'civil@jindianzi.example', name: '张伟', role: 'official', department: 'civil-affairs' },
  { email: 'emergency@jindianzi.example', name: '赵静', role: 'official', department: 'emergency' },
  { email: 'market@jindianzi.example', name: '钱雷', role: 'official', department: 'market-regulation' },
  { email: 'judge@jindianzi.example', name: '陈思远', role: 'participant' },
  { email: 'judge2@jindianzi.example', name: '刘海燕', role: 'participant' },
  { email: 'citizen@jindianzi.example', name: '周小雨', role: 'participant' },
  { email: 'startup@jindianzi.example', name: '孙浩', role: 'participant' },
  { email: 'student@jindianzi.example', name: '吴晓晨', role: 'participant' },
  { email: 'researcher@jindianzi.example', name: '郑一鸣', role: 'participant' },
  { email: 'volunteer@jindianzi.example', name: '何志远', role: 'participant' },
];

const DEPARTMENTS = [
  { slug: 'transport', name: '云溪市交通运输局', description: '负责全市公共交通、道路运输和城市客运管理。' },
  { slug: 'hrss', name: '云溪市人力资源和社会保障局', description: '负责就业促进、社会保险、人才和劳动关系工作。' },
  { slug: 'civil-affairs', name: '云溪市民政局', description: '负责社会救助、养老服务、社区治理和社会组织管理。' },
  { slug: 'emergency', name: '云溪市应急管理局', description: '负责应急预案、防灾减灾、安全生产和应急避难场所管理。' },
  { slug: 'market-regulation', name: '云溪市市场监督管理局', description: '负责市场主体登记、质量安全和市场秩序监管。' },
];

export async function isDatabaseEmpty(): Promise<boolean> {
  const counts = await selectRow<{ departments: number; users: number }>(
    sql`select (select count(*) from departments) as departments, (select count(*) from users) as users`,
  );
  return counts?.departments === 0 && counts.users === 0;
}

/** Seeds only a database with no departments and no users; returns whether it seeded. */
export async function seedIfEmpty(): Promise<boolean> {
  if (!(await isDatabaseEmpty())) return false;
  await seedDemoData();
  return true;
}

interface People {
  dept: (slug: string) => number;
  user: (handle: string) => number;
  official: (department: string) => Viewer;
}

/**
 * The demo officials' and admin's authenticator secret, published in the README so anyone trying
 * the demo can add it to an authenticator app. Never use demo data in production.
 */
export const DEMO_TOTP_SECRET = 'JDZDEMOJDZDEMOJDZDEMOJDZDEMOJDZD';

async function seedPeople(passwordHash: string, now: Date): Promise<People> {
  const sealedDemoSecret = encryptTotpSecret(DEMO_TOTP_SECRET);
  const departmentIds = new Map<string, number>();
  const userIds = new Map<string, number>();
  await transaction(async (tx) => {
    for (const d of DEPARTMENTS) {
      departmentIds.set(d.slug, inserted(await tx.insert(departments).values(d).returning({ id: departments.id })).id);
    }
    for (const account of DEMO_ACCOUNTS) {
      const row = inserted(await tx
        .insert(users)
        .values({
          email: account.email,
          name: account.name,
          passwordHash,
          role: account.role,
          departmentId: account.department ? (departmentIds.get(account.department) ?? null) : null,
          emailVerifiedAt: now,
          // Staff must use a second factor; the demo ones share a published secret (README).
          ...(account.role === 'official' || account.role === 'admin' ? { totpSecret: sealedDemoSecret, totpEnabledAt: now } : {}),
        })
        .returning({ id: users.id }));
      userIds.set(account.email.split('@')[0] ?? '', row.id);
    }
  });
  const dept = (slug: string) => {
    const id = departmentIds.get(slug);
    if (id === undefined) throw new Error(`unknown department ${slug}`);
    return id;
  };
  const user = (handle: string) => {
    const id = userIds.get(handle);
    if (id === undefined) throw new Error(`unknown demo user ${handle}`);
    return id;
  };
  const official = (department: string): Viewer => {
    const account = DEMO_ACCOUNTS.find((a) => a.department === department);
    if (!account) throw new Error(`no demo official for ${department}`);
    return { id: user(account.email.split('@')[0] ?? ''), role: 'official', departmentId: dept(department) };
  };
  await seedLegal([...userIds.values()], now);
  return { dept, user, official };
}

/** Version 1 of the privacy policy and terms, accepted by the demo accounts when they were made. */
async function seedLegal(userIds: readonly number[], now: Date): Promise<void> {
  await transaction(async (tx) => {
    for (const [kind, body] of [['privacy', DEMO_PRIVACY_POLICY], ['terms', DEMO_TERMS]] as const) {
      await tx.insert(legalDocuments).values({ kind, version: 1, body, createdAt: now });
      for (const userId of userIds) await tx.insert(consents).values({ userId, kind, version: 1, acceptedAt: now });
    }
  });
}

/**
 * Datasets go through the real upload path: each demo table is written as a CSV file, imported by
 * the importer (type inference, profile) and published through the publish step.
 */
/** 主题分类 of the demo datasets (CKAN groups, DCAT themes). */
const DEMO_THEMES: Record<string, DatasetTheme[]> = {
  'bus-ridership-2025-10': ['transport'],
  'bus-routes': ['transport'],
  'business-registrations': ['economy'],
  'enterprise-job-demand-2025q3': ['employment', 'economy'],
  'urban-employment-monthly': ['employment'],
  'subsistence-allowance-by-township': ['social'],
  'elderly-care-institutions': ['social', 'health'],
  'emergency-shelters': ['safety'],
  'community-care-facilities': ['social'],
  'district-boundaries': ['government'],
  'enterprise-spot-checks': ['economy', 'safety'],
  'relief-household-register': ['social'],
};

async function seedDatasets(people: People, at: At): Promise<(slug: string) => number> {
  const random = createRandom(20261128);
  const ids = new Map<string, number>();
  for (const spec of demoDatasets(random)) {
    const official = people.official(spec.department);
    const created = await createDataset(
      official,
      {
        slug: spec.slug,
        title: spec.title,
        description: spec.description,
        licence: spec.licence,
        updateFrequency: spec.frequency,
        tags: spec.tags,
        contactName: spec.contactName,
        contactEmail: spec.contactEmail,
        keyColumns: spec.keyColumns ?? [],
        themes: DEMO_THEMES[spec.slug] ?? [],
      },
      people.dept(spec.department),
    );
    if (!created) throw new Error(`cannot create ${spec.slug}`);
    ids.set(spec.slug, created.id);
    for (const resource of spec.resources) {
      const table = resource.table;
      const csv = Buffer.from('geojson' in table ? JSON.stringify(table.geojson) : tables.toCsv(table), 'utf8');
      await importSeedResource(official, created.id, spec.slug, {
        name: resource.name,
        description: resource.description,
        filename: resource.filename,
        bytes: [csv],
        maxBytes: csv.length,
        dictionary: 'geojson' in table ? [] : table.columns.filter((c) => c.description).map((c) => ({ name: c.name, description: c.description ?? '' })),
        privacy: resource.privacy,
      });
    }
    if (spec.access) {
      const { agreement, ...levels } = spec.access;
      await updateDatasetAccess(official, created.id, { ...levels, sharingMethod: 'api_and_file' });
      if (agreement) await saveAgreement(created.id, agreement, official.id);
    }
    const status = spec.status ?? 'published';
    if (status === 'published') {
      const published = await publishDataset(official, created.id);
      if (!published?.ok) throw new Error(`cannot publish ${spec.slug}`);
    }
    // Back-date the history so the catalogue looks lived-in.
    const days = spec.publishedDaysAgo ?? 30;
    await getDb()
      .update(datasets)
      .set({ createdAt: at(-days - 3), updatedAt: at(-days, 10), ...(status === 'published' ? { publishedAt: at(-days, 10) } : {}) })
      .where(eq(datasets.id, created.id));
  }
  return (slug: string) => {
    const id = ids.get(slug);
    if (id === undefined) throw new Error(`unknown dataset ${slug}`);
    return id;
  };
}

/** A researcher's application for the conditional dataset, waiting in 市场监管局's inbox. */
async function seedAccessApplication(people: People, dataset: (slug: string) => number, at: At): Promise<void> {
  const datasetId = dataset('enterprise-spot-checks');
  const resourceIds = (await getDb().select({ id: datasetResources.id }).from(datasetResources).where(eq(datasetResources.datasetId, datasetId))).map((r) => r.id);
  const id = await createApplication({
    datasetId,
    applicantId: people.user('researcher'),
    applicantKind: 'person',
    organisationName: '',
    organisationCode: '',
    applicantDepartmentId: null,
    purpose: '研究“双随机”抽查结果与企业信用等级之间的关系，为营商环境评价提供依据。',
    intendedUse: '在学校的内网服务器上做统计分析，论文只发布分行业、分区县的汇总结果。',
    resourceIds,
    periodDays: 180,
    challengeId: null,
    submissionId: null,
    agreementVersion: 1,
  });
  await getDb().update(accessApplications).set({ createdAt: at(-2, 9) }).where(eq(accessApplications.id, id));
}

interface DemoDataset {
  slug: string;
  title: string;
  department: string;
  description: string;
  licence: Licence;
  frequency: UpdateFrequency;
  tags: string[];
  keyColumns?: KeyColumn[];
  status?: 'draft' | 'published';
  publishedDaysAgo?: number;
  /** 开放属性 and 共享属性 when not open and shared, with the data-use agreement. */
  access?: { accessLevel: AccessLevel; sharing: SharingLevel; openConditions: string; sharingConditions: string; sampleRows: number; agreement: string };
  contactName: string;
  contactEmail: string;
  resources: {
    name: string;
    description: string;
    filename: string;
    /** A table (uploaded as CSV), or a GeoJSON document. */
    table: tables.DemoTable | { geojson: unknown };
    /** How the department resolves the columns the privacy scan flags. */
    privacy?: PrivacyDecisions;
  }[];
}

function demoDatasets(random: Random): DemoDataset[] {
  const companies = tables.demoCompanies(random);
  return [
    {
      slug: 'bus-ridership-2025-10',
      title: '公交刷卡客流统计（2025年10月上半月）',
      department: 'transport',
      description:
        '全市主要公交线路按**日期、线路、站点、时段**汇总的刷卡（含扫码）上下车人次。\n\n' +
        '- 数据来源：公交一卡通清分系统\n- 统计口径：不含投币乘客；下车人次按下车刷卡和换乘记录推算\n- 已去除卡号等个人信息，只发布汇总数\n\n' +
        '可与“公交线路基本信息”按线路名称关联。',
      licence: 'gov-open',
      frequency: 'monthly',
      tags: ['公共交通', '客流', '公交'],
      publishedDaysAgo: 20,
      contactName: '交通运输局信息科',
      contactEmail: 'data@transport.jindianzi.example',
      resources: [
        { name: '公交站点分时段客流', description: '每行是一天中某线路某站点某时段的上下车人次。', filename: '公交刷卡客流_202510.csv', table: tables.busRidership(random) },
      ],
    },
    {
      slug: 'bus-routes',
      title: '公交线路基本信息',
      department: 'transport',
      description: '全市公交线路的起讫站点、站点数、线路长度、首末班时间和票价。',
      licence: 'cc-by-4.0',
      frequency: 'quarterly',
      tags: ['公共交通', '公交'],
      publishedDaysAgo: 60,
      contactName: '交通运输局信息科',
      contactEmail: 'data@transport.jindianzi.example',
      resources: [{ name: '公交线路表', description: '', filename: '公交线路.csv', table: tables.busRoutes() }],
    },
    {
      slug: 'business-registrations',
      title: '市场主体登记信息（企业）',
      department: 'market-regulation',
      description: '在本市登记的企业的统一社会信用代码、名称、类型、成立日期、注册资本和所属行业。\n\n以**统一社会信用代码**为关联字段，可与用工需求、检查执法等数据关联。',
      licence: 'gov-open',
      frequency: 'monthly',
      tags: ['企业', '营商环境'],
      keyColumns: [{ column: '统一社会信用代码', kind: 'uscc' }],
      publishedDaysAgo: 45,
      contactName: '市场监管局登记注册科',
      contactEmail: 'data@amr.jindianzi.example',
      resources: [{ name: '企业登记信息', description: '', filename: '企业登记信息.csv', table: tables.businessRegistrations(random, companies) }],
    },
    {
      slug: 'enterprise-job-demand-2025q3',
      title: '重点企业用工需求（2025年第三季度）',
      department: 'hrss',
      description: '全市重点企业通过公共就业服务平台登记的岗位需求，包括岗位、需求人数、薪资范围和学历要求。',
      licence: 'cc-by-4.0',
      frequency: 'quarterly',
      tags: ['就业', '企业', '招聘'],
      keyColumns: [{ column: '统一社会信用代码', kind: 'uscc' }],
      publishedDaysAgo: 15,
      contactName: '人社局就业促进科',
      contactEmail: 'data@hrss.jindianzi.example',
      resources: [{ name: '岗位需求明细', description: '', filename: '用工需求_2025Q3.csv', table: tables.jobDemand(random, companies) }],
    },
    {
      slug: 'urban-employment-monthly',
      title: '城镇新增就业月度统计（分区县）',
      department: 'hrss',
      description: '各区县城镇新增就业人数、失业人员再就业人数和城镇登记失业率，按月更新。',
      licence: 'gov-open',
      frequency: 'monthly',
      tags: ['就业', '统计'],
      keyColumns: [{ column: '行政区划代码', kind: 'admin_division' }],
      publishedDaysAgo: 8,
      contactName: '人社局规划财务科',
      contactEmail: 'data@hrss.jindianzi.example',
      resources: [{ name: '月度就业统计', description: '', filename: '城镇新增就业_2025.csv', table: tables.employmentMonthly(random) }],
    },
    {
      slug: 'subsistence-allowance-by-township',
      title: '城乡低保资金发放汇总（按乡镇）',
      department: 'civil-affairs',
      description:
        '各乡镇（街道）每月低保户数、人数、发放金额和特困供养人数。\n\n' +
        '> 本数据为汇总数，不含任何个人或家庭信息。个人明细数据不对外开放。',
      licence: 'gov-open',
      frequency: 'monthly',
      tags: ['社会救助', '低保', '民生'],
      keyColumns: [{ column: '行政区划代码', kind: 'admin_division' }],
      publishedDaysAgo: 35,
      contactName: '民政局社会救助科',
      contactEmail: 'data@mz.jindianzi.example',
      resources: [{ name: '低保资金发放汇总', description: '', filename: '低保发放汇总_2025.csv', table: tables.reliefPayments(random) }],
    },
    {
      slug: 'elderly-care-institutions',
      title: '养老机构名录',
      department: 'civil-affairs',
      description: '全市登记备案的养老机构名称、地址、床位数、性质和是否医养结合。',
      licence: 'cc-by-4.0',
      frequency: 'quarterly',
      tags: ['养老', '民生'],
      publishedDaysAgo: 12,
      contactName: '民政局养老服务科',
      contactEmail: 'data@mz.jindianzi.example',
      resources: [
        {
          name: '养老机构名录',
          description: '',
          filename: '养老机构名录.csv',
          table: tables.elderlyCareInstitutions(random),
          privacy: {
            地址: { action: 'notPersonal', reason: '养老机构的办公地址，依《养老机构管理办法》向社会公开。' },
            联系电话: { action: 'notPersonal', reason: '机构对外服务电话，不是个人号码。' },
          },
        },
      ],
    },
    {
      slug: 'emergency-shelters',
      title: '应急避难场所',
      department: 'emergency',
      description: '全市已建成的应急避难场所位置、有效面积和可容纳人数，坐标为 WGS-84 经纬度。',
      licence: 'cc0-1.0',
      frequency: 'yearly',
      tags: ['应急', '防灾减灾', '地理'],
      keyColumns: [{ column: '行政区划代码', kind: 'admin_division' }],
      publishedDaysAgo: 100,
      contactName: '应急管理局风险监测科',
      contactEmail: 'data@yjj.jindianzi.example',
      resources: [{ name: '避难场所清单', description: '', filename: '应急避难场所.csv', table: tables.emergencyShelters(random) }],
    },
    {
      slug: 'community-care-facilities',
      title: '社区养老服务设施',
      department: 'civil-affairs',
      status: 'draft',
      description: '各街道社区养老服务站的位置和服务内容（整理中，尚未发布）。',
      licence: 'cc-by-4.0',
      frequency: 'irregular',
      tags: ['养老'],
      contactName: '民政局养老服务科',
      contactEmail: 'data@mz.jindianzi.example',
      resources: [{ name: '社区养老服务站', description: '', filename: '社区养老服务站.csv', table: tables.communityCareFacilities(random) }],
    },
    {
      slug: 'district-boundaries',
      title: '云溪市行政区划边界',
      department: 'civil-affairs',
      description: '云溪市各区县的行政区划边界（GeoJSON，WGS-84 经纬度），按**行政区划代码**与其他数据关联，可在地图上按区县着色。',
      licence: 'cc0-1.0',
      frequency: 'yearly',
      tags: ['行政区划', '地理'],
      keyColumns: [{ column: '行政区划代码', kind: 'admin_division' }],
      publishedDaysAgo: 200,
      contactName: '民政局区划地名科',
      contactEmail: 'data@mz.jindianzi.example',
      resources: [{ name: '区县边界', description: '', filename: '云溪市区县边界.geojson', table: { geojson: tables.districtBoundaries() } }],
    },
    {
      slug: 'enterprise-spot-checks',
      title: '企业双随机抽查结果明细',
      department: 'market-regulation',
      description: '2025 年“双随机、一公开”抽查的逐条结果：被检查企业、检查日期、检查事项和结果。\n\n明细数据**有条件开放**：用于信用研究、营商环境分析等用途，经申请批准后可以使用。',
      licence: 'gov-open',
      frequency: 'monthly',
      tags: ['企业', '监管', '营商环境'],
      keyColumns: [{ column: '统一社会信用代码', kind: 'uscc' }],
      publishedDaysAgo: 10,
      contactName: '市场监管局信用监管科',
      contactEmail: 'data@amr.jindianzi.example',
      resources: [{ name: '抽查结果明细', description: '', filename: '双随机抽查结果_2025.csv', table: tables.inspectionResults(random, companies) }],
      access: {
        accessLevel: 'conditional',
        sharing: 'shared',
        openConditions: '申请人须说明研究或开发用途；不得用于对个别企业的商业营销，不得再次公开企业逐条检查结果。',
        sharingConditions: '',
        sampleRows: 3,
        agreement:
          '# 数据使用协议\n\n1. 数据仅用于申请中说明的用途，不得转让给第三方。\n2. 不得公开逐条的企业检查结果；发布成果时只使用汇总数据。\n3. 授权到期或被撤销后，删除已下载的数据。\n4. 市场监管局可以查看本授权下的每一次读取记录。',
      },
    },
    {
      slug: 'relief-household-register',
      title: '低保家庭花名册（部门共享）',
      department: 'civil-affairs',
      description: '各乡镇低保家庭户数、人数和月发放金额的工作台账，供相关部门核对政策落实情况。\n\n本数据**不予开放**，向全市各部门**无条件共享**。',
      licence: 'gov-open',
      frequency: 'monthly',
      tags: ['社会救助', '低保'],
      keyColumns: [{ column: '行政区划代码', kind: 'admin_division' }],
      publishedDaysAgo: 30,
      contactName: '民政局社会救助科',
      contactEmail: 'data@mz.jindianzi.example',
      resources: [{ name: '低保家庭台账', description: '', filename: '低保家庭台账.csv', table: tables.reliefPayments(random) }],
      access: { accessLevel: 'closed', sharing: 'shared', openConditions: '', sharingConditions: '仅用于核对社会救助政策落实情况。', sampleRows: 0, agreement: '' },
    },
  ];
}

export async function seedDemoData(now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = clock(now);
  const people = await seedPeople(passwordHash, now);
  const dataset = await seedDatasets(people, at);
  await seedAccessApplication(people, dataset, at);
  const { dept, user } = people;

  await transaction(async (tx) => {
    // Data requests ----------------------------------------------------------------------------
    const requestRows: {
      title: string;
      description: string;
      purpose: string;
      department: string | null;
      requester: string;
      answer?: { status: DataRequestStatus; note: string; by: string; dataset?: string; plannedFor?: string; declineReason?: DeclineReason };
      voters: string[];
      daysAgo: number;
    }[] = [
      {
        title: '开放公交车辆实时到站数据',
        description: '希望开放各线路车辆的实时位置或预计到站时间接口。',
        purpose: '开发候车提醒小程序，也方便老人通过电话语音查询到站时间。',
        department: 'transport',
        requester: 'student',
        answer: { status: 'planned', note: '已纳入明年数据开放计划，将通过接口开放，届时会在本平台发布。', by: 'transport', plannedFor: `${at(150).getUTCFullYear()}-06` },
        voters: ['citizen', 'startup', 'researcher', 'judge'],
        daysAgo: 25,
      },
      {
        title: '公布养老机构床位情况',
        description: '希望公开各养老机构的床位数和空余床位情况。',
        purpose: '家里老人需要入住养老院，想比较附近几家机构。',
        department: 'civil-affairs',
        requester: 'citizen',
        answer: { status: 'fulfilled', note: '已发布“养老机构名录”，包含各机构床位数。空余床位数变化较快，我们正在研究按周更新。', by: 'civil', dataset: 'elderly-care-institutions' },
        voters: ['student', 'judge2'],
        daysAgo: 40,
      },
      {
        title: '公开企业欠薪投诉处理明细',
        description: '希望公开每起欠薪投诉的企业名称和处理结果。',
        purpose: '便于求职者避开问题企业。',
        department: 'hrss',
        requester: 'researcher',
        answer: {
          status: 'declined',
          note: '投诉明细涉及投诉人个人信息，暂不开放明细。我们将按季度发布分行业、分区县的投诉处理汇总统计。',
          by: 'hrss',
          declineReason: 'personal_data',
        },
        voters: ['citizen'],
        daysAgo: 18,
      },
      {
        title: '按小区公开二手房网签成交均价',
        description: '希望按月公开各小区的二手房网签成交均价和成交套数。',
        purpose: '帮助购房者了解真实价格，减少信息不对称。',
        department: null,
        requester: 'startup',
        voters: ['student', 'researcher'],
        daysAgo: 3,
      },
    ];
    for (const r of requestRows) {
      const createdAt = at(-r.daysAgo, 20);
      const answeredAt = at(-r.daysAgo + 5, 11);
      const row = inserted(await tx
        .insert(dataRequests)
        .values({
          title: r.title,
          description: r.description,
          purpose: r.purpose,
          departmentId: r.department ? dept(r.department) : null,
          requesterId: user(r.requester),
          status: r.answer?.status ?? 'open',
          response: r.answer?.note ?? '',
          respondedBy: r.answer ? user(r.answer.by) : null,
          respondedAt: r.answer ? answeredAt : null,
          fulfilledDatasetId: r.answer?.dataset ? dataset(r.answer.dataset) : null,
          plannedFor: r.answer?.plannedFor ?? null,
          declineReason: r.answer?.declineReason ?? null,
          createdAt,
          updatedAt: r.answer ? answeredAt : createdAt,
        })
        .returning({ id: dataRequests.id }));
      await tx.insert(dataRequestEvents).values({ requestId: row.id, actorId: user(r.requester), status: 'open', createdAt });
      if (r.answer) {
        await tx.insert(dataRequestEvents)
          .values({
            requestId: row.id,
            actorId: user(r.answer.by),
            status: r.answer.status,
            note: r.answer.note,
            datasetId: r.answer.dataset ? dataset(r.answer.dataset) : null,
            plannedFor: r.answer.plannedFor ?? null,
            declineReason: r.answer.declineReason ?? null,
            createdAt: answeredAt,
          });
      }
      for (const voter of r.voters) await tx.insert(dataRequestVotes).values({ requestId: row.id, userId: user(voter), createdAt });
    }

    // Challenges -------------------------------------------------------------------------------
    type Entry = {
      kind: EntryKind;
      title: string;
      teamName: string;
      summary: string;
      body: string;
      members: string[];
      links?: { repository?: string; demo?: string; video?: string };
      status?: 'draft' | 'submitted';
      datasets?: string[];
      /** Per judge, one score per criterion (in criterion order). */
      scores?: Record<string, number[]>;
      award?: AwardKind;
      /** People's Choice voters (one vote each per challenge). */
      voters?: string[];
    };
    const addChallenge = async (input: {
      slug: string;
      title: string;
      department: string;
      author: string;
      summary: string;
      body: string;
      prizes: string;
      status?: 'draft' | 'published';
      opens: number;
      closes: number;
      judgingEnds: number;
      resultsDaysAgo?: number;
      blindJudging?: boolean;
      peoplesChoice?: boolean;
      entriesPublic?: boolean;
      teamSizeLimit?: number;
      allowPrototypes?: boolean;
      criteria: { name: string; description: string; weight: number; maxScore?: number }[];
      datasets: string[];
      judges?: string[];
      entries?: Entry[];
    }) => {
      const status = input.status ?? 'published';
      const challenge = inserted(await tx
        .insert(challenges)
        .values({
          slug: input.slug,
          title: input.title,
          summary: input.summary,
          body: input.body,
          prizes: input.prizes,
          departmentId: dept(input.department),
          status,
          opensAt: at(input.opens, 9),
          closesAt: at(input.closes, 18),
          judgingEndsAt: at(input.judgingEnds, 18),
          teamSizeLimit: input.teamSizeLimit ?? 5,
          allowPrototypes: input.allowPrototypes ?? true,
          blindJudging: input.blindJudging ?? false,
          peoplesChoice: input.peoplesChoice ?? false,
          entriesPublic: input.entriesPublic ?? false,
          publishedAt: status === 'published' ? at(Math.min(input.opens, 0) - 7) : null,
          resultsPublishedAt: input.resultsDaysAgo !== undefined ? at(-input.resultsDaysAgo, 10) : null,
          createdBy: user(input.author),
          createdAt: at(Math.min(input.opens, 0) - 14),
          updatedAt: at(Math.min(input.opens, 0) - 7),
        })
        .returning({ id: challenges.id }));
      const criterionIds: number[] = [];
      for (const [index, c] of input.criteria.entries()) {
        criterionIds.push(
          inserted(
            await tx
              .insert(criteria)
              .values({ challengeId: challenge.id, name: c.name, description: c.description, weight: c.weight, maxScore: c.maxScore ?? 10, position: index })
              .returning({ id: criteria.id }),
          ).id,
        );
      }
      for (const slug of input.datasets) await tx.insert(challengeDatasets).values({ challengeId: challenge.id, datasetId: dataset(slug) });
      for (const judge of input.judges ?? []) {
        await tx.insert(challengeJudges)
          .values({ challengeId: challenge.id, userId: user(judge), email: `${judge}@jindianzi.example`, invitedBy: user(input.author), acceptedAt: at(input.closes - 10) });
      }
      for (const [index, entry] of (input.entries ?? []).entries()) {
        const submitted = (entry.status ?? 'submitted') === 'submitted';
        const createdAt = at(input.opens + 2 + index);
        const submittedAt = submitted ? at(Math.min(input.closes, 0) - 1 - index, 15) : null;
        const owner = entry.members[0] ?? 'citizen';
        const links = entry.links ?? {};
        const row = inserted(await tx
          .insert(submissions)
          .values({
            challengeId: challenge.id,
            kind: entry.kind,
            title: entry.title,
            teamName: entry.teamName,
            summary: entry.summary,
            body: entry.body,
            links,
            status: entry.status ?? 'submitted',
            submittedAt,
            createdBy: user(owner),
            createdAt,
            updatedAt: submittedAt ?? createdAt,
          })
          .returning({ id: submissions.id }));
        for (const [memberIndex, member] of entry.members.entries()) {
          await tx.insert(submissionMembers)
            .values({
              submissionId: row.id,
              challengeId: challenge.id,
              userId: user(member),
              email: `${member}@jindianzi.example`,
              role: memberIndex === 0 ? 'owner' : 'member',
              status: 'active',
              invitedBy: memberIndex === 0 ? null : user(owner),
              createdAt,
              joinedAt: createdAt,
            });
        }
        await tx.insert(submissionRevisions)
          .values({ submissionId: row.id, authorId: user(owner), kind: entry.kind, title: entry.title, summary: entry.summary, body: entry.body, links, createdAt: submittedAt ?? createdAt });
        for (const slug of entry.datasets ?? input.datasets.slice(0, 1)) {
          await tx.insert(submissionDatasets).values({ submissionId: row.id, datasetId: dataset(slug) });
        }
        for (const [judge, values] of Object.entries(entry.scores ?? {})) {
          const complete = values.length === criterionIds.length;
          const review = inserted(await tx
            .insert(reviews)
            .values({
              submissionId: row.id,
              judgeId: user(judge),
              status: complete ? 'completed' : 'draft',
              privateNote: complete ? '数据使用扎实，落地需要和业务科室再确认。' : '',
              feedback: complete ? '思路清晰，建议补充对数据局限性的说明，并给出分阶段实施计划。' : '',
              completedAt: complete ? at(Math.min(input.judgingEnds, 0) - 2) : null,
            })
            .returning({ id: reviews.id }));
          for (const [i, score] of values.entries()) {
            const criterionId = criterionIds[i];
            if (criterionId !== undefined) await tx.insert(scores).values({ reviewId: review.id, criterionId, score });
          }
        }
        if (entry.award) {
          await tx.insert(awards).values({ challengeId: challenge.id, submissionId: row.id, kind: entry.award, position: index });
        }
        for (const voter of entry.voters ?? []) {
          await tx.insert(votes).values({ challengeId: challenge.id, userId: user(voter), submissionId: row.id, createdAt: at(input.closes + 3), updatedAt: at(input.closes + 3) });
        }
      }
    };

    const standardCriteria = [
      { name: '问题理解', description: '是否准确把握了业务痛点和服务对象的真实需求。', weight: 20 },
      { name: '数据使用', description: '是否充分、正确地使用了开放数据，并说明了数据的局限。', weight: 30 },
      { name: '可行性', description: '在现有条件下能否落地，成本和风险是否可控。', weight: 30 },
      { name: '创新性', description: '方法或视角是否新颖，能否带来明显改进。', weight: 20 },
    ];

    await addChallenge({
      slug: 'bus-routes-from-card-data',
      title: '用公交刷卡数据优化公交线路',
      department: 'transport',
      author: 'transport',
      summary: '哪些站点早晚高峰拥挤、哪些线路长期空驶？用刷卡客流数据为线路调整和发车间隔提出建议。',
      body:
        '## 背景\n\n' +
        '云溪市现有公交线路 7 条主线，部分线路高峰时段拥挤、平峰时段空驶，市民反映“等车久、车上挤”。交通运输局计划在明年上半年调整线路和发车间隔。\n\n' +
        '## 我们想请你回答\n\n' +
        '1. 哪些站点和时段的客流最集中？变化有什么规律（工作日/周末）？\n' +
        '2. 哪些线路或区段可以合并、截短或加密班次？\n' +
        '3. 调整后对换乘和步行距离有什么影响？\n\n' +
        '## 数据\n\n' +
        '可使用“公交刷卡客流统计”和“公交线路基本信息”，也欢迎结合其他公开数据（需注明来源）。\n\n' +
        '## 提交要求\n\n' +
        '- **金点子**：不超过 3000 字的分析和建议，可附图表；\n' +
        '- **原型**：可运行的可视化或排班工具，附源代码仓库链接。',
      prizes: '- 一等奖 1 名：奖金 20,000 元\n- 二等奖 2 名：奖金各 8,000 元\n- 优秀奖若干：获奖证书\n\n优秀方案将邀请与公交集团座谈，并有机会在线路调整中试点。',
      opens: -10,
      closes: 21,
      judgingEnds: 35,
      entriesPublic: true,
      criteria: standardCriteria,
      datasets: ['bus-ridership-2025-10', 'bus-routes'],
      judges: ['judge'],
      entries: [
        {
          kind: 'prototype',
          title: '公交客流热力图与发车间隔计算器',
          teamName: '北湖数据小组',
          summary: '把站点分时段客流画成热力图，并按满载率目标自动计算各线路各时段的建议发车间隔。',
          body: '## 思路\n\n以站点-时段客流估算断面客流，再按 70% 满载率反推发车间隔。\n\n## 原型\n\n网页版工具，可选择线路和日期查看。',
          members: ['student', 'researcher'],
          links: { repository: 'https://git.example.org/beihu-data/bus-heatmap', demo: 'https://bus-heatmap.example.org' },
        },
        {
          kind: 'idea',
          title: '7 路南山段改为“高峰大站快车 + 平峰社区巴士”',
          teamName: '',
          summary: '7 路南山段平峰客流不足高峰三分之一，建议平峰改用小型社区巴士、高峰开大站快车。',
          body: '根据 10 月上半月数据，7 路南山镇—南山县城区段平峰时段上车人次明显偏低……',
          members: ['citizen'],
        },
        {
          kind: 'idea',
          title: '学校周边站点的上下学时段加班车',
          teamName: '',
          summary: '（草稿）',
          body: '',
          members: ['judge2'],
          status: 'draft',
        },
      ],
    });

    await addChallenge({
      slug: 'labour-shortage-forecast',
      title: '用就业数据预测重点行业用工缺口',
      department: 'hrss',
      author: 'hrss',
      summary: '结合企业用工需求、城镇新增就业和企业登记数据，提前一个季度预测哪些行业、哪些岗位会缺人。',
      body:
        '## 背景\n\n每年春节后和三季度，制造业和物流业普遍出现“招工难”，而部分岗位求职者又找不到工作。人社局希望提前发现缺口，组织针对性的职业技能培训和招聘会。\n\n' +
        '## 任务\n\n- 预测下一季度各行业、各区县的用工缺口；\n- 说明预测依据和误差；\n- 提出培训或招聘的具体建议。\n\n' +
        '可通过**统一社会信用代码**把用工需求和企业登记信息关联起来。',
      prizes: '- 一等奖：15,000 元\n- 二等奖：8,000 元\n- 三等奖：5,000 元',
      opens: 7,
      closes: 45,
      judgingEnds: 60,
      peoplesChoice: true,
      criteria: [
        { name: '预测方法', description: '方法是否合理、可解释，是否做了回测。', weight: 40 },
        { name: '数据使用', description: '是否正确关联和使用了多份数据。', weight: 30 },
        { name: '政策建议', description: '建议是否具体、可执行。', weight: 30 },
      ],
      datasets: ['enterprise-job-demand-2025q3', 'urban-employment-monthly', 'business-registrations', 'enterprise-spot-checks'],
    });

    await addChallenge({
      slug: 'relief-payment-accuracy',
      title: '防止救助资金重复发放和漏发',
      department: 'civil-affairs',
      author: 'civil',
      summary: '低保、特困供养等救助资金每月发放，如何发现异常波动、可能的重复发放和应保未保？',
      body:
        '## 背景\n\n民政局每月向全市约一万户低保家庭发放救助资金。过去审计发现过个别重复发放，也有符合条件的困难群众因不了解政策而漏保。\n\n' +
        '## 任务\n\n基于按乡镇汇总的发放数据，设计**异常发现规则或模型**，指出哪些乡镇、哪些月份需要重点核查，并提出“主动发现”困难群众的办法。\n\n' +
        '> 为保护隐私，本挑战只提供汇总数据。方案如需明细数据，请说明所需字段和脱敏方式，由民政局在内网验证。',
      prizes: '- 一等奖：10,000 元\n- 优秀奖 3 名：各 2,000 元',
      opens: -40,
      closes: -3,
      judgingEnds: 12,
      blindJudging: true,
      allowPrototypes: true,
      criteria: standardCriteria,
      datasets: ['subsistence-allowance-by-township'],
      judges: ['judge', 'judge2'],
      entries: [
        {
          kind: 'idea',
          title: '基于户均金额偏离度的乡镇异常预警',
          teamName: '清流',
          summary: '计算各乡镇每月户均、人均发放金额与全市同类乡镇的偏离度，超过阈值自动提示复核。',
          body: '## 方法\n\n按城乡分组，计算人均发放金额的稳健 z 分数……',
          members: ['researcher'],
          scores: { judge: [8, 9, 7, 6], judge2: [7, 8, 8, 6] },
        },
        {
          kind: 'prototype',
          title: '救助资金发放监测看板',
          teamName: '云溪数智',
          summary: '按乡镇展示户数、人数、金额的月度变化，异常点一键导出核查清单。',
          body: '看板使用开放数据构建，支持按区县筛选和导出。',
          members: ['startup', 'student'],
          links: { repository: 'https://git.example.org/yunxi-ai/relief-monitor', video: 'https://video.example.org/relief-monitor' },
          scores: { judge: [7, 8, 8, 7], judge2: [8, 7] },
        },
        {
          kind: 'idea',
          title: '“政策找人”：用多部门数据主动发现应保未保',
          teamName: '',
          summary: '建议在内网比对残疾人、大病医疗救助等数据，主动筛查可能符合低保条件但未申请的家庭。',
          body: '本方案需要民政局在内网使用明细数据，开放数据只用于验证乡镇层面的覆盖率差异。',
          members: ['citizen'],
        },
      ],
    });

    await addChallenge({
      slug: 'shelter-coverage',
      title: '应急避难场所覆盖评估',
      department: 'emergency',
      author: 'emergency',
      summary: '现有避难场所能否在步行 15 分钟内覆盖全部居民？找出覆盖盲区，为新建场所选址提出建议。',
      body:
        '## 背景\n\n云溪市地处地震带，应急管理局正在编制新一轮避难场所规划。\n\n' +
        '## 任务\n\n评估现有避难场所的服务范围和容量，找出人口多、场所少的区域，并提出新增选址建议。',
      prizes: '- 一等奖：10,000 元\n- 二等奖：5,000 元\n- 三等奖：3,000 元\n- 人气奖：2,000 元',
      opens: -90,
      closes: -50,
      judgingEnds: -30,
      resultsDaysAgo: 25,
      peoplesChoice: true,
      entriesPublic: true,
      criteria: standardCriteria,
      datasets: ['emergency-shelters'],
      judges: ['judge', 'judge2'],
      entries: [
        {
          kind: 'prototype',
          title: '15 分钟避难圈地图',
          teamName: '北湖数据小组',
          summary: '基于路网步行距离计算每个避难场所的 15 分钟服务圈，叠加人口分布找出盲区。',
          body: '## 成果\n\n- 交互式地图\n- 盲区清单（按街道）\n- 新增选址候选 6 处',
          members: ['student', 'researcher'],
          links: { demo: 'https://shelter-map.example.org', repository: 'https://git.example.org/beihu-data/shelter-15min' },
          scores: { judge: [9, 9, 8, 8], judge2: [8, 9, 9, 8] },
          award: 'first',
          voters: ['volunteer'],
        },
        {
          kind: 'idea',
          title: '把学校操场纳入分级开放的避难网络',
          teamName: '',
          summary: '建议与教育局签订协议，地震等突发事件时学校操场按预案分级开放，补齐老城区盲区。',
          body: '老城区用地紧张，新建场所困难，但学校操场分布均匀……',
          members: ['citizen'],
          scores: { judge: [8, 6, 8, 7], judge2: [8, 6, 7, 7] },
          award: 'second',
          voters: ['market'],
        },
        {
          kind: 'prototype',
          title: '避难场所容量压力测试',
          teamName: '云溪数智',
          summary: '模拟夜间、白天不同人口分布下各场所的容量压力，找出超负荷的场所。',
          body: '使用开放的避难场所数据和公开的人口统计数据进行模拟。',
          members: ['startup'],
          scores: { judge: [7, 8, 6, 8], judge2: [6, 8, 7, 8] },
          award: 'third',
        },
        {
          kind: 'idea',
          title: '避难场所标识和导航进地图 App',
          teamName: '',
          summary: '把避难场所位置和容量推送给主流地图 App，居民一搜就能找到最近的场所。',
          body: '很多居民不知道最近的避难场所在哪……',
          members: ['volunteer'],
          scores: { judge: [7, 5, 9, 6] },
          award: 'peoples_choice',
          voters: ['citizen', 'startup', 'student', 'researcher'],
        },
      ],
    });

    await addChallenge({
      slug: 'elderly-care-map',
      title: '智慧养老服务地图',
      department: 'civil-affairs',
      author: 'civil',
      status: 'draft',
      summary: '帮老人和子女快速找到附近的养老机构和社区养老服务站。',
      body: '（草稿）结合养老机构名录和社区养老服务设施数据，设计适老化的查询服务。',
      prizes: '',
      opens: 20,
      closes: 60,
      judgingEnds: 75,
      criteria: standardCriteria,
      datasets: ['elderly-care-institutions'],
    });
  });
  await seedDiscussion(people, at);
  await seedChallengesFromRequests(people);
  await seedAdoptions(people);
}

/**
 * 成果转化 of the emergency department's judged challenge: its four awarded ideas in each stage,
 * with updates dated between the results and today, outcome figures for the one in service.
 */
async function seedAdoptions(people: People): Promise<void> {
  const db = getDb();
  const challenge = (await db.select({ id: challenges.id, departmentId: challenges.departmentId, resultsPublishedAt: challenges.resultsPublishedAt }).from(challenges).where(eq(challenges.slug, 'shelter-coverage')).limit(1))[0];
  if (!challenge?.resultsPublishedAt) throw new Error('demo adoption challenge missing');
  const results = challenge.resultsPublishedAt.getTime();
  const span = Date.now() - results;
  // A moment `share` of the way from the results to now.
  const when = (share: number) => new Date(results + Math.round(span * share));
  const year = Number(dateToZonedLocal(challenge.resultsPublishedAt, config().timeZone).slice(0, 4));
  const entryId = async (title: string) => {
    const row = (await db.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.challengeId, challenge.id), eq(submissions.title, title))).limit(1))[0];
    if (!row) throw new Error(`demo entry ${title} missing`);
    return row.id;
  };
  const emergency = people.user('emergency');
  const dept = async (slug: string) => (await db.select({ id: departments.id }).from(departments).where(eq(departments.slug, slug)).limit(1))[0]?.id ?? challenge.departmentId;
  const civilAffairs = await dept('civil-affairs');
  const asOf = dateToZonedLocal(when(0.9), config().timeZone).slice(0, 10);
  const records: {
    title: string;
    stage: AdoptionStage;
    notAdoptedReason?: NotAdoptedReason;
    link?: string;
    outcomes?: AdoptionOutcome[];
    adoptedBy?: number[];
    credit?: string;
    terms?: string;
    teamResponse?: 'confirmed';
    updates: { stage: AdoptionStage; note: string; share: number }[];
  }[] = [
    {
      title: '15 分钟避难圈地图',
      stage: 'in_service',
      link: 'https://example.org/yunxi/shelter-map',
      outcomes: [
        { label: '月访问人次', value: 3200, unit: '人次', asOf },
        { label: '覆盖社区', value: 46, unit: '个', asOf },
      ],
      adoptedBy: [challenge.departmentId, civilAffairs],
      credit: '地图页脚署名“15 分钟避难圈”团队，并链接到本作品页。',
      terms: '代码以 MIT 许可开放；市应急管理局负责运维。获一等奖奖金 20,000 元，上线后另付维护补贴。',
      teamResponse: 'confirmed',
      updates: [
        { stage: 'evaluating', note: '已组织技术评估，计划与民政局社区服务平台对接。', share: 0.15 },
        { stage: 'piloting', note: '在城东街道 6 个社区试点，收集居民反馈。', share: 0.45 },
        { stage: 'in_service', note: '已在市应急管理局网站和“云溪通”小程序上线，全市可用。', share: 0.9 },
      ],
    },
    {
      title: '把学校操场纳入分级开放的避难网络',
      stage: 'piloting',
      adoptedBy: [challenge.departmentId],
      credit: '试点报告中署名参赛团队。',
      terms: '方案由市应急管理局与教育局共同试点；获二等奖奖金 10,000 元。',
      updates: [
        { stage: 'evaluating', note: '与教育局共同评估学校操场的开放条件。', share: 0.2 },
        { stage: 'piloting', note: '选取 3 所学校在汛期试行分级开放。', share: 0.7 },
      ],
    },
    {
      title: '避难场所容量压力测试',
      stage: 'evaluating',
      updates: [{ stage: 'evaluating', note: '正在用今年的人口数据复核测算方法。', share: 0.5 }],
    },
    {
      title: '避难场所标识和导航进地图 App',
      stage: 'not_adopted',
      notAdoptedReason: 'duplicate',
      updates: [{ stage: 'not_adopted', note: '主要地图 App 已接入避难场所数据，不再单独开发。感谢团队的建议。', share: 0.3 }],
    },
  ];
  await transaction(async (tx) => {
    for (const record of records) {
      const lastUpdateAt = when(Math.max(...record.updates.map((u) => u.share)));
      const { id } = inserted(
        await tx
          .insert(adoptions)
          .values({
            submissionId: await entryId(record.title),
            challengeId: challenge.id,
            departmentId: challenge.departmentId,
            resultsYear: year,
            awarded: true,
            stage: record.stage,
            notAdoptedReason: record.notAdoptedReason ?? null,
            link: record.link ?? null,
            outcomes: record.outcomes ?? [],
            credit: record.credit ?? '',
            terms: record.terms ?? '',
            teamResponse: record.teamResponse ?? null,
            teamRespondedAt: record.teamResponse ? lastUpdateAt : null,
            createdBy: emergency,
            lastUpdateAt,
            createdAt: when(record.updates[0]?.share ?? 0),
          })
          .returning({ id: adoptions.id }),
      );
      for (const departmentId of record.adoptedBy ?? []) await tx.insert(adoptionDepartments).values({ adoptionId: id, departmentId });
      for (const update of record.updates) {
        await tx.insert(adoptionUpdates).values({ adoptionId: id, stage: update.stage, note: update.note, actorId: emergency, departmentId: challenge.departmentId, createdAt: when(update.share) });
      }
    }
  });
}

/**
 * Requests answered by challenges: the open bus challenge answers the request for real-time bus
 * data (announced in the request's history when it was published), and the draft elderly-care map
 * answers the request for care-home beds (linked, not yet announced).
 */
async function seedChallengesFromRequests(people: People): Promise<void> {
  const db = getDb();
  const challengeBySlug = async (slug: string) =>
    (await db.select({ id: challenges.id, publishedAt: challenges.publishedAt }).from(challenges).where(eq(challenges.slug, slug)).limit(1))[0];
  const requestByTitle = async (title: string) =>
    (await db.select({ id: dataRequests.id, status: dataRequests.status, createdAt: dataRequests.createdAt, respondedAt: dataRequests.respondedAt }).from(dataRequests).where(eq(dataRequests.title, title)).limit(1))[0];
  const bus = await challengeBySlug('bus-routes-from-card-data');
  const careMap = await challengeBySlug('elderly-care-map');
  const realtime = await requestByTitle('开放公交车辆实时到站数据');
  const beds = await requestByTitle('公布养老机构床位情况');
  if (!bus?.publishedAt || !careMap || !realtime || !beds) throw new Error('demo challenge/request links missing');
  const official = people.user('transport');
  // The challenge was published before the request was asked: it is linked (and announced) the day after the department's answer.
  const announced = new Date(Math.max(bus.publishedAt.getTime(), (realtime.respondedAt ?? realtime.createdAt).getTime() + 86_400_000));
  await transaction(async (tx) => {
    await tx.insert(challengeRequests).values({ challengeId: bus.id, requestId: realtime.id, linkedBy: official, createdAt: announced, announcedAt: announced });
    await tx.insert(dataRequestEvents).values({ requestId: realtime.id, kind: 'challenge', challengeId: bus.id, actorId: official, status: realtime.status, createdAt: announced });
    await tx.insert(challengeRequests).values({ challengeId: careMap.id, requestId: beds.id, linkedBy: people.user('civil'), createdAt: new Date(beds.createdAt.getTime() + 86_400_000) });
  });
}

/**
 * A little public participation, so the demo shows it at work: a question on the open bus
 * challenge with the organisers' answer pinned into its FAQ, a comment on a data request, the
 * follows people have, and the reply waiting unread for the citizen who asked.
 */
async function seedDiscussion(people: People, at: At): Promise<void> {
  const { user } = people;
  const db = getDb();
  const bus = (await db.select({ id: challenges.id, slug: challenges.slug, title: challenges.title }).from(challenges).where(eq(challenges.slug, 'bus-routes-from-card-data')).limit(1))[0];
  const realtime = (await db.select({ id: dataRequests.id, title: dataRequests.title }).from(dataRequests).where(eq(dataRequests.title, '开放公交车辆实时到站数据')).limit(1))[0];
  if (!bus || !realtime) throw new Error('demo discussion targets missing');
  await transaction(async (tx) => {
    const comment = async (values: { targetType: 'challenge' | 'data_request'; targetId: number; author: string; body: string; parentId?: number; official?: boolean; at: Date }) =>
      inserted(
        await tx
          .insert(comments)
          .values({ targetType: values.targetType, targetId: values.targetId, parentId: values.parentId ?? null, authorId: user(values.author), body: values.body, isOfficial: values.official ?? false, createdAt: values.at, updatedAt: values.at })
          .returning({ id: comments.id }),
      ).id;
    const question = await comment({ targetType: 'challenge', targetId: bus.id, author: 'citizen', body: '刷卡数据里的“换乘”是怎么判定的？30 分钟内再刷一次卡都算吗？', at: at(-2, 9) });
    const answer = await comment({
      targetType: 'challenge',
      targetId: bus.id,
      author: 'transport',
      parentId: question,
      official: true,
      body: '是的：同一张卡在 **30 分钟内**于另一条线路再次刷卡，记为一次换乘；同一线路不算。统计口径也写在数据集说明里。',
      at: at(-2, 15),
    });
    await tx.insert(challengePosts)
      .values({ challengeId: bus.id, kind: 'faq', title: '刷卡数据里的“换乘”是怎么判定的？30 分钟内再刷一次卡都算吗？', body: '是的：同一张卡在 **30 分钟内**于另一条线路再次刷卡，记为一次换乘；同一线路不算。统计口径也写在数据集说明里。', sourceCommentId: answer, createdBy: user('transport'), createdAt: at(-2, 16) });
    await comment({ targetType: 'data_request', targetId: realtime.id, author: 'startup', body: '接口开放之前，能否先公布各站点的坐标？做候车提醒时很需要。', at: at(-1, 10) });

    for (const handle of ['citizen', 'startup', 'researcher']) await tx.insert(follows).values({ userId: user(handle), targetType: 'challenge', targetId: bus.id });
    for (const request of await tx.select({ id: dataRequests.id, requesterId: dataRequests.requesterId }).from(dataRequests)) {
      await tx.insert(follows).values({ userId: request.requesterId, targetType: 'data_request', targetId: request.id });
    }
    await tx.insert(notifications)
      .values({
        userId: user('citizen'),
        kind: 'comment_reply',
        params: { name: DEMO_ACCOUNTS.find((a) => a.email.startsWith('transport@'))?.name ?? '', target: bus.title },
        link: `/challenges/${bus.slug}#comment-${answer}`,
        createdAt: at(-2, 15),
      });
  });
}
