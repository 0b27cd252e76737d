/**
 * The results of a challenge with a few hundred entries over HTTP: the organiser's ranking comes a
 * page at a time from the stored snapshot, filters are answered in SQL, a changed score makes the
 * page recompute, exports stream every row, awards go by entry number, and the public page lists
 * entries in pages after publication. Entries, judges and reviews are written straight into SQLite.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challengeFlows } from '../helpers/challenge-flows';
import { TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { insertJudgedChallenge, type JudgedChallenge } from '../helpers/judged-challenge';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let db: Database.Database;
let official: HttpClient;
let challenge: JudgedChallenge;
const ENTRIES = 260;

const { signedIn } = challengeFlows(() => ({ url: server.url, db }));

beforeAll(async () => {
  server = await startServer();
  db = new Database(server.databaseFile);
  const department = db.prepare("SELECT id FROM departments WHERE slug = 'transport'").get() as { id: number };
  challenge = await insertJudgedChallenge(drizzle(db), { slug: 'results-at-scale', departmentId: department.id, entries: ENTRIES, judges: 10, perEntry: 3, peoplesChoice: true, completed: 0.8 });
  official = await signedIn(TRANSPORT_OFFICIAL);
});

afterAll(async () => {
  db?.close();
  await server?.stop();
});

const page = (query = '') => official.get(`/manage/challenges/${challenge.slug}/results${query}`);
const snapshot = () => db.prepare('SELECT * FROM result_snapshots WHERE challenge_id = ?').get(challenge.challengeId) as { inputs_version: number; computed_at: number; entry_count: number; incomplete_count: number; flagged_count: number } | undefined;
const rankingOrder = () => (db.prepare('SELECT entry_id AS id FROM result_entries WHERE challenge_id = ? ORDER BY position').all(challenge.challengeId) as { id: number }[]).map((r) => r.id);
const titleOf = (entryId: number) => (db.prepare('SELECT title FROM submissions WHERE id = ?').get(entryId) as { title: string }).title;
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
    const order = rankingOrder();
    expect(order).toHaveLength(ENTRIES);
    expect(rankingRows(first.body)).toEqual(order.slice(0, 50).map(titleOf));

    const last = await page('?page=6');
    expect(visibleText(last.body)).toContain(`第 251–260 份，共 ${ENTRIES} 份`);
    expect(rankingRows(last.body)).toEqual(order.slice(250).map(titleOf));
    // Past the end is the last page, not an empty one.
    expect(rankingRows((await page('?page=99')).body)).toEqual(order.slice(250).map(titleOf));
  });

  it('filters incomplete reviews and conflicts in SQL, a page at a time', async () => {
    const stored = snapshot()!;
    const incomplete = (db.prepare('SELECT entry_id AS id FROM result_entries WHERE challenge_id = ? AND review_count < expected_reviews ORDER BY position').all(challenge.challengeId) as { id: number }[]).map((r) => r.id);
    expect(incomplete.length).toBe(stored.incomplete_count);
    expect(incomplete.length).toBeGreaterThan(50);
    const filtered = await page('?filter=incomplete');
    expect(visibleText(filtered.body)).toContain(`第 1–50 份，共 ${incomplete.length} 份`);
    expect(rankingRows(filtered.body)).toEqual(incomplete.slice(0, 50).map(titleOf));
    expect(rankingRows((await page('?filter=incomplete&page=2')).body)).toEqual(incomplete.slice(50, 100).map(titleOf));

    const conflicts = await page('?filter=conflicts');
    const flagged = new Set([...challenge.conflicted.map((c) => c.entryId), challenge.entryIds[0]!]);
    expect(stored.flagged_count).toBe(flagged.size);
    expect(new Set(rankingRows(conflicts.body))).toEqual(new Set([...flagged].map(titleOf)));
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
    const before = snapshot()!;
    const lastEntry = (db.prepare('SELECT entry_id AS id FROM result_entries WHERE challenge_id = ? AND rank IS NOT NULL ORDER BY position DESC LIMIT 1').get(challenge.challengeId) as { id: number }).id;
    // Every counted review of the last-placed entry now gives full marks.
    db.prepare(
      `UPDATE scores SET score = (SELECT max_score FROM criteria WHERE id = scores.criterion_id)
       WHERE review_id IN (SELECT id FROM reviews WHERE submission_id = ? AND status = 'completed')`,
    ).run(lastEntry);
    expect((db.prepare('SELECT results_inputs_version AS v FROM challenges WHERE id = ?').get(challenge.challengeId) as { v: number }).v).toBeGreaterThan(before.inputs_version);
    const after = await page();
    expect(visibleText(after.body)).not.toContain('排名正在重新计算');
    expect(snapshot()!.computed_at).toBeGreaterThan(before.computed_at);
    expect(rankingOrder().indexOf(lastEntry)).toBeLessThan(20);
    expect(rankingRows(after.body)).toContain(titleOf(lastEntry));
  });

  it('exports every row as CSV and XLSX, streamed from the snapshot', async () => {
    const csv = await official.get(`/manage/challenges/${challenge.slug}/results/export/csv`);
    expect(csv.status).toBe(200);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(ENTRIES + 1);
    expect(lines[0]).toContain('标准化得分');
    const exportedIds = lines.slice(1).map((line) => Number(line.split(',')[3]));
    expect(exportedIds).toEqual(rankingOrder());

    const response = await fetch(new URL(`/manage/challenges/${challenge.slug}/results/export/xlsx`, server.url), {
      headers: { Cookie: [...official.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'X-Forwarded-For': official.ip },
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets[0]?.rowCount).toBe(ENTRIES + 1);
  });

  it('awards an entry outside the short list by its number, and refuses one from elsewhere', async () => {
    const order = rankingOrder();
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
    expect(options).toContain(titleOf(deep));

    const other = db.prepare("SELECT id FROM submissions WHERE status = 'submitted' AND challenge_id <> ? LIMIT 1").get(challenge.challengeId) as { id: number };
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
    const voters = db.prepare("SELECT id FROM users WHERE email LIKE 'team%-results-at-scale@example.org' ORDER BY id LIMIT 3").all() as { id: number }[];
    for (const voter of voters) db.prepare('INSERT INTO votes (challenge_id, user_id, submission_id) VALUES (?, ?, ?)').run(challenge.challengeId, voter.id, challenge.entryIds[42]);
    const missing = /name="confirmMissing" value="(\d+)"/.exec((await page()).body)?.[1];
    expect(Number(missing)).toBeGreaterThan(0);
    const published = await official.post(`/manage/challenges/${challenge.slug}/results`, { intent: 'publish', confirmMissing: missing ?? '', acknowledge: 'on' });
    expect(published.location).toBe(`/challenges/${challenge.slug}/results`);
    const record = db.prepare('SELECT final, phase, missing_reviews AS missing FROM result_snapshots WHERE challenge_id = ?').get(challenge.challengeId);
    expect(record).toEqual({ final: 1, phase: 'results', missing: Number(missing) });

    const anonymous = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const first = await anonymous.get(`/challenges/${challenge.slug}/results`);
    expect(first.status).toBe(200);
    expect(first.body.length).toBeLessThan(500_000);
    const text = visibleText(first.body);
    expect(text).toContain(`全部作品（${ENTRIES}）`);
    expect(text).toContain('最佳数据奖');
    expect(text).toMatch(new RegExp(`${titleOf(challenge.entryIds[42]!)} 3 票`));
    expect(text).toContain('1 / 11');
    const last = visibleText((await anonymous.get(`/challenges/${challenge.slug}/results?page=11`)).body);
    expect(last).toContain(titleOf(challenge.entryIds.at(-1)!));

    // Later changes to the inputs do not touch the published record.
    const before = snapshot()!;
    db.prepare('UPDATE scores SET score = 0 WHERE review_id IN (SELECT id FROM reviews WHERE submission_id = ?)').run(challenge.entryIds[1]);
    expect((await anonymous.get(`/challenges/${challenge.slug}/results`)).status).toBe(200);
    expect(snapshot()).toEqual(before);
  });
});
