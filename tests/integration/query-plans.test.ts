/**
 * Every statement behind the lists of the site, read off the real server and checked with
 * EXPLAIN QUERY PLAN: none may read a large table row by row. The server runs on a small
 * national-scale database (the scale seeder at a low scale, so every kind of object exists) with
 * JDZ_SQL_LOG set, and the test walks the public lists, the APIs, and the signed-in pages of a
 * participant, a judge, an official and an admin.
 *
 * A plain `SCAN <table>` is a full table scan; `SCAN … USING (COVERING) INDEX` reads an index
 * in order (a sorted list) and passes. Datastore tables (`ds_*`) have their own planner tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJdz } from '../helpers/cli';
import { ADMIN, CIVIL_OFFICIAL, DEMO_PASSWORD, PARTICIPANT, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient } from '../helpers/http';
import { startServer, tempDataDir, type TestServer } from '../helpers/server';

/** Tables that grow with use: a scan of any of them grows every page that does it. */
const LARGE_TABLES = new Set([
  'users', 'sessions', 'email_tokens', 'audit_log', 'mail_outbox', 'datasets', 'dataset_tags', 'dataset_resources', 'resource_imports',
  'privacy_findings', 'data_requests', 'data_request_events', 'data_request_votes', 'challenges', 'challenge_posts', 'challenge_judges',
  'submissions', 'submission_members', 'submission_revisions', 'submission_datasets', 'attachments', 'judge_assignments', 'conflicts',
  'reviews', 'scores', 'awards', 'votes', 'comments', 'comment_reports', 'follows', 'notifications', 'result_entries', 'join_overlaps',
  'challenge_requests', 'adoptions', 'adoption_departments', 'adoption_updates',
]);

let server: TestServer;
let dataDir: string;
let logFile: string;

