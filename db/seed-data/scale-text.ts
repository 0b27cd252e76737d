/**
 * Words and sentence patterns for the scale seed: fictional cities and their departments, people's
 * names, and the themes (topics) that datasets, challenges, entries, requests and comments are
 * written about. Everything is generated from these with the seeded PRNG, so texts vary enough for
 * search and lists to behave as on a real site while staying deterministic.
 */
import type { Random } from './random';

export interface City {
  name: string;
  slug: string;
  /** First four digits of the city's 行政区划代码 (fictional). */
  code: string;
}

/** 云溪市 is the demo city; the others are fictional too. */
export const CITIES: readonly City[] = [
  { name: '云溪市', slug: 'yunxi', code: '5307' },
  { name: '临江市', slug: 'linjiang', code: '3611' },
  { name: '青川县', slug: 'qingchuan', code: '5108' },
  { name: '白石县', slug: 'baishi', code: '4509' },
  { name: '望海市', slug: 'wanghai', code: '3710' },
  { name: '金沙县', slug: 'jinsha', code: '5205' },
  { name: '松岭市', slug: 'songling', code: '2307' },
  { name: '东陵市', slug: 'dongling', code: '2104' },
  { name: '南溪县', slug: 'nanxi', code: '4306' },
  { name: '北原市', slug: 'beiyuan', code: '1409' },
  { name: '清河县', slug: 'qinghe', code: '1305' },
  { name: '安平市', slug: 'anping', code: '3408' },
  { name: '长宁市', slug: 'changning', code: '4413' },
  { name: '西岚县', slug: 'xilan', code: '6207' },
];

export const BUREAUS = [
  { slug: 'transport', name: '交通运输局', about: '负责公共交通、道路运输和城市客运管理。' },
  { slug: 'education', name: '教育局', about: '负责基础教育、学校布局和招生入学工作。' },
  { slug: 'health', name: '卫生健康委员会', about: '负责医疗卫生机构管理、公共卫生和健康服务。' },
  { slug: 'environment', name: '生态环境局', about: '负责环境质量监测、污染防治和生态保护。' },
  { slug: 'tourism', name: '文化和旅游局', about: '负责文化事业、旅游市场和景区管理。' },
  { slug: 'water', name: '水务局', about: '负责供水、排水和水资源管理。' },
  { slug: 'urban', name: '城市管理局', about: '负责市容环境、停车管理和12345热线诉求办理。' },
  { slug: 'agriculture', name: '农业农村局', about: '负责农业生产、农产品市场和乡村振兴工作。' },
  { slug: 'hrss', name: '人力资源和社会保障局', about: '负责就业促进、社会保险和劳动关系工作。' },
  { slug: 'civil-affairs', name: '民政局', about: '负责社会救助、养老服务和社区治理。' },
  { slug: 'market-regulation', name: '市场监督管理局', about: '负责市场主体登记、质量安全和市场秩序监管。' },
  { slug: 'emergency', name: '应急管理局', about: '负责应急预案、防灾减灾和安全生产。' },
  { slug: 'data', name: '数据资源管理局', about: '负责政务数据汇聚、共享和开放。' },
] as const;

export type BureauSlug = (typeof BUREAUS)[number]['slug'];

const DISTRICT_NAMES = ['城关区', '东城区', '西城区', '南湖区', '江北区', '高新区', '经开区', '滨江区', '城南区', '临港区', '山前县', '河口县', '平川县', '石桥县', '清水县'];

