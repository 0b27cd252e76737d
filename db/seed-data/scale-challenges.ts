/**
 * Challenges and their entries for the scale seed: a thousand published challenges across every
 * phase (the phase is derived from the timeline, as on the site), each with a rubric, linked data,
 * announcements and FAQ, a judging panel, and entries with their teams and revisions. One big
 * challenge in judging, with People's Choice and a public gallery, holds a fifth of all entries.
 */
import { encodeNotice } from '../../app/lib/announcements';
import { challengePhase, type Phase } from '../../app/lib/phase';
import type { EntryKind, SubmissionStatus } from '../schema';
import { DAY, HOUR } from './clock';
import { inserter, inTransaction, type Insert } from './bulk';
import type { Random } from './random';
import type { ScaleContext } from './scale-context';
import type { ScaleDatasets } from './scale-datasets';
import type { ScaleDepartment, ScalePeople } from './scale-people';
import { allocate, between, normal, permutation, shuffled } from './sampling';
import {
  challengeBody,
  challengePrizes,
  challengeSummary,
  challengeTitle,
  CITIES,
  CRITERIA_POOL,
  entryBody,
  entrySummary,
  entryTitle,
  teamName,
  topicOf,
  TOPICS,
  type City,
  type Topic,
} from './scale-text';

export const BIG_CHALLENGE_SLUG = 'scale-big-challenge';

export interface ScaleEntry {
  id: number;
  challenge: ScaleChallenge;
  status: SubmissionStatus;
  title: string;
  teamName: string;
  createdAt: number;
  submittedAt: number | null;
  /** Active members, the owner first. */
  members: number[];
  /** Pending invitations to people with an account. */
  invited: number[];
  /** How good the entry is, 0–1: judges' scores and awards follow it. */
  quality: number;
}

export interface ScaleChallenge {
  id: number;
  slug: string;
  title: string;
  departmentId: number;
  organiserId: number;
  phase: Phase;
  topic: Topic;
  city: City;
  opensAt: number;
  closesAt: number;
  judgingEndsAt: number;
  resultsAt: number | null;
  publishedAt: number | null;
  peoplesChoice: boolean;
  entriesPublic: boolean;
  blindJudging: boolean;
  teamSizeLimit: number;
  kinds: EntryKind[];
  criteria: { id: number; maxScore: number }[];
  datasetIds: number[];
  judges: number[];
  announcements: { headline: string; createdAt: number; deadlineTo?: number }[];
  entries: ScaleEntry[];
  /** Draws participants for this challenge, never the same person twice. */
  nextPerson: () => number;
  /** How many participants are left to draw. */
  peopleLeft: () => number;
}

interface Timeline {
  opensAt: number;
  closesAt: number;
  judgingEndsAt: number;
  resultsAt: number | null;
}

/** Timelines per phase, on whole hours of China time and with days of margin, so the phase holds for a while. */
function timelineFor(phase: Phase, ctx: ScaleContext, random: Random): Timeline {
  const { at } = ctx;
  const t = (days: number, hour: number) => at(days, hour).getTime();
  switch (phase) {
    case 'upcoming': {
      const opens = random.int(7, 60);
      const closes = opens + random.int(20, 60);
      return { opensAt: t(opens, 9), closesAt: t(closes, 18), judgingEndsAt: t(closes + random.int(10, 30), 18), resultsAt: null };
    }
    case 'open': {
      const closes = random.int(7, 75);
      return { opensAt: t(-random.int(1, 60), 9), closesAt: t(closes, 18), judgingEndsAt: t(closes + random.int(10, 30), 18), resultsAt: null };
    }
    case 'judging': {
      // Most are still being judged; some have passed the planned end and wait for their results.
      const over = random.chance(0.2);
      const closes = over ? -random.int(15, 40) : -random.int(1, 30);
      return { opensAt: t(closes - random.int(30, 60), 9), closesAt: t(closes, 18), judgingEndsAt: over ? t(-random.int(1, 10), 18) : t(random.int(7, 40), 18), resultsAt: null };
    }
    default: {
      const judgingEnds = -random.int(5, 700);
      const closes = judgingEnds - random.int(10, 30);
      return { opensAt: t(closes - random.int(30, 60), 9), closesAt: t(closes, 18), judgingEndsAt: t(judgingEnds, 18), resultsAt: t(judgingEnds + random.int(1, 3), 10) };
    }
  }
}