beforeAll(async () => {
  dataDir = tempDataDir('jdz-plans-');
  const databaseFile = path.join(dataDir, 'jindianzi.db');
  logFile = path.join(dataDir, 'statements.log');
  const seeded = await runJdz(databaseFile, ['db', 'seed-scale', '--scale', '0.004']);
  expect(seeded.code, seeded.stderr).toBe(0);
  server = await startServer({ dataDir, env: { JDZ_SQL_LOG: logFile } });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(email: string): Promise<HttpClient> {
  const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await http.signIn(email, DEMO_PASSWORD);
  return http;
}

async function visit(http: HttpClient, urls: string[]): Promise<void> {
  for (const url of urls) {
    const response = await http.get(url);
    expect(response.status, url).toBeLessThan(500);
  }
}

function slugsFrom(db: Database.Database) {
  const one = <T>(sql: string) => db.prepare(sql).get() as T;
  return {
    big: 'scale-big-challenge',
    results: one<{ slug: string }>("select slug from challenges where results_published_at is not null order by id limit 1").slug,
    dataset: 'scale-million-rows',
    resource: one<{ id: number }>("select r.id from dataset_resources r join datasets d on d.id = r.dataset_id where d.slug = 'scale-million-rows'").id,
    request: one<{ id: number }>('select id from data_requests order by vote_count desc limit 1').id,
    entry: one<{ id: number }>("select s.id from submissions s join challenges c on c.id = s.challenge_id where c.slug = 'scale-big-challenge' and s.status = 'submitted' limit 1").id,
  };
}

function explainAll(statements: string[]): { sql: string; plan: string }[] {
  const db = new Database(server.databaseFile, { readonly: true });
  try {
    const scans: { sql: string; plan: string }[] = [];
    for (const sql of statements) {
      let plan: string[];
      try {
        plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);
      } catch {
        continue; // statements on temporary objects or connections' own functions
      }
      const sorted = !plan.some((detail) => detail.includes('TEMP B-TREE'));
      const full = plan.filter((detail) => {
        const match = /^SCAN (\w+)(.*)$/.exec(detail);
        const table = match?.[1];
        if (!table || !LARGE_TABLES.has(table)) return false;
        if (/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(match[2] ?? '')) return false;
        // Newest first by row id, a page at a time: SQLite walks the table from its end and stops
        // at the LIMIT (the plan says only SCAN for that).
        const byRowId = new RegExp(`order by "${table}"\\."id"( desc| asc)? limit`, 'i');
        return !(sorted && byRowId.test(sql));
      });
      if (full.length > 0) scans.push({ sql: sql.slice(0, 400), plan: plan.join(' | ') });
    }
    return scans;
  } finally {
    db.close();
  }
}

describe('list queries at volume', () => {
  it('never read a large table row by row', async () => {
    const db = new Database(server.databaseFile, { readonly: true });
    const s = slugsFrom(db);
    db.close();
    const q = (text: string) => encodeURIComponent(text);
    fs.writeFileSync(logFile, '');

    const anonymous = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await visit(anonymous, [
      '/',
      '/challenges',
      '/challenges?phase=open',
      '/challenges?phase=results&page=2',
      '/challenges?sort=deadline&department=transport',
      `/challenges/${s.big}`,
      `/challenges/${s.big}?entries=3&comments=2`,
      `/challenges/${s.results}/results`,
      '/datasets',
      '/datasets?sort=title&page=2',
      '/datasets?tag=%E4%BA%A4%E9%80%9A',
      `/datasets/${s.dataset}`,
      `/datasets/${s.dataset}/resources/${s.resource}?offset=500`,
      '/requests',
      '/requests?sort=newest&page=2',
      '/requests?sort=waiting',
      `/requests/${s.request}`,
      `/entries/${s.entry}`,
      `/search?q=${q('路')}`,
      `/search?q=${q('公交')}`,
      `/search?q=${q('公交线路')}`,
      '/catalog.jsonld?page=2',
      '/catalog.ttl?page=2',
      `/datasets/${s.dataset}.rdf`,
      '/api/v1/datasets?limit=50',
      '/api/v1/challenges?phase=open',
      `/api/v1/challenges/${s.big}?limit=20&offset=40`,
      '/api/3/action/package_list',
      '/api/3/action/package_search?rows=20&start=20',
      '/api/3/action/organization_list',
      '/adopted',
      '/adopted?stage=not_adopted&page=2',
      '/adopted?department=transport&year=2026',
      '/adopted.atom',
      '/api/v1/adoptions?limit=20&stage=in_service',
    ]);
    await visit(await signedIn(PARTICIPANT), ['/me', '/notifications', '/notifications?page=3', '/account/sessions', '/account/tokens', `/challenges/${s.big}`]);
    await visit(await signedIn('judge@jindianzi.example'), ['/judging', `/judging/${s.big}`]);
    await visit(await signedIn(TRANSPORT_OFFICIAL), ['/manage', `/manage/challenges/${s.big}`, `/manage/challenges/${s.big}?entries=4`, `/manage/challenges/${s.big}/judging`, `/manage/challenges/${s.big}/results`, `/manage/challenges/${s.big}/results?filter=incomplete&page=2`, '/manage/moderation', `/requests/${s.request}`, '/manage/challenges/new?request=' + s.request]);
    await visit(await signedIn(CIVIL_OFFICIAL), ['/manage']);
    await visit(await signedIn(ADMIN), [
      '/admin/audit',
      '/admin/audit?page=2',
      '/admin/outbox',
      '/manage',
      '/admin',
      '/admin/departments',
      '/admin/people',
      '/admin/people?page=3',
      `/admin/people?q=${q('scale')}`,
      `/admin/people?q=${q('王')}&role=participant`,
      '/admin/people?role=official&department=1',
      '/admin/people/1',
      '/admin/legal',
      '/account/consent',
    ]);

    const statements = [...new Set(fs.readFileSync(logFile, 'utf8').split('\n\u001e\n').map((s) => s.trim()))].filter((sql) => /^(select|with)\b/i.test(sql));
    expect(statements.length).toBeGreaterThan(100);
    expect(explainAll(statements)).toEqual([]);
  }, 180_000);
});
