/**
 * The discussion for the scale seed: comments under published challenges, public entries and data
 * requests, one level of replies, the organisers' answers (one of them pinned into the big
 * challenge's FAQ), and a little moderation: hidden, deleted and reported comments.
 */
import { faqQuestionFrom } from '../../app/lib/comment-rules';
import { entriesArePublic } from '../../app/lib/entry-access';
import type { CommentTarget, ReportReason } from '../schema';
import { HOUR } from './clock';
import { inserter, inTransaction } from './bulk';
import type { Random } from './random';
import type { ScaleContext } from './scale-context';
import { BIG_CHALLENGE_SLUG, type ScaleChallenge, type ScaleEntry } from './scale-challenges';
import type { ScaleDepartment, ScalePeople } from './scale-people';
import type { ScaleRequest } from './scale-requests';
import { allocate, between } from './sampling';
import { commentBody, HIDE_REASONS, officialAnswer, replyBody, type Topic } from './scale-text';

/** A reply, for the notification its parent's author receives. */
export interface ReplyNote {
  userId: number;
  replierName: string;
  targetTitle: string;
  link: string;
  createdAt: number;
}

interface Target {
  type: CommentTarget;
  id: number;
  title: string;
  href: string;
  topic: Topic;
  /** The department whose officials answer and moderate; null for a request addressed to nobody. */
  department: ScaleDepartment | null;
  opensAt: number;
}

interface Posted {
  id: number;
  authorId: number;
  visible: boolean;
}

const REPORT_REASONS: ReportReason[] = ['spam', 'abuse', 'off_topic', 'other'];

/** When an entry became public: at once in a gallery, at the deadline for People's Choice, else with the results. */
function publicSince(challenge: ScaleChallenge, entry: ScaleEntry): number {
  const submitted = entry.submittedAt ?? challenge.closesAt;
  if (challenge.entriesPublic) return submitted;
  if (challenge.peoplesChoice) return Math.max(submitted, challenge.closesAt);
  return Math.max(submitted, challenge.resultsAt ?? challenge.closesAt);
}

function targetsOf(people: ScalePeople, challenges: readonly ScaleChallenge[], requests: readonly ScaleRequest[]) {
  const department = (id: number | null) => people.departments.find((d) => d.id === id) ?? null;
  const challengeTargets: Target[] = challenges
    .filter((c) => c.phase !== 'draft' && c.publishedAt !== null)
    .map((c) => ({ type: 'challenge', id: c.id, title: c.title, href: `/challenges/${c.slug}`, topic: c.topic, department: department(c.departmentId), opensAt: c.publishedAt as number }));
  // Only entries the public can read have a public discussion.
  const entryTargets: Target[] = challenges
    .filter((c) => c.phase !== 'draft' && entriesArePublic(c, c.phase))
    .flatMap((c) => c.entries.filter((e) => e.status === 'submitted' && e.submittedAt !== null).map((e: ScaleEntry) => ({ type: 'submission' as const, id: e.id, title: e.title, href: `/entries/${e.id}`, topic: c.topic, department: department(c.departmentId), opensAt: publicSince(c, e) })));
  const requestTargets: Target[] = requests.map((r) => ({ type: 'data_request', id: r.id, title: r.title, href: `/requests/${r.id}`, topic: r.topic, department: department(r.departmentId), opensAt: r.createdAt }));
  return { challengeTargets, entryTargets, requestTargets };
}

function discussionStatements(ctx: ScaleContext) {
  const { sqlite } = ctx;
  return {
    comment: inserter(sqlite, 'comments', ['target_type', 'target_id', 'parent_id', 'author_id', 'body', 'is_official', 'hidden_at', 'hidden_reason', 'hidden_by', 'hidden_by_reports', 'deleted_at', 'created_at', 'updated_at']),
    report: inserter(sqlite, 'comment_reports', ['comment_id', 'reporter_id', 'reason', 'note', 'created_at', 'resolved_at'], { orIgnore: true }),
    post: inserter(sqlite, 'challenge_posts', ['challenge_id', 'kind', 'title', 'body', 'automatic', 'source_comment_id', 'position', 'created_by', 'created_at']),
  };
}

type Statements = ReturnType<typeof discussionStatements>;

/** Three reports from different people hide a comment until a moderator decides. */
function report(random: Random, people: ScalePeople, statements: Statements, commentId: number, authorId: number, createdAt: number, count: number, now: number): void {
  const reporters = new Set<number>();
  while (reporters.size < count) {
    const reporter = random.pick(people.actors);
    if (reporter !== authorId) reporters.add(reporter);
  }
  for (const reporter of reporters) statements.report(commentId, reporter, random.pick(REPORT_REASONS), '', between(random, createdAt, now), null);
}