interface ChallengePlan extends Timeline {
  slug: string;
  title: string;
  summary: string;
  body: string;
  prizes: string;
  department: ScaleDepartment;
  topic: Topic;
  city: City;
  phase: Phase;
  status: 'draft' | 'published';
  publishedAt: number | null;
  createdAt: number;
  peoplesChoice: boolean;
  entriesPublic: boolean;
  blindJudging: boolean;
  teamSizeLimit: number;
  kinds: EntryKind[];
  criteria: { name: string; description: string; weight: number; maxScore: number }[];
  datasetIds: number[];
  panel: number;
}

function rubric(random: Random): ChallengePlan['criteria'] {
  const picked = shuffled(random, CRITERIA_POOL).slice(0, random.int(3, 6));
  const maxScore = random.chance(0.8) ? 10 : 5;
  const weights = allocate(100, picked.map(() => random.int(2, 6)));
  return picked.map((c, i) => ({ ...c, weight: weights[i] ?? 10, maxScore }));
}

function linkedDatasets(random: Random, datasets: ScaleDatasets, department: ScaleDepartment, topic: Topic): number[] {
  const own = datasets.published.filter((d) => d.departmentId === department.id || d.topic.slug === topic.slug);
  const pool = own.length > 0 ? own : datasets.published;
  return [...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(pool).id))];
}

function planPhases(random: Random, count: number): Phase[] {
  const phases: Phase[] = ['upcoming', 'open', 'judging', 'results'];
  // Every phase has at least one, the rest in the proportions of a site that has run for years.
  const counts = allocate(Math.max(0, count - phases.length), [12, 28, 20, 40]).map((n) => n + 1);
  return shuffled(random, phases.flatMap((phase, i) => Array.from({ length: counts[i] ?? 1 }, () => phase)));
}

function planChallenge(ctx: ScaleContext, random: Random, people: ScalePeople, datasets: ScaleDatasets, phase: Phase, index: number, draft: boolean): ChallengePlan {
  const department = random.pick(people.departments);
  const own = TOPICS.filter((t) => t.bureau === department.bureau);
  const topic = random.pick(own.length > 0 ? own : TOPICS);
  const city = department.city;
  const timeline = timelineFor(phase, ctx, random);
  const publishedAt = draft ? null : Math.min(timeline.opensAt, ctx.now) - random.int(3, 10) * DAY;
  const allowIdeas = random.chance(0.9);
  const kinds: EntryKind[] = allowIdeas ? (random.chance(0.85) ? ['idea', 'prototype'] : ['idea']) : ['prototype'];
  return {
    ...timeline,
    slug: `${topic.slug}-${city.slug}-${String(index + 1).padStart(4, '0')}`,
    title: challengeTitle(random, city, topic),
    summary: challengeSummary(random, city, topic),
    body: challengeBody(random, city, topic),
    prizes: challengePrizes(random),
    department,
    topic,
    city,
    phase: draft ? 'draft' : phase,
    status: draft ? 'draft' : 'published',
    publishedAt,
    createdAt: (publishedAt ?? ctx.now - random.int(1, 30) * DAY) - random.int(3, 14) * DAY,
    peoplesChoice: random.chance(0.3),
    entriesPublic: random.chance(0.4),
    blindJudging: random.chance(0.15),
    teamSizeLimit: random.int(3, 6),
    kinds,
    criteria: rubric(random),
    datasetIds: linkedDatasets(random, datasets, department, topic),
    panel: phase === 'judging' || phase === 'results' || (phase === 'open' && random.chance(0.6)) || random.chance(0.2) ? random.int(3, 6) : 0,
  };
}