/** Five districts of a city with their 6-digit codes; the same city always has the same ones. */
export function districtsOf(city: City): { name: string; code: string }[] {
  const start = Number(city.code) % DISTRICT_NAMES.length;
  return Array.from({ length: 5 }, (_, i) => ({
    name: DISTRICT_NAMES[(start + i * 3) % DISTRICT_NAMES.length] as string,
    code: `${city.code}${String(2 + i * 3).padStart(2, '0')}`,
  }));
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬宇浩凯健俊帆帅旭宁欣雨晨思远海燕晓梅志一鸣子涵梓萱嘉怡佳琪博文浩然若曦语桐';

export function personName(random: Random): string {
  const surname = SURNAMES[random.int(0, SURNAMES.length - 1)] ?? '王';
  const length = random.chance(0.7) ? 2 : 1;
  let given = '';
  for (let i = 0; i < length; i += 1) given += GIVEN[random.int(0, GIVEN.length - 1)] ?? '明';
  return surname + given;
}

/**
 * A theme the site's content is about. Datasets of a topic share a table shape; challenges ask
 * questions about it; entries, requests and comments talk about it.
 */
export interface Topic {
  slug: string;
  /** What the data is called: 公交刷卡客流. */
  noun: string;
  bureau: BureauSlug;
  tags: string[];
  frequency: 'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'irregular';
  /** What a challenge on this topic wants improved: 公交线路和发车间隔. */
  goal: string;
  /** Things an entry might build. */
  ideas: string[];
}

export const TOPICS: readonly Topic[] = [
  {
    slug: 'bus-ridership',
    noun: '公交刷卡客流',
    bureau: 'transport',
    tags: ['公共交通', '公交', '客流'],
    frequency: 'monthly',
    goal: '公交线路和发车间隔',
    ideas: ['公交客流热力图', '高峰发车间隔计算器', '定制公交线路推荐', '公交换乘优化方案', '站点拥挤度预警', '夜间公交需求分析'],
  },
  {
    slug: 'bus-routes',
    noun: '公交线路站点',
    bureau: 'transport',
    tags: ['公共交通', '公交'],
    frequency: 'quarterly',
    goal: '公交线网覆盖',
    ideas: ['公交覆盖盲区地图', '公交线路重复度分析', '社区微循环公交设计', '公交站点步行可达性评估'],
  },
  {
    slug: 'air-quality',
    noun: '空气质量监测',
    bureau: 'environment',
    tags: ['环境', '空气质量'],
    frequency: 'daily',
    goal: '重污染天气预警',
    ideas: ['空气质量预测模型', '污染源贡献分析', '敏感人群出行提醒', '工地扬尘监测看板'],
  },
  {
    slug: 'employment',
    noun: '城镇新增就业',
    bureau: 'hrss',
    tags: ['就业', '统计'],
    frequency: 'monthly',
    goal: '重点群体就业服务',
    ideas: ['就业形势月度看板', '高校毕业生就业去向分析', '零工市场供需匹配', '技能培训需求预测'],
  },
  {
    slug: 'business',
    noun: '市场主体登记',
    bureau: 'market-regulation',
    tags: ['企业', '营商环境'],
    frequency: 'monthly',
    goal: '营商环境监测',
    ideas: ['新设企业活跃度分析', '企业生命周期画像', '个体工商户经营指数', '产业链企业地图'],
  },
  {
    slug: 'job-demand',
    noun: '企业用工需求',
    bureau: 'hrss',
    tags: ['就业', '招聘', '企业'],
    frequency: 'quarterly',
    goal: '用工缺口预测',
    ideas: ['岗位缺口预测模型', '薪资水平地图', '招聘会精准邀约', '技能与岗位匹配工具'],
  },
  {
    slug: 'relief',
    noun: '低保资金发放',
    bureau: 'civil-affairs',
    tags: ['社会救助', '民生'],
    frequency: 'monthly',
    goal: '救助资金精准发放',
    ideas: ['发放异常预警规则', '应保未保主动发现', '救助资金监测看板', '救助政策智能问答'],
  },
  {
    slug: 'shelters',
    noun: '应急避难场所',
    bureau: 'emergency',
    tags: ['应急', '防灾减灾'],
    frequency: 'yearly',
    goal: '避难场所覆盖',
    ideas: ['15分钟避难圈地图', '避难场所容量压力测试', '应急疏散路线规划', '避难场所导航小程序'],
  },
  {
    slug: 'schools',
    noun: '义务教育学校',
    bureau: 'education',
    tags: ['教育', '学校'],
    frequency: 'yearly',
    goal: '学位供需平衡',
    ideas: ['学位预警地图', '学区人口变化预测', '校车线路优化', '课后服务需求分析'],
  },
  {
    slug: 'hospitals',
    noun: '医疗机构床位',
    bureau: 'health',
    tags: ['医疗卫生', '民生'],
    frequency: 'quarterly',
    goal: '医疗资源均衡布局',
    ideas: ['就医可达性分析', '床位使用率预测', '基层医疗服务地图', '急救站点选址建议'],
  },
  {
    slug: 'tourism',
    noun: '景区接待',
    bureau: 'tourism',
    tags: ['旅游', '文化'],
    frequency: 'monthly',
    goal: '景区客流调控',
    ideas: ['景区客流预测', '节假日错峰出游推荐', '旅游消费热力图', '景区公交接驳方案'],
  },
  {
    slug: 'water-quality',
    noun: '供水水质',
    bureau: 'water',
    tags: ['供水', '环境'],
    frequency: 'monthly',
    goal: '供水安全',
    ideas: ['水质异常预警', '管网漏损定位', '二次供水风险地图', '水质公开查询小程序'],
  },
  {
    slug: 'hotline',
    noun: '12345热线诉求',
    bureau: 'urban',
    tags: ['12345', '城市治理', '公交'],
    frequency: 'monthly',
    goal: '市民诉求快速办理',
    ideas: ['诉求热点自动分类', '重复诉求识别', '公交出行诉求分析', '诉求办理时长预测'],
  },
  {
    slug: 'parking',
    noun: '公共停车场',
    bureau: 'urban',
    tags: ['停车', '交通'],
    frequency: 'weekly',
    goal: '停车难问题',
    ideas: ['停车泊位实时查询', '错时共享停车方案', '停车与公交换乘点规划', '充电桩布局建议'],
  },
  {
    slug: 'farm-prices',
    noun: '农产品批发价格',
    bureau: 'agriculture',
    tags: ['农业', '价格'],
    frequency: 'daily',
    goal: '菜篮子价格稳定',
    ideas: ['蔬菜价格预测', '产销对接平台', '价格异常波动预警', '农产品冷链物流规划'],
  },
];

export function topicOf(slug: string): Topic {
  const topic = TOPICS.find((t) => t.slug === slug);
  if (!topic) throw new Error(`unknown topic ${slug}`);
  return topic;
}

const PERIODS = ['2023年', '2024年', '2025年', '2024年上半年', '2024年下半年', '2025年第一季度', '2025年第二季度', '2025年第三季度'];

export function datasetTitle(random: Random, city: City, topic: Topic): string {
  return `${city.name}${topic.noun}${random.pick(['统计', '明细', '汇总', '信息', '数据'])}（${random.pick(PERIODS)}）`;
}

export function datasetDescription(random: Random, city: City, topic: Topic, departmentName: string): string {
  return (
    `${city.name}${topic.noun}数据，由${departmentName}按${random.pick(['月', '季度', '年'])}整理发布。\n\n` +
    `- 数据来源：${random.pick(['业务系统导出', '统计报表汇总', '监测设备自动采集', '政务服务平台'])}\n` +
    `- 统计口径：${random.pick(['按区县汇总', '按机构逐条列出', '按日期汇总', '不含个人信息，只发布汇总数'])}\n` +
    `- 更新说明：${random.pick(['数据如有更正，以最新版本为准。', '历史数据已按新口径回溯调整。', '个别月份因系统升级略有缺失。'])}\n\n` +
    `可用于${topic.goal}相关的分析和应用开发。`
  );
}

const CHALLENGE_TITLES = [
  (c: City, t: Topic) => `用${t.noun}数据改进${c.name}${t.goal}`,
  (c: City, t: Topic) => `${c.name}${t.goal}数据创新挑战赛`,
  (c: City, t: Topic) => `${t.goal}：${c.name}开放数据金点子征集`,
  (c: City, t: Topic) => `让${t.noun}数据服务${c.name}市民`,
];

export function challengeTitle(random: Random, city: City, topic: Topic): string {
  return random.pick(CHALLENGE_TITLES)(city, topic);
}

export function challengeSummary(random: Random, city: City, topic: Topic): string {
  return random.pick([
    `${city.name}正在研究${topic.goal}的改进办法。用${topic.noun}等开放数据找出问题所在，提出可落地的建议或原型。`,
    `围绕${topic.goal}，欢迎市民、企业和研究者利用${topic.noun}数据提交分析报告、工具原型或政策建议。`,
    `${topic.noun}数据已经开放。我们想知道：怎样用这些数据让${topic.goal}做得更好？`,
  ]);
}

export function challengeBody(random: Random, city: City, topic: Topic): string {
  return (
    `## 背景\n\n${city.name}近年来在${topic.goal}方面持续投入，但市民仍反映${random.pick(['信息不透明', '办事等待时间长', '资源分布不均', '高峰时段压力大'])}等问题。\n\n` +
    `## 我们想请你回答\n\n1. 现有${topic.noun}数据反映出哪些规律和问题？\n2. 哪些区域或人群最需要改进？\n3. 有什么成本可控、可以试点的办法？\n\n` +
    `## 数据\n\n可使用本页列出的开放数据，也欢迎结合其他公开数据（需注明来源）。\n\n` +
    `## 提交要求\n\n- **金点子**：不超过 3000 字的分析和建议；\n- **原型**：可运行的工具或可视化，附源代码仓库链接。`
  );
}

export function challengePrizes(random: Random): string {
  const first = random.pick([5000, 10000, 20000, 30000]);
  return `- 一等奖 1 名：奖金 ${first.toLocaleString('en-US')} 元\n- 二等奖 2 名：奖金各 ${(first / 2).toLocaleString('en-US')} 元\n- 优秀奖若干：获奖证书\n\n优秀方案有机会与业务部门合作试点。`;
}

export const CRITERIA_POOL = [
  { name: '问题理解', description: '是否准确把握了业务痛点和服务对象的真实需求。' },
  { name: '数据使用', description: '是否充分、正确地使用了开放数据，并说明了数据的局限。' },
  { name: '可行性', description: '在现有条件下能否落地，成本和风险是否可控。' },
  { name: '创新性', description: '方法或视角是否新颖，能否带来明显改进。' },
  { name: '社会效益', description: '预期能惠及多少市民，效果能否衡量。' },
  { name: '完成度', description: '原型或方案的完整程度和可演示性。' },
  { name: '表达清晰', description: '文档和演示是否清楚易懂。' },
];

export function entryTitle(random: Random, city: City, topic: Topic): string {
  const idea = random.pick(topic.ideas);
  return random.pick([idea, `${city.name}${idea}`, `基于${topic.noun}数据的${idea}`, `${idea}（${random.pick(['试点版', '原型', '方案', '2.0'])}）`]);
}

export function entrySummary(random: Random, topic: Topic): string {
  return random.pick([
    `用${topic.noun}数据找出${topic.goal}的薄弱环节，并给出分区域、分时段的改进建议。`,
    `一个面向市民和业务科室的小工具：输入条件即可查看${topic.noun}的变化趋势和异常点。`,
    `把${topic.noun}数据和公开的人口、地图数据结合，估算改进措施的成本和受益人数。`,
    `我们访谈了二十多位市民，结合${topic.noun}数据，提出三条可以马上试点的建议。`,
  ]);
}

export function entryBody(random: Random, city: City, topic: Topic): string {
  return (
    `## 思路\n\n${random.pick(['先按区县和月份汇总', '先清洗异常值和缺失值', '先与地图数据关联'])}，再${random.pick(['计算同比环比', '建立回归模型', '做聚类分析', '画热力图'])}，找出${city.name}${topic.goal}的主要问题。\n\n` +
    `## 成果\n\n- ${random.pick(topic.ideas)}\n- 分区域问题清单\n- 试点建议和评估指标\n\n` +
    `## 数据局限\n\n${topic.noun}数据${random.pick(['只有汇总数', '更新有滞后', '部分月份缺失'])}，结论需要业务部门进一步核实。`
  );
}

export function teamName(random: Random): string {
  return `${random.pick(['北湖', '星火', '云端', '清流', '拾光', '数智', '青禾', '启明', '晨曦', '格物'])}${random.pick(['数据小组', '工作室', '团队', '实验室', '研究组'])}`;
}

const COMMENT_PATTERNS = [
  (t: Topic) => `${t.noun}数据里的统计口径是什么？有没有字段说明？`,
  (t: Topic) => `请问${t.noun}数据会不会按月更新？我们做预测需要更长的时间序列。`,
  (t: Topic) => `建议把${t.goal}的评估指标公开，方便大家对比不同方案。`,
  () => '能否提供接口而不只是文件下载？每次手动下载很麻烦。',
  () => '这个思路很好，我们小区也有同样的问题。',
  (t: Topic) => `支持！${t.goal}确实是大家最关心的事。`,
  () => '数据里有几行日期格式不一致，导入时要注意。',
  () => '可以和公交数据关联起来看吗？上下班时段的规律应该很明显。',
  (t: Topic) => `我们团队想用${t.noun}做一个小程序，有没有人一起？`,
  () => '提交截止时间是以服务器时间为准吗？',
  () => '原型需要部署上线吗，还是提供代码仓库就可以？',
  (t: Topic) => `去年也有类似的${t.goal}项目，效果怎么样？能否公开评估结果？`,
];

const REPLY_PATTERNS = [
  '同问，期待官方回复。',
  '我们之前也遇到过，可以先按区县汇总再看。',
  '谢谢分享，很有帮助！',
  '补充一下：周末和节假日的规律完全不同，要分开分析。',
  '数据说明在数据集页面的“数据字典”里。',
  '赞同，建议再加上老年人出行的视角。',
];

const OFFICIAL_ANSWERS = [
  '感谢关注。数据按月更新，每月 10 日前发布上月数据，统计口径写在数据集说明里。',
  '接口正在开发，预计下季度开放，届时会在本平台公告。',
  '以服务器收到的时间为准，截止时间前提交的作品都有效。',
  '原型提供可访问的演示地址或代码仓库即可，不要求正式部署。',
  '已收到建议，我们会在下一版数据中补充字段说明。',
];

export function commentBody(random: Random, topic: Topic): string {
  return random.pick(COMMENT_PATTERNS)(topic);
}

export function replyBody(random: Random): string {
  return random.pick(REPLY_PATTERNS);
}

export function officialAnswer(random: Random): string {
  return random.pick(OFFICIAL_ANSWERS);
}

export const HIDE_REASONS = ['广告内容', '与讨论无关', '包含他人个人信息', '人身攻击'];

export function requestTitle(random: Random, city: City, topic: Topic): string {
  return random.pick([
    `开放${city.name}${topic.noun}数据`,
    `希望公布${topic.noun}明细`,
    `按月更新${city.name}${topic.noun}`,
    `开放${topic.noun}数据接口`,
    `公开${city.name}${topic.goal}相关数据`,
  ]);
}

export function requestDescription(random: Random, topic: Topic): string {
  return random.pick([
    `希望开放${topic.noun}的分区县、分月份数据，最好提供接口。`,
    `现有数据只有年度汇总，希望能按月或按周发布${topic.noun}。`,
    `希望公开${topic.noun}的字段说明和历史数据。`,
  ]);
}

export function requestPurpose(random: Random, topic: Topic): string {
  return random.pick([
    `做${topic.goal}相关的研究，需要更细的数据。`,
    `开发方便市民查询的小程序，也方便老人电话查询。`,
    `写课程论文，分析${topic.noun}的变化趋势。`,
    `帮助社区居民了解身边的${topic.goal}情况。`,
  ]);
}

export const REVIEW_FEEDBACK = [
  '思路清晰，建议补充对数据局限性的说明，并给出分阶段实施计划。',
  '数据分析扎实，但落地成本估算偏乐观，建议与业务科室进一步沟通。',
  '原型完成度高，界面友好；建议增加对老年用户的适配。',
  '问题抓得准，方案还可以更具体，例如给出试点区域和评估指标。',
  '创新性较强，但数据使用不够充分，可以结合更多开放数据验证结论。',
];

export const REVIEW_NOTES = ['数据使用扎实，落地需要和业务科室再确认。', '团队有实施经验，可考虑邀请座谈。', '与去年获奖方案有相似之处，需核实原创性。', ''];