/** Writes one target's thread in time order and returns the replies to notify. */
function writeThread(ctx: ScaleContext, random: Random, people: ScalePeople, statements: Statements, target: Target, count: number, replies: ReplyNote[]): Posted[] {
  const now = ctx.now;
  const times = Array.from({ length: count }, () => between(random, target.opensAt, now - 60_000)).sort((a, b) => a - b);
  const topLevel: Posted[] = [];
  const posted: Posted[] = [];
  for (const createdAt of times) {
    const parent = topLevel.length > 0 && random.chance(0.2) ? random.pick(topLevel) : null;
    const official = parent !== null && target.department !== null && random.chance(0.15);
    const authorId = official ? (target.department as ScaleDepartment).officialId : random.pick(people.actors);
    const body = official ? officialAnswer(random) : parent ? replyBody(random) : commentBody(random, target.topic);
    const roll = official ? 1 : random.next();
    const moderator = target.department?.officialId ?? people.demo('admin');
    const later = Math.min(now - 1000, createdAt + random.int(1, 48) * HOUR);
    let id: number;
    if (roll < 0.003) {
      // Deleted by its author: the site keeps the row, without its text.
      id = statements.comment(target.type, target.id, parent?.id ?? null, authorId, '', 0, null, null, null, 0, later, createdAt, later);
    } else if (roll < 0.007) {
      id = statements.comment(target.type, target.id, parent?.id ?? null, authorId, body, 0, later, random.pick(HIDE_REASONS), moderator, 0, null, createdAt, later);
    } else if (roll < 0.008) {
      id = statements.comment(target.type, target.id, parent?.id ?? null, authorId, body, 0, later, null, null, 1, null, createdAt, later);
      report(random, people, statements, id, authorId, createdAt, 3, now);
    } else {
      id = statements.comment(target.type, target.id, parent?.id ?? null, authorId, body, official ? 1 : 0, null, null, null, 0, null, createdAt, createdAt);
      if (roll > 0.997) report(random, people, statements, id, authorId, createdAt, random.int(1, 2), now);
    }
    const entry: Posted = { id, authorId, visible: roll >= 0.008 };
    posted.push(entry);
    // Replies go to comments everyone can still read, one level deep.
    if (parent === null && entry.visible) topLevel.push(entry);
    if (parent !== null && parent.authorId !== authorId) {
      replies.push({ userId: parent.authorId, replierName: people.name(authorId), targetTitle: target.title, link: `${target.href}#comment-${id}`, createdAt });
    }
  }
  return posted;
}

/** The big challenge's organisers answer a question and pin the answer into the FAQ, as they do on the site. */
function pinAnswer(ctx: ScaleContext, people: ScalePeople, statements: Statements, challenge: ScaleChallenge, target: Target): void {
  if (!target.department) return;
  const question = '刷卡数据里的换乘是怎么判定的？30 分钟内再刷一次卡都算吗？';
  const askedAt = ctx.now - 3 * 24 * HOUR;
  const questionId = statements.comment('challenge', challenge.id, null, people.demo('citizen'), question, 0, null, null, null, 0, null, askedAt, askedAt);
  const answer = '是的：同一张卡在 **30 分钟内**于另一条线路再次刷卡，记为一次换乘；同一线路不算。';
  const answeredAt = askedAt + 4 * HOUR;
  const answerId = statements.comment('challenge', challenge.id, questionId, target.department.officialId, answer, 1, null, null, null, 0, null, answeredAt, answeredAt);
  statements.post(challenge.id, 'faq', faqQuestionFrom(question), answer, 0, answerId, 0, target.department.officialId, answeredAt + HOUR);
}

export function seedScaleDiscussion(ctx: ScaleContext, people: ScalePeople, challenges: readonly ScaleChallenge[], requests: readonly ScaleRequest[]): { comments: number; replies: ReplyNote[] } {
  const random = ctx.random('discussion');
  const statements = discussionStatements(ctx);
  const { challengeTargets, entryTargets, requestTargets } = targetsOf(people, challenges, requests);
  const big = challenges.find((c) => c.slug === BIG_CHALLENGE_SLUG);
  const bigTarget = challengeTargets.find((t) => t.id === big?.id);
  if (!big || !bigTarget) throw new Error('the big challenge must be seeded first');
  const others = challengeTargets.filter((t) => t !== bigTarget);
  // The pinned question and its answer are two of the big challenge's comments.
  const rest = ctx.volumes.comments - ctx.volumes.bigComments;
  const byKind = allocate(rest, [others.length > 0 ? 55 : 0, entryTargets.length > 0 ? 25 : 0, requestTargets.length > 0 ? 20 : 0]);
  const plan: [Target, number][] = [[bigTarget, ctx.volumes.bigComments - 2]];
  [others, entryTargets, requestTargets].forEach((targets, k) => {
    // A few targets draw most of the discussion.
    const counts = allocate(byKind[k] ?? 0, targets.map(() => random.next() ** 3));
    targets.forEach((target, i) => plan.push([target, counts[i] ?? 0]));
  });
  const replies: ReplyNote[] = [];
  let comments = 0;
  inTransaction(ctx.sqlite, () => {
    pinAnswer(ctx, people, statements, big, bigTarget);
    comments += 2;
    for (const [target, count] of plan) {
      if (count > 0) comments += writeThread(ctx, random, people, statements, target, count, replies).length;
    }
  });
  ctx.log(`discussion: ${comments.toLocaleString('en')} comments (${ctx.volumes.bigComments.toLocaleString('en')} on ${BIG_CHALLENGE_SLUG}), ${replies.length.toLocaleString('en')} replies to notify`);
  return { comments, replies };
}