function planBigChallenge(ctx: ScaleContext, people: ScalePeople, datasets: ScaleDatasets): ChallengePlan {
  const department = people.departments.find((d) => d.slug === 'transport');
  if (!department) throw new Error('demo department transport missing');
  const topic = topicOf('bus-ridership');
  const busData = datasets.published.filter((d) => d.topic.slug === 'bus-ridership' || d.topic.slug === 'bus-routes').slice(0, 3);
  const demoData = ctx.sqlite.prepare("SELECT id FROM datasets WHERE slug IN ('bus-ridership-2025-10', 'bus-routes')").all() as { id: number }[];
  const { at } = ctx;
  const closesAt = at(-10, 18).getTime();
  return {
    opensAt: at(-70, 9).getTime(),
    closesAt,
    judgingEndsAt: at(30, 18).getTime(),
    resultsAt: null,
    slug: BIG_CHALLENGE_SLUG,
    title: '公交出行大数据创新大赛：让公交更准时、更舒适',
    summary: '全国征集：用公交刷卡客流、线路站点和 12345 热线数据，找出公交出行的堵点，提出线路调整、发车间隔和换乘改进的金点子或原型。',
    body: challengeBody(ctx.random('big-challenge'), CITIES[0] as City, topic),
    prizes: '- 一等奖 3 名：奖金各 50,000 元\n- 二等奖 10 名：奖金各 20,000 元\n- 三等奖 30 名：奖金各 5,000 元\n- 人气奖 1 名：奖金 10,000 元\n\n优秀方案将在多个城市的公交线路调整中试点。',
    department,
    topic,
    city: CITIES[0] as City,
    phase: 'judging',
    status: 'published',
    publishedAt: at(-80, 10).getTime(),
    createdAt: at(-95, 10).getTime(),
    peoplesChoice: true,
    entriesPublic: true,
    blindJudging: false,
    teamSizeLimit: 5,
    kinds: ['idea', 'prototype'],
    criteria: CRITERIA_POOL.slice(0, 5).map((c, i) => ({ ...c, weight: [20, 25, 25, 15, 15][i] ?? 20, maxScore: 10 })),
    datasetIds: [...new Set([...demoData.map((d) => d.id), ...busData.map((d) => d.id)])],
    panel: ctx.volumes.bigJudges,
  };
}

const ANNOUNCEMENTS = ['线上答疑会通知', '数据更新说明', '提交须知', '评审安排', '常见问题汇总已更新', '获奖名单公示时间'];
const FAQ = [
  { q: '可以组队参加吗？队伍最多几个人？', a: '可以。每人在一个挑战中只能加入一个团队，人数上限见挑战说明。' },
  { q: '可以使用其他公开数据吗？', a: '可以，请在作品中注明数据来源和获取方式。' },
  { q: '提交后还能修改吗？', a: '截止时间前可以随时修改，每次保存都会留下版本记录。' },
  { q: '原型需要开源吗？', a: '不强制开源，但需要向评委提供可访问的演示或代码。' },
];

function insertPosts(random: Random, plan: ChallengePlan, id: number, insertPost: Insert, now: number): ScaleChallenge['announcements'] {
  const announcements: ScaleChallenge['announcements'] = [];
  if (plan.status !== 'published' || plan.publishedAt === null) return announcements;
  const from = plan.publishedAt;
  const until = Math.min(now - HOUR, Math.max(from + HOUR, plan.resultsAt ?? plan.closesAt));
  const count = plan.slug === BIG_CHALLENGE_SLUG ? 5 : random.int(0, 3);
  for (let i = 0; i < count; i += 1) {
    const headline = random.pick(ANNOUNCEMENTS);
    const createdAt = between(random, from, until);
    insertPost(id, 'announcement', headline, `${headline}：请各参赛团队留意本页更新，如有疑问可在讨论区留言。`, 0, null, i, plan.department.officialId, createdAt);
    announcements.push({ headline, createdAt });
  }
  // An extended deadline is announced automatically, as the site does when an organiser extends it.
  if ((plan.phase === 'open' || plan.phase === 'judging') && random.chance(0.1)) {
    const createdAt = between(random, plan.opensAt, Math.min(now - HOUR, plan.closesAt - DAY));
    insertPost(id, 'announcement', '', encodeNotice({ kind: 'deadlineExtended', to: new Date(plan.closesAt) }), 1, null, count, plan.department.officialId, createdAt);
    announcements.push({ headline: '', createdAt, deadlineTo: plan.closesAt });
  }
  const faqs = plan.slug === BIG_CHALLENGE_SLUG ? FAQ.length : random.int(0, 2);
  shuffled(random, FAQ)
    .slice(0, faqs)
    .forEach((faq, i) => insertPost(id, 'faq', faq.q, faq.a, 0, null, i, plan.department.officialId, between(random, from, until)));
  return announcements;
}

