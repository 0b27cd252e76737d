/**
 * The results of a challenge with a few hundred entries over HTTP: the organiser's ranking comes a
 * page at a time from the stored snapshot, filters are answered in SQL, a changed score makes the
 * page recompute, exports stream every row, awards go by entry number, and the public page lists
 * entries in pages after publication. Entries, judges and reviews are written straight into the
 * server's database.
 */
import Database from 'better-sqlite3';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { drizzle as postgresDrizzle } from 'drizzle-orm/node-postgres';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { challengeFlows } from '../helpers/challenge-flows';
import { TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import type { insertJudgedChallenge, JudgedChallenge } from '../helpers/judged-challenge';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let db: ServerDatabase;
let official: HttpClient;
let challenge: JudgedChallenge;
const ENTRIES = 260;

const { signedIn } = challengeFlows(() => ({ url: server.url, db }));

/**
 * insertJudgedChallenge through a drizzle handle on the server's database. Its tables
 * (db/tables.ts) are chosen by DATABASE_URL when first imported, so the helper is imported here,
 * with the server's DATABASE_URL, rather than at the top of the file.
 */
async function insertJudgedChallengeOnServer(options: Parameters<typeof insertJudgedChallenge>[1]): Promise<JudgedChallenge> {
  vi.stubEnv('DATABASE_URL', server.databaseUrl);
  try {
    const judged = await import('../helpers/judged-challenge');
    if (db.engine === 'sqlite') {
      const file = new Database(server.databaseFile);
      try {
        return await judged.insertJudgedChallenge(sqliteDrizzle(file), options);
      } finally {
        file.close();
      }
    }
    const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 1 });
    try {
      // The PostgreSQL tables, typed as the SQLite ones (db/tables.ts); the handle only inserts.
      return await judged.insertJudgedChallenge(postgresDrizzle(pool) as unknown as Parameters<typeof insertJudgedChallenge>[0], options);
    } finally {
      await pool.end();
    }
  } finally {
    vi.unstubAllEnvs();
  }
}

