import { beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../app/lib/i18n';
import { notificationLine } from '../app/lib/notification-text';
import { getChallengeForViewer, listPublicChallenges } from '../app/models/challenges.server';
import { getDatasetForViewer } from '../app/models/datasets.server';
import { listNotifications, unreadCount } from '../app/models/notifications.server';
import { searchSite } from '../app/models/search.server';
import { getEntryForViewer } from '../app/models/submissions.server';
import { verifyLogin } from '../app/services/accounts.server';
import { getDb } from './client';
import { applyMigrations } from './migrate';
import { DEMO_PASSWORD } from './seed';
import { BIG_CHALLENGE_SLUG, DatabaseNotEmptyError, KNOWN_USER_EMAIL, MILLION_ROWS_SLUG, seedScale, type ScaleSummary } from './seed-scale';
import { scaleVolumes, type ScaleVolumes } from './seed-data/scale-plan';

const SCALE = 0.005;
let summary: ScaleSummary;
let volumes: ScaleVolumes;
const sqlite = () => getDb().$client;
const one = <T>(sql: string, ...params: unknown[]) => sqlite().prepare(sql).get(...params) as T;

beforeAll(async () => {
  await applyMigrations(getDb());
  volumes = scaleVolumes(SCALE);
  summary = await seedScale({ scale: SCALE });
}, 30_000);

describe('scale volumes', () => {
  it('grow linearly with the scale, with a floor for quick runs', () => {
    expect(scaleVolumes(1)).toMatchObject({ users: 100_000, entries: 100_000, bigEntries: 20_000, comments: 200_000, notifications: 1_000_000, millionRows: 1_000_000 });
    expect(scaleVolumes(0.5)).toMatchObject({ users: 50_000, entries: 50_000, notifications: 500_000, datasets: 1_000 });
    expect(scaleVolumes(0.0001).challenges).toBeGreaterThanOrEqual(8);
    expect(() => scaleVolumes(0)).toThrow(RangeError);
  });
});

describe('the scale seed', () => {
  it('makes every kind of object in the planned numbers (on top of the demo data)', () => {
    const { counts } = summary;
    // The demo data adds a handful of each; the scale seed adds exactly what was planned.
    const about = (actual: number | undefined, planned: number) => {
      expect(actual).toBeGreaterThanOrEqual(planned);
      expect(actual).toBeLessThan(planned + 20);
    };
    about(counts.users, volumes.users + volumes.departments);
    about(counts.challenges, volumes.challenges);
    about(counts.entries, volumes.entries);
    about(counts.datasets, volumes.datasets);
    about(counts.comments, volumes.comments);
    about(counts.notifications, volumes.notifications);
    about(counts.dataRequests, volumes.dataRequests);
    about(counts.dataRequestVotes, volumes.requestVotes);
    expect(counts.scores).toBeGreaterThan(volumes.scores * 0.75);
    expect(counts.scores).toBeLessThan(volumes.scores * 1.5);
    for (const kind of ['teamMembers', 'revisions', 'judgeAssignments', 'reviews', 'votes', 'awards', 'follows', 'dataRequestEvents']) expect(counts[kind], kind).toBeGreaterThan(0);
  });

  it('has challenges in every phase, the big one holding the most entries', async () => {
    const now = new Date();
    const list = (await listPublicChallenges({ now, limit: 1000 })).challenges;
    expect(new Set(list.map((c) => c.phase))).toEqual(new Set(['upcoming', 'open', 'judging', 'results']));
    const most = list.reduce((a, b) => (b.entryCount > a.entryCount ? b : a));
    expect(most.slug).toBe(BIG_CHALLENGE_SLUG);
    const big = await getChallengeForViewer({ slug: BIG_CHALLENGE_SLUG, viewer: null, now });
    expect(big).toMatchObject({ phase: 'judging', peoplesChoice: true, entriesPublic: true });
    expect(summary.bigChallenge).toMatchObject({ entries: volumes.bigEntries, comments: volumes.bigComments });
    expect(big?.posts.some((p) => p.kind === 'faq')).toBe(true);
  });

  it('publishes the million-row dataset, served with the scaled row count', async () => {
    const dataset = await getDatasetForViewer({ slug: MILLION_ROWS_SLUG, viewer: null, previewRows: 5 });
    expect(dataset?.status).toBe('published');
    const [resource] = dataset?.resources ?? [];
    expect(resource).toMatchObject({ ready: true, rowCount: volumes.millionRows });
    expect(resource?.columns.map((c) => c.name)).toContain('统一社会信用代码');
    expect(resource?.preview).toHaveLength(5);
  });

  it('gives every published dataset a served table whose size matches its resource', () => {
    const rows = sqlite()
      .prepare("SELECT r.table_name AS t, r.row_count AS n FROM dataset_resources r JOIN datasets d ON d.id = r.dataset_id WHERE d.status = 'published'")
      .all() as { t: string; n: number }[];
    for (const { t, n } of rows) expect(one<{ c: number }>(`SELECT count(*) AS c FROM "${t}"`).c, t).toBe(n);
    const unserved = one<{ n: number }>("SELECT count(*) AS n FROM datasets d WHERE status = 'published' AND NOT EXISTS (SELECT 1 FROM dataset_resources r WHERE r.dataset_id = d.id AND r.import_status = 'ready' AND r.table_name IS NOT NULL)");
    expect(unserved.n).toBe(0);
  });

  it('lets site search find seeded entries and comments', async () => {
    const now = new Date();
    const entry = one<{ id: number; title: string }>(
      "SELECT s.id, s.title FROM submissions s JOIN challenges c ON c.id = s.challenge_id WHERE c.slug = ? AND s.status = 'submitted' ORDER BY s.id DESC LIMIT 1",
      BIG_CHALLENGE_SLUG,
    );
    expect((await getEntryForViewer(entry.id, null, now))?.title).toBe(entry.title);
    const entryHits = await searchSite(entry.title, now, ['entry']);
    expect(entryHits.length).toBeGreaterThan(0);
    expect(entryHits.every((h) => h.href.startsWith('/entries/'))).toBe(true);
    const comment = one<{ id: number; body: string }>("SELECT id, body FROM comments WHERE target_type = 'challenge' AND deleted_at IS NULL AND hidden_at IS NULL AND parent_id IS NULL ORDER BY id DESC LIMIT 1");
    const commentHits = await searchSite(comment.body.slice(0, 12), now, ['comment']);
    expect(commentHits.length).toBeGreaterThan(0);
    expect((await searchSite('公交', now)).some((h) => h.kind === 'challenge' && h.href === `/challenges/${BIG_CHALLENGE_SLUG}`)).toBe(true);
  });

  it('leaves the search index exactly as the triggers would have, and the triggers in place', () => {
    const mismatches = one<{ n: number }>(`SELECT
      (SELECT count(*) FROM challenges x WHERE NOT EXISTS (SELECT 1 FROM search_index s WHERE s.kind = 'challenge' AND s.ref_id = x.id AND s.title = x.title AND s.body = x.summary || char(10) || x.body))
    + (SELECT count(*) FROM datasets x WHERE NOT EXISTS (SELECT 1 FROM search_index s WHERE s.kind = 'dataset' AND s.ref_id = x.id AND s.title = x.title AND s.body = x.description))
    + (SELECT count(*) FROM data_requests x WHERE NOT EXISTS (SELECT 1 FROM search_index s WHERE s.kind = 'request' AND s.ref_id = x.id AND s.title = x.title AND s.body = x.description || char(10) || x.purpose))
    + (SELECT count(*) FROM submissions x WHERE NOT EXISTS (SELECT 1 FROM search_index s WHERE s.kind = 'entry' AND s.ref_id = x.id AND s.title = x.title AND s.body = x.summary || char(10) || x.body))
    + (SELECT count(*) FROM comments x WHERE NOT EXISTS (SELECT 1 FROM search_index s WHERE s.kind = 'comment' AND s.ref_id = x.id AND s.title = '' AND s.body = x.body)) AS n`);
    expect(mismatches.n).toBe(0);
    const sources = one<{ n: number }>('SELECT (SELECT count(*) FROM challenges) + (SELECT count(*) FROM datasets) + (SELECT count(*) FROM data_requests) + (SELECT count(*) FROM submissions) + (SELECT count(*) FROM comments) AS n');
    expect(summary.counts.searchDocuments).toBe(sources.n);
    // Each document sits at the rowid its trigger gives it (source id × 8 + kind, migration 0009),
    // and waits for the character index of one- and two-character searches.
    const misplaced = one<{ n: number }>(
      "SELECT count(*) AS n FROM search_index WHERE rowid <> ref_id * 8 + CASE kind WHEN 'challenge' THEN 1 WHEN 'dataset' THEN 2 WHEN 'request' THEN 3 WHEN 'entry' THEN 4 ELSE 5 END",
    );
    expect(misplaced.n).toBe(0);
    const unqueued = one<{ n: number }>('SELECT count(*) AS n FROM search_index WHERE rowid NOT IN (SELECT doc FROM search_short_queue)');
    expect(unqueued.n).toBe(0);
    const triggers = sqlite().prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'").all();
    expect(triggers).toHaveLength(15);
  });

  it('puts back the triggers that count changes to the results, with every challenge counted as changed', () => {
    const triggers = sqlite().prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'results_inputs_%'").all();
    expect(triggers).toHaveLength(26);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM challenges WHERE results_inputs_version = 0').n).toBe(0);
    // And they work again: a completed review's score moves its challenge's counter.
    const score = one<{ reviewId: number; criterionId: number; challengeId: number }>(
      "SELECT s.review_id AS reviewId, s.criterion_id AS criterionId, e.challenge_id AS challengeId FROM scores s JOIN reviews r ON r.id = s.review_id JOIN submissions e ON e.id = r.submission_id WHERE r.status = 'completed' LIMIT 1",
    );
    const version = () => one<{ v: number }>('SELECT results_inputs_version AS v FROM challenges WHERE id = ?', score.challengeId).v;
    const before = version();
    sqlite().prepare('UPDATE scores SET score = score + 0.5 WHERE review_id = ? AND criterion_id = ?').run(score.reviewId, score.criterionId);
    expect(version()).toBe(before + 1);
    sqlite().prepare('UPDATE scores SET score = score - 0.5 WHERE review_id = ? AND criterion_id = ?').run(score.reviewId, score.criterionId);
  });

  it('gives the known user many notifications that render, some unread', async () => {
    const citizen = one<{ id: number }>('SELECT id FROM users WHERE email = ?', KNOWN_USER_EMAIL);
    expect(summary.knownUser.notifications).toBeGreaterThanOrEqual(volumes.knownUserNotifications);
    expect(await unreadCount(citizen.id)).toBeGreaterThan(0);
    const t = createTranslator('zh-CN');
    const { items, total } = await listNotifications(citizen.id, 200, 0);
    expect(total).toBe(summary.knownUser.notifications);
    const all = sqlite().prepare('SELECT kind, params, link FROM notifications').all() as { kind: Parameters<typeof notificationLine>[1]; params: string; link: string }[];
    for (const item of [...items, ...all.map((n) => ({ ...n, params: JSON.parse(n.params) as Record<string, string> }))]) {
      const line = notificationLine(t, item.kind, item.params, (iso) => iso);
      expect(line, JSON.stringify(item)).not.toMatch(/[{}]|undefined|notification\./);
      expect(item.link.startsWith('/')).toBe(true);
    }
  });

  it('keeps the rules the site relies on', () => {
    expect(sqlite().pragma('foreign_key_check')).toEqual([]);
    // Awards only where results are out; votes never for the voter's own team; reviews only by the challenge's judges.
    expect(one<{ n: number }>('SELECT count(*) AS n FROM awards a JOIN challenges c ON c.id = a.challenge_id WHERE c.results_published_at IS NULL').n).toBe(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM votes v JOIN submission_members m ON m.submission_id = v.submission_id AND m.user_id = v.user_id AND m.status = 'active'").n).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM reviews r JOIN submissions s ON s.id = r.submission_id WHERE NOT EXISTS (SELECT 1 FROM challenge_judges j WHERE j.challenge_id = s.challenge_id AND j.user_id = r.judge_id)').n).toBe(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM comments c JOIN submissions s ON c.target_type = 'submission' AND s.id = c.target_id WHERE s.status <> 'submitted'").n).toBe(0);
  });

  it('lets seeded participants sign in with the demo password', async () => {
    expect((await verifyLogin(summary.accounts.scaleParticipant, DEMO_PASSWORD))?.role).toBe('participant');
  });

  it('refuses a database that is not empty', async () => {
    await expect(seedScale({ scale: SCALE })).rejects.toBeInstanceOf(DatabaseNotEmptyError);
  });
});