function challengeStatements(ctx: ScaleContext) {
  const { sqlite } = ctx;
  return {
    challenge: inserter(sqlite, 'challenges', [
      'slug', 'title', 'summary', 'body', 'prizes', 'department_id', 'status', 'opens_at', 'closes_at', 'judging_ends_at', 'allow_ideas', 'allow_prototypes',
      'team_size_limit', 'blind_judging', 'peoples_choice', 'entries_public', 'published_at', 'results_published_at', 'created_by', 'created_at', 'updated_at',
    ]),
    criterion: inserter(sqlite, 'criteria', ['challenge_id', 'name', 'description', 'weight', 'max_score', 'position']),
    dataset: inserter(sqlite, 'challenge_datasets', ['challenge_id', 'dataset_id']),
    post: inserter(sqlite, 'challenge_posts', ['challenge_id', 'kind', 'title', 'body', 'automatic', 'source_comment_id', 'position', 'created_by', 'created_at']),
    judge: inserter(sqlite, 'challenge_judges', ['challenge_id', 'user_id', 'email', 'invited_by', 'created_at', 'accepted_at']),
  };
}

function insertChallenge(ctx: ScaleContext, random: Random, people: ScalePeople, plan: ChallengePlan, statements: ReturnType<typeof challengeStatements>): ScaleChallenge {
  const organiserId = plan.department.officialId;
  const id = statements.challenge(
    plan.slug, plan.title, plan.summary, plan.body, plan.prizes, plan.department.id, plan.status, plan.opensAt, plan.closesAt, plan.judgingEndsAt,
    plan.kinds.includes('idea') ? 1 : 0, plan.kinds.includes('prototype') ? 1 : 0, plan.teamSizeLimit, plan.blindJudging ? 1 : 0, plan.peoplesChoice ? 1 : 0,
    plan.entriesPublic ? 1 : 0, plan.publishedAt, plan.resultsAt, organiserId, plan.createdAt, plan.publishedAt ?? plan.createdAt,
  );
  const phase = challengePhase(
    { status: plan.status, opensAt: new Date(plan.opensAt), closesAt: new Date(plan.closesAt), judgingEndsAt: new Date(plan.judgingEndsAt), resultsPublishedAt: plan.resultsAt === null ? null : new Date(plan.resultsAt) },
    new Date(ctx.now),
  );
  if (phase !== plan.phase) throw new Error(`challenge ${plan.slug} planned as ${plan.phase} but its timeline says ${phase}`);
  const criteria = plan.criteria.map((c, position) => ({ id: statements.criterion(id, c.name, c.description, c.weight, c.maxScore, position), maxScore: c.maxScore }));
  for (const datasetId of plan.datasetIds) statements.dataset(id, datasetId);
  const announcements = insertPosts(random, plan, id, statements.post, ctx.now);
  const judges = panelOf(random, people, plan);
  const invitedAt = Math.min(plan.opensAt, ctx.now - DAY);
  for (const judgeId of judges) statements.judge(id, judgeId, people.email(judgeId), organiserId, invitedAt, invitedAt + random.int(1, 72) * HOUR);
  // Now and then an invitation waits for an expert who has no account yet.
  if (plan.status === 'published' && plan.slug !== BIG_CHALLENGE_SLUG && random.chance(0.05)) statements.judge(id, null, `expert${id}@university.example`, organiserId, invitedAt, null);
  return {
    id,
    slug: plan.slug,
    title: plan.title,
    departmentId: plan.department.id,
    organiserId,
    phase,
    topic: plan.topic,
    city: plan.city,
    opensAt: plan.opensAt,
    closesAt: plan.closesAt,
    judgingEndsAt: plan.judgingEndsAt,
    resultsAt: plan.resultsAt,
    publishedAt: plan.publishedAt,
    peoplesChoice: plan.peoplesChoice,
    entriesPublic: plan.entriesPublic,
    blindJudging: plan.blindJudging,
    teamSizeLimit: plan.teamSizeLimit,
    kinds: plan.kinds,
    criteria,
    datasetIds: plan.datasetIds,
    judges,
    announcements,
    entries: [],
    ...drawPeople(random, people),
  };
}

function drawPeople(random: Random, people: ScalePeople): Pick<ScaleChallenge, 'nextPerson' | 'peopleLeft'> {
  const next = permutation(random, people.actors.length);
  let drawn = 0;
  return {
    nextPerson: () => {
      drawn += 1;
      return people.actors[next()] as number;
    },
    peopleLeft: () => people.actors.length - drawn,
  };
}