beforeAll(async () => {
  server = await startServer();
  db = await openServerDatabase(server);
  const department = await db.get<{ id: number }>("SELECT id FROM departments WHERE slug = 'transport'");
  challenge = await insertJudgedChallengeOnServer({ slug: 'results-at-scale', departmentId: department!.id, entries: ENTRIES, judges: 10, perEntry: 3, peoplesChoice: true, completed: 0.8 });
  official = await signedIn(TRANSPORT_OFFICIAL);
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const page = (query = '') => official.get(`/manage/challenges/${challenge.slug}/results${query}`);
const snapshot = () => db.get<{ inputs_version: number; computed_at: number; entry_count: number; incomplete_count: number; flagged_count: number }>('SELECT * FROM result_snapshots WHERE challenge_id = ?', challenge.challengeId);
const rankingOrder = async () => (await db.all<{ id: number }>('SELECT entry_id AS id FROM result_entries WHERE challenge_id = ? ORDER BY position', challenge.challengeId)).map((r) => r.id);
/** Entries' titles by id, in the order given. */
const titlesOf = async (entryIds: number[]) => {
  const titles = new Map((await db.all<{ id: number; title: string }>('SELECT id, title FROM submissions WHERE challenge_id = ?', challenge.challengeId)).map((r) => [r.id, r.title]));
  return entryIds.map((id) => titles.get(id));
};
const titleOf = async (entryId: number) => (await titlesOf([entryId]))[0];
/** Titles in the ranking table of a page, top to bottom. */
const rankedTitles = (html: string) => [...html.matchAll(/<a[^>]*href="\/entries\/\d+"[^>]*>(作品 results-at-scale 第\d+号)<\/a>/g)].map((m) => m[1]);
const rankingRows = (html: string) => rankedTitles(html.slice(html.indexOf('id="ranking"'), html.indexOf('id="judges-agreement"')));

describe('the organiser results page', () => {
  it('shows the ranking fifty rows at a time, bounded in size', async () => {
    const first = await page();
    expect(first.status).toBe(200);
    expect(first.body.length).toBeLessThan(500_000);
    const text = visibleText(first.body);
    expect(text).not.toContain('正在计算评审结果');
    expect(text).toContain(`第 1–50 份，共 ${ENTRIES} 份`);
    expect(text).toContain('1 / 6');
    const order = await rankingOrder();
    expect(order).toHaveLength(ENTRIES);
    expect(rankingRows(first.body)).toEqual(await titlesOf(order.slice(0, 50)));

    const last = await page('?page=6');
    expect(visibleText(last.body)).toContain(`第 251–260 份，共 ${ENTRIES} 份`);
    expect(rankingRows(last.body)).toEqual(await titlesOf(order.slice(250)));
    // Past the end is the last page, not an empty one.
    expect(rankingRows((await page('?page=99')).body)).toEqual(await titlesOf(order.slice(250)));
  });

  it('filters incomplete reviews and conflicts in SQL, a page at a time', async () => {
    const stored = (await snapshot())!;
    const incomplete = (await db.all<{ id: number }>('SELECT entry_id AS id FROM result_entries WHERE challenge_id = ? AND review_count < expected_reviews ORDER BY position', challenge.challengeId)).map((r) => r.id);
    expect(incomplete.length).toBe(stored.incomplete_count);
    expect(incomplete.length).toBeGreaterThan(50);
    const filtered = await page('?filter=incomplete');
    expect(visibleText(filtered.body)).toContain(`第 1–50 份，共 ${incomplete.length} 份`);
    expect(rankingRows(filtered.body)).toEqual(await titlesOf(incomplete.slice(0, 50)));
    expect(rankingRows((await page('?filter=incomplete&page=2')).body)).toEqual(await titlesOf(incomplete.slice(50, 100)));

    const conflicts = await page('?filter=conflicts');
    const flagged = new Set([...challenge.conflicted.map((c) => c.entryId), challenge.entryIds[0]!]);
    expect(stored.flagged_count).toBe(flagged.size);
    expect(new Set(rankingRows(conflicts.body))).toEqual(new Set(await titlesOf([...flagged])));
    expect(visibleText(conflicts.body)).toContain('1 条利益冲突');
    expect(visibleText(conflicts.body)).toContain('1 条可能的利益冲突');
  });

  it('pages the judges’ private notes', async () => {
    const text = visibleText((await page()).body);
    expect(text).toContain('按排名顺序排列，每页 10 条');
    const notes = (html: string) => [...visibleText(html).matchAll(/备注：第(\d+)号作品值得关注/g)].map((m) => m[0]);
    const first = notes((await page()).body);
    expect(first).toHaveLength(10);
    const second = await page('?notes=2');
    expect(notes(second.body)).toHaveLength(10);
    expect(second.body).toContain('?notes=3#private-notes');
  });

  it('recomputes after a score changes, and ranks the changed entry anew', async () => {
    const before = (await snapshot())!;
    const lastEntry = (await db.get<{ id: number }>('SELECT entry_id AS id FROM result_entries WHERE challenge_id = ? AND rank IS NOT NULL ORDER BY position DESC LIMIT 1', challenge.challengeId))!.id;
    // Every counted review of the last-placed entry now gives full marks.
    await db.run(
      `UPDATE scores SET score = (SELECT max_score FROM criteria WHERE id = scores.criterion_id)
       WHERE review_id IN (SELECT id FROM reviews WHERE submission_id = ? AND status = 'completed')`,
      lastEntry,
    );
    expect((await db.get<{ v: number }>('SELECT results_inputs_version AS v FROM challenges WHERE id = ?', challenge.challengeId))?.v).toBeGreaterThan(before.inputs_version);
    const after = await page();
    expect(visibleText(after.body)).not.toContain('排名正在重新计算');
    expect((await snapshot())!.computed_at).toBeGreaterThan(before.computed_at);
    expect((await rankingOrder()).indexOf(lastEntry)).toBeLessThan(20);
    expect(rankingRows(after.body)).toContain(await titleOf(lastEntry));
  });

  it('exports every row as CSV and XLSX, streamed from the snapshot', async () => {
    const csv = await official.get(`/manage/challenges/${challenge.slug}/results/export/csv`);
    expect(csv.status).toBe(200);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(ENTRIES + 1);
    expect(lines[0]).toContain('标准化得分');
    const exportedIds = lines.slice(1).map((line) => Number(line.split(',')[3]));
    expect(exportedIds).toEqual(await rankingOrder());

    const response = await fetch(new URL(`/manage/challenges/${challenge.slug}/results/export/xlsx`, server.url), {
      headers: { Cookie: [...official.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'X-Forwarded-For': official.ip },
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets[0]?.rowCount).toBe(ENTRIES + 1);
  });

  it('awards an entry outside the short list by its number, and refuses one from elsewhere', async () => {
    const order = await rankingOrder();
    const deep = order[200]!;
    const saved = await official.post(`/manage/challenges/${challenge.slug}/results`, {
      intent: 'awards',
      'award[0].entryId': String(order[0]),
      'award[0].entryNumber': '',
      'award[0].kind': 'first',
      'award[0].customName': '',
      'award[1].entryId': '',
      'award[1].entryNumber': String(deep),
      'award[1].kind': 'custom',
      'award[1].customName': '最佳数据奖',
    });
    expect(visibleText(saved.body)).toContain('奖项已保存');
    const html = (await page()).body;
    // The short list holds the top twenty and the awarded entry, not every entry.
    const options = [...html.matchAll(/<select[^>]*id="award-0-entry"[\s\S]*?<\/select>/g)][0]?.[0] ?? '';
    expect([...options.matchAll(/<option value="\d+"/g)]).toHaveLength(21);
    expect(options).toContain(await titleOf(deep));

    const other = (await db.get<{ id: number }>("SELECT id FROM submissions WHERE status = 'submitted' AND challenge_id <> ? LIMIT 1", challenge.challengeId))!;
    const refused = await official.post(`/manage/challenges/${challenge.slug}/results`, {
      intent: 'awards',
      'award[0].entryId': '',
      'award[0].entryNumber': String(other.id),
      'award[0].kind': 'first',
      'award[0].customName': '',
    });
    expect(visibleText(refused.body)).toContain('所选作品不属于这项挑战或已撤回');
  });
});

describe('after publication', () => {
  it('freezes the published snapshot and lists every entry in pages on the public page', async () => {
    const voters = await db.all<{ id: number }>("SELECT id FROM users WHERE email LIKE 'team%-results-at-scale@example.org' ORDER BY id LIMIT 3");
    for (const voter of voters) await db.run('INSERT INTO votes (challenge_id, user_id, submission_id) VALUES (?, ?, ?)', challenge.challengeId, voter.id, challenge.entryIds[42]);
    const missing = /name="confirmMissing" value="(\d+)"/.exec((await page()).body)?.[1];
    expect(Number(missing)).toBeGreaterThan(0);
    const published = await official.post(`/manage/challenges/${challenge.slug}/results`, { intent: 'publish', confirmMissing: missing ?? '', acknowledge: 'on' });
    expect(published.location).toBe(`/challenges/${challenge.slug}/results`);
    const record = await db.get('SELECT final, phase, missing_reviews AS missing FROM result_snapshots WHERE challenge_id = ?', challenge.challengeId);
    expect(record).toEqual({ final: 1, phase: 'results', missing: Number(missing) });

    const anonymous = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const first = await anonymous.get(`/challenges/${challenge.slug}/results`);
    expect(first.status).toBe(200);
    expect(first.body.length).toBeLessThan(500_000);
    const text = visibleText(first.body);
    expect(text).toContain(`全部作品（${ENTRIES}）`);
    expect(text).toContain('最佳数据奖');
    expect(text).toMatch(new RegExp(`${await titleOf(challenge.entryIds[42]!)} 3 票`));
    expect(text).toContain('1 / 11');
    const last = visibleText((await anonymous.get(`/challenges/${challenge.slug}/results?page=11`)).body);
    expect(last).toContain(await titleOf(challenge.entryIds.at(-1)!));

    // Later changes to the inputs do not touch the published record.
    const before = (await snapshot())!;
    await db.run('UPDATE scores SET score = 0 WHERE review_id IN (SELECT id FROM reviews WHERE submission_id = ?)', challenge.entryIds[1]);
    expect((await anonymous.get(`/challenges/${challenge.slug}/results`)).status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });
});