/** The panel: the demo judges sit on the big challenge (benchmarks sign in as them), others come from the judge pool. */
function panelOf(random: Random, people: ScalePeople, plan: ChallengePlan): number[] {
  if (plan.panel === 0) return [];
  const fixed = plan.slug === BIG_CHALLENGE_SLUG ? [people.demo('judge'), people.demo('judge2')] : [];
  const next = permutation(random, people.judges.length);
  const panel = [...fixed];
  while (panel.length < Math.min(plan.panel, people.judges.length + fixed.length)) panel.push(people.judges[next()] as number);
  return panel;
}

export function seedScaleChallenges(ctx: ScaleContext, people: ScalePeople, datasets: ScaleDatasets): ScaleChallenge[] {
  const random = ctx.random('challenges');
  const statements = challengeStatements(ctx);
  const plans = [
    planBigChallenge(ctx, people, datasets),
    ...planPhases(random, ctx.volumes.challenges - 1).map((phase, i) => planChallenge(ctx, random, people, datasets, phase, i, false)),
    ...Array.from({ length: ctx.volumes.draftChallenges }, (_, i) => planChallenge(ctx, random, people, datasets, 'upcoming', ctx.volumes.challenges + i, true)),
  ];
  const challenges = inTransaction(ctx.sqlite, () => plans.map((plan) => insertChallenge(ctx, random, people, plan, statements)));
  const published = challenges.filter((c) => c.phase !== 'draft').length;
  ctx.log(`challenges: ${published.toLocaleString('en')} published (${['upcoming', 'open', 'judging', 'results'].map((p) => `${challenges.filter((c) => c.phase === p).length} ${p}`).join(', ')}) and ${challenges.length - published} drafts`);
  return challenges;
}

// ---------------------------------------------------------------------------------------------
// Entries

const TEAM_EXTRA = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3];

function entryStatus(random: Random, phase: Phase, big: boolean): SubmissionStatus {
  const roll = random.next();
  if (phase === 'open') return roll < 0.3 ? 'draft' : roll < 0.98 ? 'submitted' : 'withdrawn';
  if (big) return roll < 0.03 ? 'draft' : roll < 0.99 ? 'submitted' : roll < 0.997 ? 'withdrawn' : 'disqualified';
  return roll < 0.05 ? 'draft' : roll < 0.985 ? 'submitted' : roll < 0.995 ? 'withdrawn' : 'disqualified';
}

function entryStatements(ctx: ScaleContext) {
  const { sqlite } = ctx;
  return {
    entry: inserter(sqlite, 'submissions', ['challenge_id', 'kind', 'title', 'team_name', 'summary', 'body', 'links', 'status', 'submitted_at', 'version', 'created_by', 'created_at', 'updated_at']),
    member: inserter(sqlite, 'submission_members', ['submission_id', 'challenge_id', 'user_id', 'email', 'role', 'status', 'invited_by', 'created_at', 'joined_at']),
    revision: inserter(sqlite, 'submission_revisions', ['submission_id', 'author_id', 'kind', 'title', 'summary', 'body', 'links', 'created_at']),
    dataset: inserter(sqlite, 'submission_datasets', ['submission_id', 'dataset_id'], { orIgnore: true }),
    follow: inserter(sqlite, 'follows', ['user_id', 'target_type', 'target_id', 'created_at'], { orIgnore: true }),
  };
}

function insertEntry(ctx: ScaleContext, random: Random, people: ScalePeople, challenge: ScaleChallenge, owner: number, statements: ReturnType<typeof entryStatements>, submitted = false): ScaleEntry {
  const big = challenge.slug === BIG_CHALLENGE_SLUG;
  const status = submitted ? 'submitted' : entryStatus(random, challenge.phase, big);
  const kind = random.chance(0.35) || !challenge.kinds.includes('idea') ? (challenge.kinds.includes('prototype') ? 'prototype' : 'idea') : 'idea';
  const until = Math.min(challenge.closesAt, ctx.now) - HOUR;
  const createdAt = between(random, challenge.opensAt, until);
  const submittedAt = status === 'draft' ? null : between(random, createdAt, until);
  const members = [owner];
  const extra = Math.min(random.pick(TEAM_EXTRA), challenge.teamSizeLimit - 1);
  for (let i = 0; i < extra; i += 1) members.push(challenge.nextPerson());
  // Open challenges still have invitations waiting, within the team size limit.
  const invited = challenge.phase === 'open' && members.length < challenge.teamSizeLimit && random.chance(0.05) ? [challenge.nextPerson()] : [];
  const title = entryTitle(random, challenge.city, challenge.topic);
  const team = members.length > 1 ? teamName(random) : '';
  const summary = entrySummary(random, challenge.topic);
  const body = entryBody(random, challenge.city, challenge.topic);
  const links = JSON.stringify(kind === 'prototype' ? { repository: `https://git.example.org/team${owner}/${challenge.topic.slug}`, demo: `https://demo${owner}.example.org` } : {});
  const revisions = random.chance(0.1) ? 2 : 1;
  const updatedAt = submittedAt ?? createdAt;
  const id = statements.entry(challenge.id, kind, title, team, summary, body, links, status, submittedAt, revisions, owner, createdAt, updatedAt);
  members.forEach((userId, i) => {
    const joinedAt = i === 0 ? createdAt : between(random, createdAt, updatedAt);
    statements.member(id, challenge.id, userId, people.email(userId), i === 0 ? 'owner' : 'member', 'active', i === 0 ? null : owner, joinedAt, joinedAt);
    statements.follow(userId, 'challenge', challenge.id, joinedAt);
  });
  for (const userId of invited) {
    statements.member(id, challenge.id, userId, people.email(userId), 'member', 'invited', owner, updatedAt, null);
    statements.follow(userId, 'challenge', challenge.id, updatedAt);
  }
  // Every save is kept: an early draft, then what is there now.
  if (revisions === 2) statements.revision(id, owner, kind, title, summary, body.split('\n\n## 成果')[0] ?? body, links, createdAt);
  statements.revision(id, owner, kind, title, summary, body, links, updatedAt);
  for (const datasetId of challenge.datasetIds.slice(0, random.int(1, 2))) statements.dataset(id, datasetId);
  return { id, challenge, status, title, teamName: team, createdAt, submittedAt, members, invited, quality: Math.min(0.97, Math.max(0.05, normal(random, 0.6, 0.15))) };
}

/** Entries per challenge: a fifth in the big one, the rest spread unevenly, none as large as the big one. */
function entryCounts(ctx: ScaleContext, random: Random, challenges: readonly ScaleChallenge[]): number[] {
  const weights = challenges.map((c) => (c.slug === BIG_CHALLENGE_SLUG || c.phase === 'draft' || c.phase === 'upcoming' ? 0 : 0.2 + random.next() ** 2 * 3));
  const counts = allocate(ctx.volumes.entries - ctx.volumes.bigEntries, weights, ctx.volumes.bigEntries - 1);
  return counts.map((n, i) => (challenges[i]?.slug === BIG_CHALLENGE_SLUG ? ctx.volumes.bigEntries : n));
}

export function seedScaleEntries(ctx: ScaleContext, people: ScalePeople, challenges: readonly ScaleChallenge[]): ScaleEntry[] {
  const random = ctx.random('entries');
  const statements = entryStatements(ctx);
  const counts = entryCounts(ctx, random, challenges);
  const citizen = people.demo('citizen');
  // The demo citizen takes part in the big challenge and a few others, so their pages have entries.
  const withCitizen = new Set(shuffled(random, challenges.filter((c, i) => (counts[i] ?? 0) > 0 && c.slug !== BIG_CHALLENGE_SLUG)).slice(0, Math.max(2, Math.round(20 * ctx.volumes.entries / 100_000))).map((c) => c.id));
  const entries: ScaleEntry[] = [];
  inTransaction(ctx.sqlite, () => {
    challenges.forEach((challenge, i) => {
      for (let k = 0; k < (counts[i] ?? 0); k += 1) {
        const ownedByCitizen = k === 0 && (challenge.slug === BIG_CHALLENGE_SLUG || withCitizen.has(challenge.id));
        const entry = insertEntry(ctx, random, people, challenge, ownedByCitizen ? citizen : challenge.nextPerson(), statements, ownedByCitizen && challenge.slug === BIG_CHALLENGE_SLUG);
        challenge.entries.push(entry);
        entries.push(entry);
      }
    });
  });
  const members = entries.reduce((n, e) => n + e.members.length, 0);
  ctx.log(`entries: ${entries.length.toLocaleString('en')} with ${members.toLocaleString('en')} team members (${counts[0]?.toLocaleString('en')} in ${BIG_CHALLENGE_SLUG})`);
  return entries;
}
